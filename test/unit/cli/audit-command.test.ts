import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuditOutput, runAudit } from '../../../src/cli/audit-command.js';
import { type Config, loadConfig } from '../../../src/config.js';
import { openEventStore } from '../../../src/eventstore/open.js';

/** `yunsupei audit verify` in process, on a store opened as the runtime opens it. */
describe('yunsupei audit verify', () => {
  let dir: string;
  let config: Config;
  let said: string[];
  let complaints: string[];
  const output = (): AuditOutput => ({
    say: (line) => said.push(line),
    complain: (line) => complaints.push(line),
    progress: { write: () => true },
  });
  const raw = (sql: string) => {
    const db = new Database(join(dir, 'data', 'events.db'));
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yunsupei-audit-'));
    config = loadConfig({
      YUNSUPEI_DATA_DIR: join(dir, 'data'),
      YUNSUPEI_KEY_DIR: join(dir, 'keys'),
      YUNSUPEI_SQLITE_SYNCHRONOUS: 'NORMAL',
    });
    said = [];
    complaints = [];
    const store = await openEventStore(config, pino({ level: 'silent' }));
    for (let n = 0; n < 3; n++) {
      await store.append('security-log', [
        { type: 'UserSignedIn', data: { userId: `u${n}`, ip: '10.0.0.1' } },
      ]);
    }
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given an intact store, exits 0 with the count', async () => {
    expect(await runAudit(['verify'], config, output())).toBe(0);
    expect(said).toEqual([expect.stringMatching(/^审计链完好：3 条记录；末条为第 3 号，MAC [0-9a-f]{64}$/)]);
  });

  it('given one stored event altered, exits 1 naming it', async () => {
    raw(`UPDATE events SET data = replace(data, '10.0.0.1', '10.0.0.9') WHERE revision = 1`);
    expect(await runAudit(['verify'], config, output())).toBe(1);
    expect(complaints).toEqual([
      '审计链断裂：第 2 号记录（流 security-log，版本 1）被改动：内容或 MAC 与封存时不符；此前 1 条记录完好',
    ]);
  });

  it('given one stored event removed, exits 1 naming where', async () => {
    raw('DELETE FROM events WHERE position = 2');
    expect(await runAudit(['verify'], config, output())).toBe(1);
    expect(complaints).toEqual([
      '审计链断裂：第 2 号记录缺失（被删除），位于第 3 号记录（流 security-log，版本 2）之前；此前 1 条记录完好',
    ]);
  });

  it('given another key in the key dir, exits 3 saying the key is wrong', async () => {
    writeFileSync(join(dir, 'keys', 'audit.key'), randomBytes(32));
    expect(await runAudit(['verify'], config, output())).toBe(3);
    expect(complaints.join('')).toContain('密钥不是封存这个事件库的那把');
  });

  it('given no key, exits 3 and makes none', async () => {
    rmSync(join(dir, 'keys'), { recursive: true });
    expect(await runAudit(['verify'], config, output())).toBe(3);
    expect(complaints.join('')).toContain('找不到密钥');
  });

  it('given KurrentDB, exits 3 saying the chain is for the embedded store', async () => {
    const kurrent = {
      ...config,
      YUNSUPEI_STORE: 'kurrentdb' as const,
      KURRENTDB_URL: 'kurrentdb://localhost:2113',
    };
    expect(await runAudit(['verify'], kurrent, output())).toBe(3);
    expect(complaints.join('')).toContain('防篡改链只用于内置 SQLite 事件库');
  });

  it('refuses a key dir inside the data dir', async () => {
    const inside = { ...config, YUNSUPEI_KEY_DIR: join(dir, 'data', 'keys') };
    await expect(openEventStore(inside, pino({ level: 'silent' }))).rejects.toThrow(
      /inside YUNSUPEI_DATA_DIR/,
    );
  });
});
