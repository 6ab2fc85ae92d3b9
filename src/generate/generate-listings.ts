import { cities } from '../domain/shared/taxonomy.js';
import { needText, pickTechnologies, solutionText, wanRange } from './compose.js';
import { createOrganizationFactory } from './organizations.js';
import { createRandom, type Random } from './random.js';
import type { GeneratedOrganization, GeneratedRecord, GeneratedSolution } from './records.js';
import { type Theme, themes } from './themes.js';

export interface GenerateOptions {
  needs: number;
  solutions: number;
  seed: string | number;
}

/**
 * How often a listing comes from an organization that already posted one: about one organization per
 * ten listings. Loading registers every organization with a hashed administrator password, which is
 * what a large load spends most of its time on.
 */
const REPEAT_POSTER = 0.9;

const USCC_TAG_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function runTag(random: Random): string {
  return Array.from({ length: 3 }, () => random.pick([...USCC_TAG_ALPHABET])).join('');
}

/**
 * Synthetic needs and solutions, interleaved (needs and solutions alternate in proportion) with the
 * organizations behind them, each organization just before its first listing. The same options give
 * the same records, byte for byte. Keys are `G<seed>-O…`, `-N…`, `-S…`, so two runs with different
 * seeds load side by side.
 */
export function* generateListings(options: GenerateOptions): Generator<GeneratedRecord> {
  const random = createRandom(options.seed);
  const orgs = createOrganizationFactory(random, runTag(random));
  const prefix = `G${options.seed}`;
  const demandersByIndustry = new Map<string, GeneratedOrganization[]>();
  const vendorsByTheme = new Map<Theme, GeneratedOrganization[]>();
  const titles = new Map<string, Set<string>>();
  const titlesOf = (orgKey: string) => {
    const taken = titles.get(orgKey) ?? new Set<string>();
    titles.set(orgKey, taken);
    return taken;
  };
  let orgCount = 0;
  const newKey = (kind: string, n: number) => `${prefix}-${kind}${String(n).padStart(6, '0')}`;

  const total = options.needs + options.solutions;
  let needs = 0;
  let solutions = 0;
  for (let i = 0; i < total; i++) {
    // Bresenham-style interleaving: at every point the two counts are in the requested proportion.
    const needTurn =
      solutions >= options.solutions || (needs + 1) * options.solutions <= (solutions + 1) * options.needs;
    const theme = random.pick(themes);
    if (needTurn) {
      needs++;
      const industry = random.pick(theme.industries);
      const pool = demandersByIndustry.get(industry) ?? [];
      demandersByIndustry.set(industry, pool);
      let org = pool.length > 0 && random.chance(REPEAT_POSTER) ? random.pick(pool) : undefined;
      if (!org) {
        org = { ...orgs.demander(industry), key: newKey('O', ++orgCount) };
        pool.push(org);
        yield org;
      }
      const technologies = pickTechnologies(random, theme);
      const text = freshText(titlesOf(org.key), () => needText(random, theme, technologies));
      yield {
        type: 'need',
        key: newKey('N', needs),
        org: org.key,
        ...text,
        industry,
        // A theme's first scenario type is its main one; the others fit some of its titles.
        scenarioType: random.chance(0.75) ? theme.scenarioTypes[0]! : random.pick(theme.scenarioTypes),
        technologies,
        city: org.city,
        budgetWan: wanRange(random, theme.budgetWan),
      };
    } else {
      solutions++;
      const pool = vendorsByTheme.get(theme) ?? [];
      vendorsByTheme.set(theme, pool);
      let vendor = pool.length > 0 && random.chance(REPEAT_POSTER) ? random.pick(pool) : undefined;
      if (!vendor) {
        vendor = { ...orgs.vendor(theme), key: newKey('O', ++orgCount) };
        pool.push(vendor);
        yield vendor;
      }
      yield solution(random, theme, vendor, newKey('S', solutions), titlesOf(vendor.key));
    }
  }
}

/** An organization does not post the same title twice (an import would count the second as a duplicate). */
function freshText<T extends { title: string }>(taken: Set<string>, compose: () => T): T {
  let text = compose();
  for (let attempt = 0; attempt < 8 && taken.has(text.title); attempt++) text = compose();
  // Still taken after eight draws: the theme's titles are exhausted for this poster, so tell them apart.
  if (taken.has(text.title)) text = { ...text, title: `${text.title}（${taken.size + 1}期）` };
  taken.add(text.title);
  return text;
}

function solution(
  random: Random,
  theme: Theme,
  vendor: GeneratedOrganization,
  key: string,
  taken: Set<string>,
): GeneratedSolution {
  const industries = random.sample(theme.industries, random.int(1, Math.min(3, theme.industries.length)));
  const technologies = pickTechnologies(random, theme);
  const deployment = random.pick(['saas', 'on-premise', 'hybrid'] as const);
  const regionsServed = random.chance(0.6)
    ? ['*']
    : [...new Set([vendor.city, ...random.sample(cities, random.int(1, 7)).map((c) => c.code)])];
  const [lo, hi] = theme.budgetWan;
  return {
    type: 'solution',
    key,
    org: vendor.key,
    ...freshText(taken, () => solutionText(random, theme, { industries, technologies, deployment })),
    industries,
    scenarioTypes: random.sample(theme.scenarioTypes, random.int(1, theme.scenarioTypes.length)),
    technologies,
    regionsServed,
    priceWan: wanRange(random, [Math.max(1, lo * 0.3), hi]),
    deployment,
  };
}
