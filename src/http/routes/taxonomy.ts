import { createRoute, z } from '@hono/zod-openapi';
import { taxonomyTerms } from '../../domain/shared/taxonomy.js';
import { json } from '../respond.js';
import { access, jsonResponse, problems, router } from '../route.js';

const Terms = (what: string) =>
  z
    .array(
      z.object({
        code: z.string().openapi({ description: '请求与响应中使用的代码' }),
        zh: z.string().openapi({ description: '中文名称' }),
        aliases: z.array(z.string()).openapi({ description: '其他叫法（英文名、简称等）' }),
      }),
    )
    .openapi({ description: what });

const TaxonomySchema = z
  .object({
    industries: Terms('行业（industry、industries）'),
    scenarioTypes: Terms('场景类型（scenarioType、scenarioTypes）'),
    technologies: Terms('技术（technologies）'),
    cities: Terms('山东省16市（city、regionsServed；regionsServed 另可填 * 表示全省）'),
    qualifications: Terms('机构资质（qualifications）'),
  })
  .openapi('Taxonomy');

/** `/api/v1/taxonomy`: the codes the other routes take, with their Chinese labels. Public. */
export function taxonomyRouter() {
  const taxonomy = createRoute({
    method: 'get',
    path: '/',
    tags: ['taxonomy'],
    summary: '分类代码表：行业、场景类型、技术、城市、资质的代码、中文名称与别名',
    ...access('public'),
    responses: { 200: jsonResponse(TaxonomySchema, '分类代码表'), ...problems(429) },
  });
  const terms = taxonomyTerms();
  return router().openapi(taxonomy, (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return json(c, terms);
  });
}
