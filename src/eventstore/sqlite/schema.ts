import type Database from 'better-sqlite3';

/**
 * Migration N (1-based) brings a file from `user_version` N-1 to N. Append new ones; never edit a
 * released one, since files written by it already exist.
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    id       TEXT    NOT NULL UNIQUE,
    stream   TEXT    NOT NULL,
    revision INTEGER NOT NULL,
    type     TEXT    NOT NULL,
    data     TEXT    NOT NULL,
    metadata TEXT    NOT NULL,
    time     INTEGER NOT NULL,
    UNIQUE (stream, revision)
  ) STRICT;

  CREATE TABLE streams (
    stream   TEXT    PRIMARY KEY,
    revision INTEGER NOT NULL,
    position INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  `,
  // The tamper-evidence chain (chain.ts): one MAC per row, NULL until the store is opened with a key.
  // \`chain\` is written once, when a key first opens the file: rows up to sealed_through were written
  // before the chain existed and were sealed then; every later row is sealed in its append.
  `
  ALTER TABLE events ADD COLUMN mac BLOB;

  CREATE TABLE chain (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    key_check      BLOB    NOT NULL,
    sealed_through INTEGER NOT NULL,
    started        INTEGER NOT NULL
  ) STRICT;
  `,
];

export const SCHEMA_VERSION = migrations.length;

/** Brings the file up to `SCHEMA_VERSION`; safe when several processes open a new file at once. */
export function migrate(db: Database.Database): void {
  const version = () => Number(db.pragma('user_version', { simple: true }));
  if (version() === SCHEMA_VERSION) return;
  // IMMEDIATE takes the write lock before reading the version, so a racing process waits, then sees ours.
  db.transaction(() => {
    const from = version();
    if (from > SCHEMA_VERSION) {
      throw new Error(
        `event store file has schema version ${from}, newer than this program's ${SCHEMA_VERSION}`,
      );
    }
    for (let next = from + 1; next <= SCHEMA_VERSION; next++) {
      db.exec(migrations[next - 1]!);
      db.pragma(`user_version = ${next}`);
    }
  }).immediate();
}
