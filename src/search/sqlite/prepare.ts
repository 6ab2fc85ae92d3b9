import type Database from 'better-sqlite3';

/** Prepares (and caches) a statement; `pluck` returns the first column, `raw` rows as arrays. */
export type Prepare = (sql: string, shape?: 'object' | 'pluck' | 'raw') => Database.Statement;
