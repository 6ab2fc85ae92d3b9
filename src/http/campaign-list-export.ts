import type { Context } from 'hono';
import type { AppDeps } from '../application/deps.js';
import { describedCampaignList, exportCampaignList } from '../application/list-export-service.js';
import { contentDisposition } from '../export/list-export.js';
import type { HttpEnv } from '../server/env.js';
import type { ListKind } from '../sheet/list-columns.js';
import { type ApiResponse, json, requestContext } from './respond.js';

export interface CampaignListQuery {
  kind: ListKind;
  version?: number | undefined;
  format: 'json' | 'csv' | 'xlsx';
}

/**
 * GET /api/v1/campaigns/:id/list: a published list as JSON or as the same spreadsheet the pages and
 * `yunsupei export list` give (场景描述, 截止日期, 对接方式 …; staff also get the contact columns). The
 * 对接方式 links start with the address this request came to.
 */
export async function campaignListResponse(
  c: Context<HttpEnv>,
  app: AppDeps,
  campaignId: string,
  { kind, version, format }: CampaignListQuery,
): Promise<ApiResponse> {
  const request = {
    campaignId,
    kind,
    siteUrl: new URL(c.req.url).origin,
    ...(version === undefined ? {} : { version }),
  };
  if (format === 'json') return json(c, await describedCampaignList(app, request));
  const file = await exportCampaignList(app, requestContext(c), { ...request, format });
  return c.body(new Uint8Array(file.body), 200, {
    'Content-Type': file.contentType,
    'Content-Disposition': contentDisposition(file.filename),
  }) as ApiResponse;
}
