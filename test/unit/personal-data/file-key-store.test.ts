import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KEY_FILE, openFileKeyStore } from '../../../src/personal-data/file-key-store.js';
import { SubjectKeyDestroyedError } from '../../../src/personal-data/key-store.js';

let root: string;
let dir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'yunsupei-keys-'));
  dir = join(root, 'keys');
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(root, { recursive: true, force: true });
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the personal-data key file', () => {
  it('keeps the keys readable by the owner only: file 600, directory 700', async () => {
    const keys = openFileKeyStore(dir);
    await keys.createKey('organization:o1');
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, KEY_FILE))).toBe(0o600);
  });

  it('gives the same key again, and after reopening', async () => {
    const keys = openFileKeyStore(dir);
    const key = await keys.createKey('organization:o1');
    expect(key).toHaveLength(32);
    expect(await keys.createKey('organization:o1')).toEqual(key);
    expect(await openFileKeyStore(dir).keyFor('organization:o1')).toEqual(key);
    expect(await keys.keyFor('organization:o2')).toBeNull();
  });

  it('removes a destroyed key from the file and keeps its tombstone across reopening', async () => {
    const keys = openFileKeyStore(dir, { now: () => new Date('2025-03-01T00:00:00.000Z') });
    const key = await keys.createKey('organization:o1');
    await keys.createKey('organization:o2');
    await keys.destroyKey('organization:o1');
    const text = readFileSync(join(dir, KEY_FILE), 'utf8');
    expect(text).not.toContain(key.toString('base64'));
    expect(JSON.parse(text).destroyed).toEqual({ 'organization:o1': '2025-03-01T00:00:00.000Z' });
    const reopened = openFileKeyStore(dir);
    expect(await reopened.keyFor('organization:o1')).toBeNull();
    expect(await reopened.isDestroyed('organization:o1')).toBe(true);
    expect(await reopened.isDestroyed('organization:o2')).toBe(false);
    await expect(reopened.createKey('organization:o1')).rejects.toThrow(SubjectKeyDestroyedError);
    expect(mode(join(dir, KEY_FILE))).toBe(0o600);
  });

  it('keeps the keys two processes make, and sees the other one destroy a key within a second', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const server = openFileKeyStore(dir);
    const worker = openFileKeyStore(dir);
    const a = await server.createKey('organization:a');
    const b = await worker.createKey('organization:b');
    expect(await server.keyFor('organization:b')).toEqual(b);
    expect(await worker.keyFor('organization:a')).toEqual(a);
    expect(await openFileKeyStore(dir).keyFor('organization:a')).toEqual(a);
    await server.destroyKey('organization:b');
    vi.advanceTimersByTime(1001);
    expect(await worker.keyFor('organization:b')).toBeNull();
    expect(await worker.isDestroyed('organization:b')).toBe(true);
  });
});
