import { needDraftSchema } from '../domain/need/commands.js';
import { assessNeed, type Completeness, type NeedDraft } from '../domain/need/completeness.js';
import type { Actor } from '../domain/shared/actor.js';
import { parseInput } from '../domain/shared/validation.js';

export type { Completeness } from '../domain/need/completeness.js';

/** POST /api/v1/needs/assess and the form's live hints: a draft's score and hints; nothing is saved. */
export function assessDraft(input: unknown): Completeness {
  return assessNeed(parseInput(needDraftSchema, input));
}

/**
 * A need's completeness for those who work on it, the owner and staff; undefined for anyone else, for
 * whom a score would read as a public verdict on another organization's need.
 */
export function completenessFor(actor: Actor, need: NeedDraft & { orgId: string }): Completeness | undefined {
  if (actor.role === 'staff' || (actor.orgId !== null && actor.orgId === need.orgId)) return assessNeed(need);
  return undefined;
}
