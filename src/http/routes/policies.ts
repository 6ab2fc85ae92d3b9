import { createRoute, z } from '@hono/zod-openapi';
import { policyLinks } from '../../application/policies/policies.js';
import { json } from '../respond.js';
import { access, jsonResponse, problems, router } from '../route.js';

const PolicyLink = (what: string) =>
  z
    .object({
      version: z.string().openapi({ description: '现行版本；注册时 accepted 中须填此版本' }),
      url: z.string().openapi({ description: '阅读全文的页面' }),
    })
    .openapi({ description: what });

const PoliciesSchema = z
  .object({ privacyPolicy: PolicyLink('隐私政策'), userAgreement: PolicyLink('用户协议') })
  .openapi('Policies');

/** `/api/v1/policies`: the current 隐私政策 and 用户协议, which registration must accept. Public. */
export function policiesRouter() {
  const get = createRoute({
    method: 'get',
    path: '/',
    tags: ['policies'],
    summary: '隐私政策与用户协议的现行版本及页面地址（注册时须同意）',
    ...access('public'),
    responses: { 200: jsonResponse(PoliciesSchema, '现行版本'), ...problems(429) },
  });
  return router().openapi(get, (c) => json(c, policyLinks()));
}
