import { createRoute, z } from '@hono/zod-openapi';
import type { ListingTitles } from '../../application/queries/listing-titles.js';
import { suggest, suggestQuerySchema } from '../../application/queries/suggest-query.js';
import { json } from '../respond.js';
import { access, jsonResponse, problems, router } from '../route.js';

const SuggestionsSchema = z
  .object({
    q: z.string(),
    suggestions: z.array(
      z.object({
        text: z.string().openapi({ description: '填入搜索框的文字' }),
        kind: z
          .enum(['industry', 'scenarioType', 'technology', 'city', 'need', 'solution'])
          .openapi({ description: '行业、场景类型、技术、地市，或需求、方案的标题' }),
        code: z.string().optional().openapi({ description: '分类代码（行业、场景类型、技术、地市）' }),
        id: z.string().optional().openapi({ description: '需求或方案的编号（标题）' }),
      }),
    ),
  })
  .openapi('Suggestions');

/**
 * `/api/v1/suggest`: autocomplete under the search box, from taxonomy labels and the titles of public
 * listings (the same for every caller: drafts and the review queue are never offered). Public.
 */
export function suggestRouter({ titles }: { titles: ListingTitles }) {
  const route = createRoute({
    method: 'get',
    path: '/',
    tags: ['search'],
    summary: '搜索联想：以输入文字开头的行业、场景类型、技术、地市名称，以及已发布需求和方案的标题',
    ...access('public'),
    request: { query: suggestQuerySchema },
    responses: { 200: jsonResponse(SuggestionsSchema, '联想词，最相关的在前'), ...problems(422, 429) },
  });
  return router().openapi(route, async (c) => {
    const query = c.req.valid('query');
    return json(c, { q: query.q, suggestions: suggest(await titles.current(), query) });
  });
}
