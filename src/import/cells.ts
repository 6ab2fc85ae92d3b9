import {
  resolveCity,
  resolveIndustry,
  resolveScenarioType,
  resolveTechnology,
} from '../domain/shared/taxonomy.js';
import { importMessages as m } from './messages.js';

/** A cell read into the domain's terms, or the reason it cannot be. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** Full-width digits and punctuation (５０～１２０) as their ASCII forms; spaces out. */
function normalized(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

const NUMBER = String.raw`\d+(?:\.\d+)?`;
const WAN_RANGE = new RegExp(`^(${NUMBER})(?:(?:-|~|—|–|至|到)(${NUMBER}))?$`);

/** 预算(万元): "100" (min = max), "50-120", "50~120", "50至120"; a trailing 万/万元 is tolerated, words are not. */
export function parseWanRange(cell: string): Parsed<{ min: number; max: number }> {
  const text = normalized(cell)
    .replace(/(\d),(?=\d{3})/g, '$1')
    .replace(/万元?$/, '');
  const match = WAN_RANGE.exec(text);
  if (!match) return fail(m.budgetNotNumeric(cell.trim()));
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (min > max) return fail(m.budgetReversed(cell.trim()));
  return ok({ min, max });
}

/** Several values in one cell, separated as people type them: 、，,；; / | or line breaks. */
export function splitList(cell: string): string[] {
  const items = cell
    .split(/[、,，;；/|\n\r]+/)
    .map((item) => item.trim())
    .filter(Boolean);
  return [...new Set(items)];
}

function resolveAll(
  cell: string,
  resolve: (term: string) => string | undefined,
  unknown: (v: string) => string,
) {
  const codes: string[] = [];
  const reasons: string[] = [];
  for (const term of splitList(cell)) {
    const code = resolve(term);
    if (code === undefined) reasons.push(unknown(term));
    else if (!codes.includes(code)) codes.push(code);
  }
  return reasons.length > 0 ? fail<string[]>(reasons.join('；')) : ok(codes);
}

export function parseTechnologies(cell: string): Parsed<string[]> {
  return resolveAll(cell, resolveTechnology, m.unknownTechnology);
}

export function parseIndustry(cell: string): Parsed<string> {
  const code = resolveIndustry(cell);
  return code ? ok(code) : fail(m.unknownIndustry(cell.trim()));
}

export function parseIndustries(cell: string): Parsed<string[]> {
  return resolveAll(cell, resolveIndustry, m.unknownIndustry);
}

export function parseScenarioType(cell: string): Parsed<string> {
  const code = resolveScenarioType(cell);
  return code ? ok(code) : fail(m.unknownScenarioType(cell.trim()));
}

export function parseScenarioTypes(cell: string): Parsed<string[]> {
  return resolveAll(cell, resolveScenarioType, m.unknownScenarioType);
}

/** 所在地市: 淄博, 淄博市, 山东省淄博市 or the code; anything else is outside the province's 16 cities. */
export function parseCity(cell: string): Parsed<string> {
  const code = resolveCityTerm(cell);
  return code ? ok(code) : fail(m.cityOutsideProvince(cell.trim()));
}

function resolveCityTerm(term: string): string | undefined {
  return resolveCity(normalized(term).replace(/^山东省?/, ''));
}

const PROVINCE_WIDE = new Set(['*', '全省', '山东', '山东省', '山东全省', '全省各地市', '全省范围']);

/** 服务地区: 全省 (stored as '*') or a list of cities. */
export function parseRegions(cell: string): Parsed<string[]> {
  if (PROVINCE_WIDE.has(normalized(cell))) return ok(['*']);
  return resolveAll(cell, resolveCityTerm, m.cityOutsideProvince);
}

const deploymentByTerm = new Map<string, string>([
  ['saas', 'saas'],
  ['云服务', 'saas'],
  ['公有云', 'saas'],
  ['订阅', 'saas'],
  ['本地部署', 'on-premise'],
  ['本地化部署', 'on-premise'],
  ['私有化部署', 'on-premise'],
  ['on-premise', 'on-premise'],
  ['混合部署', 'hybrid'],
  ['混合', 'hybrid'],
  ['hybrid', 'hybrid'],
]);

export function parseDeployment(cell: string): Parsed<string> {
  const code = deploymentByTerm.get(normalized(cell).toLowerCase());
  return code ? ok(code) : fail(m.unknownDeployment(cell.trim()));
}

/** 2025-06-30, 2025/6/30, 2025.6.30 or 2025年6月30日, as YYYY-MM-DD; whether the day exists is the schema's call. */
export function parseDate(cell: string): Parsed<string> {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(normalized(cell));
  if (!match) return fail(m.badDate(cell.trim()));
  const [, year, month, day] = match;
  return ok(`${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`);
}
