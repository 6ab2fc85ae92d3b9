import { needHints } from './messages.js';

/**
 * What the completeness guidance reads: a need, or a draft the author is still typing (any part may be
 * missing or half-written, since it is assessed before it is valid).
 */
export interface NeedDraft {
  title?: string | null;
  description?: string | null;
  technologies?: readonly string[] | null;
  budgetWan?: { min?: number | null; max?: number | null } | null;
  problem?: string | null;
  goals?: string | null;
  requirements?: string | null;
  acceptanceCriteria?: readonly string[] | null;
  periodMonths?: number | null;
}

export type NeedBriefField =
  | 'description'
  | 'problem'
  | 'goals'
  | 'requirements'
  | 'acceptanceCriteria'
  | 'periodMonths'
  | 'budgetWan'
  | 'technologies';

export interface CompletenessHint {
  field: NeedBriefField;
  message: string;
}

export interface Completeness {
  /** 0–100: the share of what a vendor needs to answer the need that the need says. */
  score: number;
  /** One specific hint per gap, in the order of the form. */
  hints: CompletenessHint[];
}

/**
 * Below this many characters a description gives the matching too few words to find solutions by (the
 * dev set's descriptions that match well run from about 80 characters up).
 */
export const MATCHABLE_DESCRIPTION_LENGTH = 80;

/**
 * A figure: digits, or a Chinese numeral before a unit or a percent sign. 三 alone (三方, 三维) is not one.
 */
const FIGURE =
  /\d|[零一二三四五六七八九十两百千万亿半]+\s*(?:%|％|个|台|套|人|次|小时|分钟|秒|天|日|周|月|年|元|万|亿|倍|成|公里|米|吨|件|条|家|项|路|层)/;

const hasFigure = (text: string) => FIGURE.test(text);

const filled = (text: string | null | undefined): string => text?.trim() ?? '';

/** Letters and digits only, lower case: 建设目标 that repeats the title differs from it in punctuation at most. */
const bare = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Two-character pieces of a text, the unit Chinese words are mostly built of. */
function bigrams(text: string): Set<string> {
  const chars = [...text];
  const pieces = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pieces.add(`${chars[i]}${chars[i + 1]}`);
  return pieces;
}

/**
 * Goals repeat the title when they add almost nothing to it: the same words, or a text whose pieces are
 * mostly the title's and which is hardly longer than it.
 */
export function repeatsTitle(goals: string, title: string): boolean {
  const g = bare(goals);
  const t = bare(title);
  if (g === '' || t === '') return false;
  if (g === t || t.includes(g)) return true;
  const pieces = bigrams(g);
  if (pieces.size === 0) return false;
  const titlePieces = bigrams(t);
  const shared = [...pieces].filter((piece) => titlePieces.has(piece)).length;
  return shared / pieces.size >= 0.7 && [...g].length <= [...t].length + 6;
}

/** One part of the form: its full points, and what a draft earns of them with the hint for the rest. */
interface Check {
  field: NeedBriefField;
  points: number;
  /** Null when the part earns its full points. */
  gap(draft: NeedDraft): { earned: number; message: string } | null;
}

const missing = (message: string) => ({ earned: 0, message });

const CHECKS: readonly Check[] = [
  {
    field: 'description',
    points: 15,
    gap(draft) {
      const length = [...filled(draft.description)].length;
      if (length >= MATCHABLE_DESCRIPTION_LENGTH) return null;
      return missing(length === 0 ? needHints.descriptionMissing : needHints.descriptionShort(length));
    },
  },
  {
    field: 'problem',
    points: 20,
    gap(draft) {
      const problem = filled(draft.problem);
      if (!problem) return missing(needHints.problemMissing);
      return hasFigure(problem) ? null : { earned: 10, message: needHints.problemWithoutFigure };
    },
  },
  {
    field: 'goals',
    points: 15,
    gap(draft) {
      const goals = filled(draft.goals);
      if (!goals) return missing(needHints.goalsMissing);
      return repeatsTitle(goals, filled(draft.title))
        ? { earned: 10, message: needHints.goalsRepeatTitle }
        : null;
    },
  },
  {
    field: 'requirements',
    points: 10,
    gap: (draft) => (filled(draft.requirements) ? null : missing(needHints.requirementsMissing)),
  },
  {
    field: 'acceptanceCriteria',
    points: 20,
    gap(draft) {
      const listed = criteria(draft);
      if (listed.length === 0) return missing(needHints.criteriaMissing);
      return listed.some(hasFigure) ? null : { earned: 5, message: needHints.criteriaNotMeasurable };
    },
  },
  {
    field: 'periodMonths',
    points: 5,
    gap: (draft) => (draft.periodMonths ? null : missing(needHints.periodMissing)),
  },
  {
    field: 'budgetWan',
    points: 10,
    gap: (draft) => ((draft.budgetWan?.max ?? 0) > 0 ? null : missing(needHints.budgetMissing)),
  },
  {
    field: 'technologies',
    points: 5,
    gap: (draft) => ((draft.technologies?.length ?? 0) > 0 ? null : missing(needHints.technologiesMissing)),
  },
];

function criteria(draft: NeedDraft): string[] {
  return (draft.acceptanceCriteria ?? []).map((c) => c.trim()).filter(Boolean);
}

/**
 * How completely a need (or a draft) says what a vendor needs to answer it, and what to add. Pure: the
 * form asks it while the author types, the need page and the review queue when the need is read.
 */
export function assessNeed(draft: NeedDraft): Completeness {
  let score = 0;
  const hints: CompletenessHint[] = [];
  for (const check of CHECKS) {
    const gap = check.gap(draft);
    score += gap ? gap.earned : check.points;
    if (gap) hints.push({ field: check.field, message: gap.message });
  }
  return { score, hints };
}
