/**
 * What the queries know of the read models' values. The documents themselves are typed by their projections
 * (src/projections/*-projection.ts) and read through readModel (src/projections/read-models.ts).
 */

/** Need statuses anyone may list: published and what follows it while the need still stands. */
export const PUBLIC_NEED_STATUSES = ['published', 'in_progress', 'fulfilled'] as const;
export const PUBLIC_SOLUTION_STATUSES = ['published'] as const;
export const PUBLIC_VENDOR_STATUSES = ['verified'] as const;
/** Engagements both sides signed, whether or not delivered and rated since: 百城牵手万项's matched projects. */
export const SIGNED_ENGAGEMENT_STATUSES = ['signed', 'delivered', 'rated'] as const;
