import { closeSync, mkdirSync, openSync } from 'node:fs';

/**
 * The data and key dirs hold personal data and secrets: only the account that runs the product may read
 * them. The modes are set when a file is created, whatever the process's umask; an existing file keeps
 * the mode its operator gave it.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export function makePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates `path` empty with mode 600 unless it exists. For SQLite files: an empty file is an empty
 * database, and SQLite gives the `-wal` and `-shm` files it creates the mode of the database file.
 */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
}
