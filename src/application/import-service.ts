import { createHash } from 'node:crypto';
import { organizationDecider } from '../domain/organization/decider.js';
import type { Organization } from '../domain/organization/state.js';
import { organizationStream } from '../domain/organization/stream.js';
import { campaignRefusal } from '../domain/shared/campaign-facts.js';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../domain/shared/errors.js';
import { type ColumnMapping, type HeaderOverrides, mapColumns } from '../import/header-mapping.js';
import { importMessages as m } from '../import/messages.js';
import { needFieldOfPath, readNeedRow } from '../import/need-row.js';
import type { ImportReport } from '../import/report.js';
import { type DataRow, dataRows, RowCheck } from '../import/rows.js';
import { readSolutionRow, solutionFieldOfPath } from '../import/solution-row.js';
import type { ListKind } from '../sheet/list-columns.js';
import { readWorkbook, type Sheet, type SheetLimits, type Workbook } from '../sheet/read-sheet.js';
import { loadCampaignFacts } from './campaign-facts.js';
import { readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import { claimLedgerKey, completeLedgerKey, listingLedgerKey, readLedger } from './import-ledger.js';
import { actingFor, type LoadSteps, loadNeed, loadSolution } from './listing-loader.js';

export interface ImportOptions {
  kind: ListKind;
  /** Every row goes into this campaign (it must be open and take this kind). */
  campaignId?: string;
  /** Every row belongs to this organization; otherwise the 需求单位/服务商 column names it. */
  orgId?: string;
  /** Extra header names: the header as in the file → the field, e.g. {"项目名称": "title"}. */
  mapping?: HeaderOverrides;
  /** Validate and report without writing anything. */
  dryRun?: boolean;
  limits?: SheetLimits;
  onProgress?: (done: number, total: number) => void;
  /** Stops between two rows; the rows written stay, and importing the file again continues. */
  signal?: AbortSignal;
}

export interface ImportFile {
  bytes: Buffer;
  filename: string;
}

interface ValidRow {
  row: DataRow;
  check: RowCheck;
  org: Organization;
  fields: { title: string };
  key: string;
}

const itemKind = { needs: 'need', solutions: 'solution' } as const;
const orgKind = { needs: 'demander', solutions: 'vendor' } as const;

/**
 * Imports a need or solution list from a spreadsheet (POST /api/v1/imports, `yunsupei import`).
 *
 * The file is read and every row checked first; a file that cannot be read, lacks a required column or
 * names an unusable campaign or organization is refused as a whole, before anything is written. Valid
 * rows then run through the same commands as the API, in file order (which becomes their order on the
 * campaign's list): created and submitted for their organization and, when staff import, approved at
 * once, because a list staff upload is the bureau's own vetted list (a need outside campaigns is then
 * published; one inside waits for its campaign's list). An organization's own upload stays under review.
 * Each row is keyed by kind, organization and title in the import ledger, so a row imported before is a
 * duplicate, and an import cut off half-way resumes when run again.
 */
export async function importListings(
  deps: AppDeps,
  ctx: RequestContext,
  file: ImportFile,
  options: ImportOptions,
): Promise<ImportReport> {
  const { actor } = ctx;
  if (actor.role === 'anonymous' || (actor.role !== 'staff' && !actor.orgId)) {
    throw new ForbiddenError('import.forbidden', m.forbidden);
  }
  if (actor.role !== 'staff' && options.orgId && options.orgId !== actor.orgId) {
    throw new ForbiddenError('import.other_org', m.otherOrg);
  }
  const kind = options.kind;
  const orgId = actor.role === 'staff' ? options.orgId : (actor.orgId ?? undefined);
  const fixedOrg = orgId ? await requireUsableOrg(deps, orgId, kind) : null;
  if (options.campaignId) await requireOpenCampaign(deps, options.campaignId, kind);

  const workbook = await readWorkbook(file.bytes, file.filename, options.limits);
  const { sheet, mapping } = pickSheet(workbook, kind, {
    overrides: options.mapping,
    orgGiven: Boolean(fixedOrg),
  });
  const { rows, blank } = dataRows(sheet.rows, mapping);
  if (rows.length === 0) throw new DomainError('import.no_rows', m.noRows, 422);

  const report: ImportReport = {
    kind,
    file: {
      name: file.filename,
      format: workbook.format,
      encoding: workbook.encoding ?? null,
      sheet: sheet.name,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
    },
    dryRun: Boolean(options.dryRun),
    counts: { read: rows.length, imported: 0, duplicate: 0, rejected: 0, blank },
    columns: {
      mapped: mapping.columns.map(({ header, field }) => ({ header, field })),
      ignored: mapping.ignored,
    },
    imported: [],
    duplicates: [],
    issues: [],
    warnings: [],
  };

  const orgs = fixedOrg ? null : await organizationsByName(deps);
  const firstRowOfKey = new Map<string, number>();
  const valid: ValidRow[] = [];
  for (const row of rows) {
    const check = new RowCheck(row, kind, mapping);
    const org = fixedOrg ?? (await orgOfRow(deps, check, kind, orgs!));
    const fields =
      kind === 'needs'
        ? readNeedRow(check, { orgContact: org?.contact ?? null, campaignId: options.campaignId })
        : readSolutionRow(check, { campaignId: options.campaignId });
    report.warnings.push(...check.warnings);
    if (!org || !fields || check.issues.length > 0) {
      reject(report, check);
      continue;
    }
    const key = listingLedgerKey(kind, org.id, fields.title);
    const first = firstRowOfKey.get(key);
    if (first !== undefined) {
      report.counts.duplicate++;
      report.duplicates.push({
        row: row.rowNumber,
        title: fields.title,
        reason: m.duplicateInFile(first),
        existingId: null,
      });
      continue;
    }
    firstRowOfKey.set(key, row.rowNumber);
    valid.push({ row, check, org, fields, key });
  }

  const reviewer = actor.role === 'staff' ? ctx : null;
  let done = 0;
  for (const item of valid) {
    options.signal?.throwIfAborted();
    await writeRow(deps, ctx, report, item, { kind, reviewer, sha256: report.file.sha256 });
    options.onProgress?.(++done, valid.length);
  }
  deps.logger.info(
    { kind, file: file.filename, sha256: report.file.sha256, dryRun: report.dryRun, ...report.counts },
    'list imported',
  );
  return report;
}

async function writeRow(
  deps: AppDeps,
  ctx: RequestContext,
  report: ImportReport,
  { row, check, org, fields, key }: ValidRow,
  options: { kind: ListKind; reviewer: RequestContext | null; sha256: string },
): Promise<void> {
  if (report.dryRun) {
    const ledger = await readLedger(deps.store, key);
    if (ledger?.state === 'completed') duplicate(report, row, fields.title, ledger.itemId);
    else report.counts.imported++;
    return;
  }
  const now = deps.clock();
  const metadata = eventMetadata(ctx, now);
  const source = { file: report.file.name, sha256: options.sha256, row: row.rowNumber, kind: options.kind };
  const claim = await claimLedgerKey(deps.store, key, deps.newId(), {
    source,
    at: now.toISOString(),
    metadata,
  });
  if (claim.state === 'completed') {
    duplicate(report, row, fields.title, claim.itemId);
    return;
  }
  const steps: LoadSteps = { owner: actingFor(ctx, org), reviewer: options.reviewer };
  try {
    const state =
      options.kind === 'needs'
        ? await loadNeed(deps, claim.itemId, fields, steps)
        : await loadSolution(deps, claim.itemId, fields, steps);
    await completeLedgerKey(deps.store, key, claim.itemId, { at: deps.clock().toISOString(), metadata });
    report.counts.imported++;
    report.imported.push({ row: row.rowNumber, id: claim.itemId, title: fields.title, status: state.status });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    fileDomainError(check, error, options.kind);
    reject(report, check);
  }
}

function duplicate(report: ImportReport, row: DataRow, title: string, existingId: string): void {
  report.counts.duplicate++;
  report.duplicates.push({ row: row.rowNumber, title, reason: m.alreadyImported, existingId });
}

function reject(report: ImportReport, check: RowCheck): void {
  report.counts.rejected++;
  report.issues.push(...check.issues);
}

/** A refusal from the commands themselves (e.g. a deadline already past), filed under its column. */
function fileDomainError(check: RowCheck, error: DomainError, kind: ListKind): void {
  const fieldOf = kind === 'needs' ? needFieldOfPath : solutionFieldOfPath;
  if (error instanceof ValidationError) {
    for (const issue of error.errors) check.fail(fieldOf(issue.path), issue.message);
  } else {
    check.fail('title', error.message);
  }
}

function pickSheet(
  workbook: Workbook,
  kind: ListKind,
  options: { overrides?: HeaderOverrides; orgGiven: boolean },
): { sheet: Sheet; mapping: ColumnMapping } {
  let firstError: unknown;
  for (const sheet of workbook.sheets) {
    try {
      return { sheet, mapping: mapColumns(sheet.rows, kind, options) };
    } catch (error) {
      firstError ??= error;
    }
  }
  throw firstError ?? new DomainError('import.no_rows', m.noRows, 422);
}

async function requireUsableOrg(deps: AppDeps, orgId: string, kind: ListKind): Promise<Organization> {
  const { state, revision } = await readEntity(deps.store, organizationStream(orgId), organizationDecider);
  if (revision === null) throw new NotFoundError('organization', orgId);
  if (state.kind !== orgKind[kind])
    throw new DomainError('import.org_kind_mismatch', m.orgKindMismatch(kind), 422);
  if (state.status !== 'verified')
    throw new DomainError('import.org_not_verified', m.orgNotVerifiedFile, 422);
  return state;
}

async function requireOpenCampaign(deps: AppDeps, campaignId: string, kind: ListKind): Promise<void> {
  const facts = await loadCampaignFacts(deps, campaignId);
  if (facts.status === 'initial') throw new NotFoundError('campaign', campaignId);
  const refusal = campaignRefusal(facts, campaignId, itemKind[kind], deps.clock());
  if (refusal === 'not_open') throw new DomainError('import.campaign_not_open', m.campaignNotOpen, 409);
  if (refusal === 'kind_mismatch') {
    throw new DomainError('import.campaign_kind_mismatch', m.campaignKindMismatch(kind), 409);
  }
}

async function orgOfRow(
  deps: AppDeps,
  check: RowCheck,
  kind: ListKind,
  orgs: Map<string, string[]>,
): Promise<Organization | null> {
  const name = check.cell('orgName');
  if (!name) {
    check.fail('orgName', m.required(check.column('orgName')));
    return null;
  }
  const ids = orgs.get(name.normalize('NFKC')) ?? [];
  if (ids.length > 1) {
    check.fail('orgName', m.orgAmbiguous(name));
    return null;
  }
  const [id] = ids;
  const org = id ? (await readEntity(deps.store, organizationStream(id), organizationDecider)).state : null;
  if (!org || org.kind !== orgKind[kind]) {
    check.fail('orgName', kind === 'needs' ? m.orgNotRegistered(name) : m.vendorNotRegistered(name));
    return null;
  }
  if (org.status !== 'verified') {
    check.fail('orgName', m.orgNotVerified(name));
    return null;
  }
  return org;
}

const SCAN_PAGE = 2000;

/**
 * Organization names → ids, from a scan of `$all` for registrations. No name index exists yet (the
 * search projections index listings, not organizations); this scan is acceptable for the import alone
 * and reads every event once per import. When an organization read model exists, use it here instead.
 */
async function organizationsByName(deps: AppDeps): Promise<Map<string, string[]>> {
  const byName = new Map<string, string[]>();
  let from: bigint | 'start' = 'start';
  for (;;) {
    const page = await deps.store.readAll({ fromPosition: from, maxCount: SCAN_PAGE });
    for (const event of page) {
      if (event.type !== 'OrganizationRegistered' || !event.stream.startsWith('org-')) continue;
      const name = String(event.data.name).normalize('NFKC');
      const id = String(event.data.orgId);
      byName.set(name, [...(byName.get(name) ?? []), id]);
    }
    const last = page.at(-1);
    if (page.length < SCAN_PAGE || !last) return byName;
    from = last.position + 1n;
  }
}
