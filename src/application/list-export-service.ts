import type { NeedListItem, SolutionListItem } from '../domain/campaign/events.js';
import { needDecider } from '../domain/need/decider.js';
import { needStream } from '../domain/need/stream.js';
import { solutionDecider } from '../domain/solution/decider.js';
import { solutionStream } from '../domain/solution/stream.js';
import {
  type ListFormat,
  type ListSheet,
  type NeedListRow,
  type RenderedList,
  renderList,
  type SolutionListRow,
} from '../export/list-export.js';
import type { ListKind } from '../sheet/list-columns.js';
import { type CampaignList, getCampaignList } from './campaign-service.js';
import { readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { recordExport } from './security-log.js';
import { staffDutiesOf } from './staff-duties.js';

export interface ListExportRequest {
  campaignId: string;
  kind: ListKind;
  format: ListFormat;
  /** A published version; the latest by default. */
  version?: number;
  /**
   * The site's address (`https://host`) that the 对接方式 links start with; without it they are the
   * site's paths, as the command line, which knows no host, writes them.
   */
  siteUrl?: string;
}

/** 对接方式 of a listing: its page on the platform, where a vendor applies or a demander gets in touch. */
function linkOf(kind: ListKind, id: string, siteUrl: string | undefined): string {
  return `${siteUrl ?? ''}/${kind}/${id}`;
}

const READ_CONCURRENCY = 16;

async function mapInOrder<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, items.length) }, worker));
  return results;
}

/**
 * A published list with what a reader needs to act on each line beyond the frozen list items: the
 * description and the deadline, read from each listing's own stream, and the link to respond by (对接方式).
 * Contacts only when asked for (staff): no demander has agreed to have its phone number in a public list.
 */
export async function loadListSheet(
  deps: AppDeps,
  request: Omit<ListExportRequest, 'format'>,
  options: { includeContact: boolean },
): Promise<ListSheet> {
  const list = await getCampaignList(deps, request.campaignId, request.kind, request.version);
  const heading = {
    campaignTitle: list.title,
    version: list.version,
    publishedAt: list.publishedAt,
    gathered: list.gathered,
  };
  if (list.kind === 'needs') {
    const rows = await mapInOrder(list.items as NeedListItem[], async (item): Promise<NeedListRow> => {
      const { state: need } = await readEntity(deps.store, needStream(item.id), needDecider);
      return {
        seq: item.seq,
        title: item.title,
        orgName: item.orgName,
        industry: item.industry,
        scenarioType: item.scenarioType,
        city: item.city,
        description: need.description,
        technologies: item.technologies,
        budgetWan: item.budgetWan,
        deadline: need.deadline,
        link: linkOf('needs', item.id, request.siteUrl),
        contact: options.includeContact ? need.contact : null,
        sourceCity: item.source?.city ?? null,
      };
    });
    return { kind: 'needs', ...heading, rows };
  }
  const rows = await mapInOrder(list.items as SolutionListItem[], async (item): Promise<SolutionListRow> => {
    const { state: solution } = await readEntity(deps.store, solutionStream(item.id), solutionDecider);
    return {
      seq: item.seq,
      title: item.title,
      orgName: item.orgName,
      industries: item.industries,
      scenarioTypes: item.scenarioTypes,
      technologies: item.technologies,
      regionsServed: item.regionsServed,
      description: solution.description,
      priceWan: item.priceWan,
      deployment: item.deployment,
      link: linkOf('solutions', item.id, request.siteUrl),
      sourceCity: item.source?.city ?? null,
    };
  });
  return { kind: 'solutions', ...heading, rows };
}

/** A line of a published list as JSON: the frozen item with its description, deadline and 对接方式. */
export type DescribedListItem = CampaignList['items'][number] & {
  description: string;
  deadline?: string | null;
  link: string;
};
export type DescribedCampaignList = Omit<CampaignList, 'items'> & { items: DescribedListItem[] };

/**
 * GET /api/v1/campaigns/:id/list (JSON): the published list as frozen, each line with what it is about
 * and how to respond, for anyone. No contacts: those stay on the listing's page, behind its rules.
 */
export async function describedCampaignList(
  deps: AppDeps,
  request: Omit<ListExportRequest, 'format'>,
): Promise<DescribedCampaignList> {
  const list = await getCampaignList(deps, request.campaignId, request.kind, request.version);
  const items = await mapInOrder(list.items, async (item): Promise<DescribedListItem> => {
    const link = linkOf(list.kind, item.id, request.siteUrl);
    if (list.kind === 'needs') {
      const { state: need } = await readEntity(deps.store, needStream(item.id), needDecider);
      return { ...item, description: need.description, deadline: need.deadline, link };
    }
    const { state: solution } = await readEntity(deps.store, solutionStream(item.id), solutionDecider);
    return { ...item, description: solution.description, link };
  });
  return { ...list, items };
}

/**
 * GET /api/v1/campaigns/:id/list?format=xlsx|csv and `yunsupei export list`: the published list as a
 * spreadsheet. Staff (业务人员) get the contact columns; everyone else gets the public list without them. Each
 * download is recorded in the security log.
 */
export async function exportCampaignList(
  deps: AppDeps,
  ctx: RequestContext,
  request: ListExportRequest,
): Promise<RenderedList> {
  // The contacts are for 业务人员: a staff account of other duties gets the public list.
  const includeContact = (await staffDutiesOf(deps, ctx.actor))?.includes('business') === true;
  const sheet = await loadListSheet(deps, request, { includeContact });
  const rendered = await renderList(sheet, request.format, { includeContact });
  await recordExport(deps, ctx, rendered.filename);
  return rendered;
}
