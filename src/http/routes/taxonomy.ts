import { createRoute, z } from '@hono/zod-openapi';
import { loadCityDirectory } from '../../application/city-directory.js';
import { addCity } from '../../application/taxonomy-city-service.js';
import { taxonomyTerms } from '../../domain/shared/taxonomy.js';
import { addCityInput } from '../../domain/taxonomy/commands.js';
import type { HttpDeps } from '../../server/deps.js';
import { json, requestContext } from '../respond.js';
import { access, jsonBody, jsonResponse, problems, router } from '../route.js';

const Term = z.object({
  code: z.string().openapi({ description: '请求与响应中使用的代码' }),
  zh: z.string().openapi({ description: '中文名称' }),
  aliases: z.array(z.string()).openapi({ description: '其他叫法（英文名、简称等）' }),
});

const Terms = (what: string) => z.array(Term).openapi({ description: what });

const CityTerm = Term.extend({
  province: z.string().optional().openapi({ description: '省外城市所属的省份；山东省16市没有此项' }),
});

const TaxonomySchema = z
  .object({
    industries: Terms('行业（industry、industries）'),
    scenarioTypes: Terms('场景类型（scenarioType、scenarioTypes）'),
    technologies: Terms('技术（technologies）'),
    cities: z.array(CityTerm).openapi({
      description:
        '山东省16市，其后是百城牵手添加的省外城市（city、regionsServed；regionsServed 另可填 * 表示全省）',
    }),
    qualifications: Terms('机构资质（qualifications）'),
  })
  .openapi('Taxonomy');

const AddedCitySchema = z
  .object({
    code: z.string(),
    zh: z.string(),
    province: z.string(),
    addedAt: z.string().openapi({ description: '添加时间（ISO 8601）' }),
  })
  .openapi('AddedCity');

const taxonomy = createRoute({
  method: 'get',
  path: '/',
  tags: ['taxonomy'],
  summary: '分类代码表：行业、场景类型、技术、城市、资质的代码、中文名称与别名',
  ...access('public'),
  responses: { 200: jsonResponse(TaxonomySchema, '分类代码表'), ...problems(429) },
});

const addCityRoute = createRoute({
  method: 'post',
  path: '/cities',
  tags: ['taxonomy'],
  summary: '添加省外城市（百城牵手，仅省级平台工作人员）：之后机构可登记在该城市，需求、征集和打榜都可用它',
  ...access(['staff']),
  request: { body: jsonBody(addCityInput) },
  responses: {
    201: jsonResponse(AddedCitySchema, '添加的城市'),
    ...problems(401, 403, 409, 413, 415, 422, 429),
  },
});

/** `/api/v1/taxonomy`: the codes the other routes take, with their Chinese labels. Public to read. */
export function taxonomyRouter(deps: HttpDeps) {
  const { app } = deps;
  const terms = taxonomyTerms();
  return router()
    .openapi(taxonomy, async (c) => {
      const directory = await loadCityDirectory(app.store);
      const cities = directory.cities.map(({ code, zh, province }) => ({
        code,
        zh,
        aliases: [`${zh}市`],
        ...(province === null ? {} : { province }),
      }));
      // Short: a city added by staff should reach the forms of people already browsing.
      c.header('Cache-Control', 'public, max-age=60');
      return json(c, { ...terms, cities });
    })
    .openapi(addCityRoute, async (c) => {
      const city = await addCity(app, requestContext(c), c.req.valid('json'));
      return json(c, city, 201);
    });
}
