import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SECRET_FILE = 'token-secret';

/**
 * The key that signs bearer tokens: `YUNSUPEI_SECRET` when set, else one generated on first start and
 * kept in the data dir, so tokens survive restarts. Processes sharing a data dir may race on the first
 * start: the secret is written aside and hard-linked into place, which only one of them can do.
 */
export function loadTokenSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const path = join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, randomBytes(32).toString('base64url'), { mode: 0o600 });
  try {
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 16)
    throw new Error(`token secret in ${path} is too short: delete it or set YUNSUPEI_SECRET`);
  return secret;
}
