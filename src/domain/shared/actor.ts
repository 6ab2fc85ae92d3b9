/** `expert`: an evaluation expert (评审专家) made by staff; like staff, no organization of their own. */
export type Role = 'demander' | 'vendor' | 'staff' | 'expert';

/**
 * Who issues a command. `orgId` is null for staff, experts and for the public registration of an organization.
 * A type, not an interface, so that it is plain JSON to the event store (stored in every event's metadata).
 */
export type Actor = {
  userId: string | null;
  orgId: string | null;
  role: Role | 'anonymous';
};

/** What every command carries besides its data: who, and when (from the injected clock). */
export interface CommandContext {
  actor: Actor;
  now: Date;
}

/**
 * Metadata on every stored event: who, when, and which request/event caused it (for audit and tracing).
 * A type alias, so that it is assignable to the store's `JsonObject` as it is.
 */
export type EventMetadata = {
  actor: Actor;
  at: string;
  correlationId: string;
  causationId: string | null;
};

export const anonymous: Actor = { userId: null, orgId: null, role: 'anonymous' };
