import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fsAttachmentStore } from '../../../src/attachments/fs-store.js';

const MB = 1024 * 1024;

describe('fsAttachmentStore: attachment bytes under the data dir', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'yunsupei-attachments-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('puts, gets, replaces and deletes by key, and leaves no temporary file behind', async () => {
    const store = fsAttachmentStore(root);
    const key = 'need/0194c4a2-7b1e-7c3a-9f00-3c1d2e4f5a6b/0194c4a2-7b1e-7c3a-9f00-000000000001';
    expect(await store.get(key)).toBeNull();
    await store.put(key, Buffer.from('第一版'));
    await store.put(key, Buffer.from('第二版'));
    expect(Buffer.from((await store.get(key))!).toString()).toBe('第二版');
    expect(readdirSync(join(root, 'need', '0194c4a2-7b1e-7c3a-9f00-3c1d2e4f5a6b'))).toEqual([
      '0194c4a2-7b1e-7c3a-9f00-000000000001',
    ]);
    await store.delete(key);
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
  });

  it('refuses a key that could leave its folder', async () => {
    const store = fsAttachmentStore(root);
    await expect(store.put('../outside', Buffer.from('x'))).rejects.toThrow(/invalid attachment key/);
    await expect(store.get('need/../../etc/passwd')).rejects.toThrow(/invalid attachment key/);
  });

  it('leaves no half file when the process dies while writing (SIGKILL)', async () => {
    const key = 'need/n1/a1';
    const size = 64;
    const writer = spawn(process.execPath, [
      'bin/run-ts.js',
      'test/unit/attachments/put-forever.ts',
      root,
      key,
      String(size),
    ]);
    // Kill it while a write is under way: once some bytes of a file are on disk, before they are all.
    const writing = () => {
      try {
        return readdirSync(join(root, 'need', 'n1')).length > 0;
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 30_000;
    while (!writing() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
    writer.kill('SIGKILL');
    await new Promise((resolve) => writer.once('exit', resolve));
    const bytes = await fsAttachmentStore(root).get(key);
    // Either nothing yet, or a whole file: never a part of one.
    expect(bytes === null || bytes.byteLength === size * MB).toBe(true);
  }, 40_000);
});
