import taxonomy from './taxonomy.json' with { type: 'json' };

/** The shared vocabulary (industries, scenario types, technologies with aliases, cities, qualifications). */
export interface TaxonomyEntry {
  code: string;
  zh: string;
  en: string;
}

export interface TechnologyEntry extends TaxonomyEntry {
  aliases: string[];
}

export const industries: ReadonlyArray<TaxonomyEntry & { tenStrong: boolean }> = taxonomy.industries;
export const scenarioTypes: ReadonlyArray<TaxonomyEntry> = taxonomy.scenarioTypes;
export const technologies: ReadonlyArray<TechnologyEntry> = taxonomy.technologies;
export const cities: ReadonlyArray<{ code: string; zh: string }> = taxonomy.cities;
export const qualifications: ReadonlyArray<{ code: string; zh: string }> = taxonomy.qualifications;

export type TaxonomyKind = 'industry' | 'scenarioType' | 'technology' | 'city' | 'qualification';

const entriesByKind: Record<TaxonomyKind, ReadonlyArray<{ code: string; zh: string }>> = {
  industry: industries,
  scenarioType: scenarioTypes,
  technology: technologies,
  city: cities,
  qualification: qualifications,
};

const codeSets = Object.fromEntries(
  Object.entries(entriesByKind).map(([kind, entries]) => [kind, new Set(entries.map((e) => e.code))]),
) as Record<TaxonomyKind, Set<string>>;

const labels = Object.fromEntries(
  Object.entries(entriesByKind).map(([kind, entries]) => [kind, new Map(entries.map((e) => [e.code, e.zh]))]),
) as Record<TaxonomyKind, Map<string, string>>;

export function isCode(kind: TaxonomyKind, code: string): boolean {
  return codeSets[kind].has(code);
}

export function codesOf(kind: TaxonomyKind): string[] {
  return [...codeSets[kind]];
}

/** The Chinese label for a code; the code itself when unknown, so a stale code still renders. */
export function zhLabel(kind: TaxonomyKind, code: string): string {
  return labels[kind].get(code) ?? code;
}

/** The code whose Chinese label is exactly `label` (a city with or without 市), for telling a label from a code. */
export function codeForLabel(kind: TaxonomyKind, label: string): string | undefined {
  const t = label.trim();
  return entriesByKind[kind].find((e) => e.zh === t || (kind === 'city' && `${e.zh}市` === t))?.code;
}

const technologyByTerm = new Map<string, string>();
for (const tech of technologies) {
  for (const term of [tech.code, tech.zh, tech.en, ...tech.aliases])
    technologyByTerm.set(term.toLowerCase(), tech.code);
}

/** Resolves a technology written as a code, its Chinese label or an alias (AI, 视觉检测, SaaS…) to its code. */
export function resolveTechnology(term: string): string | undefined {
  return technologyByTerm.get(term.trim().toLowerCase());
}

/** Resolves a city written as a code or a Chinese name, with or without 市. */
export function resolveCity(term: string): string | undefined {
  const t = term.trim().replace(/市$/, '');
  return cities.find((c) => c.code === t.toLowerCase() || c.zh === t)?.code;
}

function labelIndex(entries: ReadonlyArray<TaxonomyEntry>): Map<string, string> {
  const index = new Map<string, string>();
  for (const entry of entries)
    for (const term of [entry.code, entry.zh, entry.en]) index.set(term.toLowerCase(), entry.code);
  return index;
}

const industryByTerm = labelIndex(industries);
const scenarioTypeByTerm = labelIndex(scenarioTypes);

/** Resolves an industry written as a code or its Chinese or English label, with or without 产业/行业 (高端装备产业). */
export function resolveIndustry(term: string): string | undefined {
  const t = term.trim().toLowerCase();
  return industryByTerm.get(t) ?? industryByTerm.get(t.replace(/(产业|行业)$/, ''));
}

/** Resolves a scenario type written as a code or its Chinese or English label (生产制造, production). */
export function resolveScenarioType(term: string): string | undefined {
  const t = term.trim().toLowerCase();
  return scenarioTypeByTerm.get(t) ?? scenarioTypeByTerm.get(t.replace(/(场景|类)$/, ''));
}

/** One code as the API lists it: the Chinese label a person reads and the other names it goes by. */
export interface TaxonomyTerm {
  code: string;
  zh: string;
  aliases: string[];
}

const withEnglish = (e: TaxonomyEntry): TaxonomyTerm => ({ code: e.code, zh: e.zh, aliases: [e.en] });

/** Every code of the vocabulary with its Chinese label and aliases (GET /api/v1/taxonomy). */
export function taxonomyTerms(): Record<
  'industries' | 'scenarioTypes' | 'technologies' | 'cities' | 'qualifications',
  TaxonomyTerm[]
> {
  return {
    industries: industries.map(withEnglish),
    scenarioTypes: scenarioTypes.map(withEnglish),
    technologies: technologies.map((t) => ({ code: t.code, zh: t.zh, aliases: [t.en, ...t.aliases] })),
    cities: cities.map((c) => ({ code: c.code, zh: c.zh, aliases: [`${c.zh}市`] })),
    qualifications: qualifications.map((q) => ({ code: q.code, zh: q.zh, aliases: [] })),
  };
}
