import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encryptPersonalData } from '../../src/eventstore/personal-data-cipher.js';
import type { KeyStore } from '../../src/personal-data/key-store.js';
import { memoryKeyStore } from '../../src/personal-data/memory-key-store.js';
import { needBody } from './fixtures.js';
import { createTestApi, registerOrg, type TestApi } from './support.js';

let api: TestApi;
let keys: KeyStore;

beforeEach(async () => {
  keys = memoryKeyStore();
  api = await createTestApi({ wrapStore: (raw) => encryptPersonalData(raw, keys) });
});
afterEach(() => api.close());

/** Every byte SQLite holds of the event store: the database and its write-ahead log. */
const storedBytes = () =>
  Buffer.concat(
    readdirSync(api.dir)
      .filter((name) => name.startsWith('events.db'))
      .map((name) => readFileSync(join(api.dir, name))),
  );

describe('personal data at rest', () => {
  it("keeps contacts out of events.db's bytes while the need's owner and staff still read them", async () => {
    const staff = await api.createStaff();
    const owner = await registerOrg(api, 'demander', staff.token);
    const contact = { name: '王工程师', phone: '13912345678', email: 'wang.need@example.cn' };
    const created = await api.request('POST', '/api/v1/needs', {
      token: owner.token,
      body: { ...needBody, contact },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await api.request('POST', `/api/v1/needs/${id}/submit`, { token: owner.token })).status).toBe(
      200,
    );
    expect((await api.request('POST', `/api/v1/needs/${id}/approve`, { token: staff.token })).status).toBe(
      200,
    );

    const bytes = storedBytes();
    for (const secret of [
      '13912345678',
      'wang.need@example.cn',
      '王工程师',
      '0531-88881234',
      owner.username,
    ]) {
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(secret === owner.username);
    }
    expect(bytes.includes(Buffer.from(needBody.title))).toBe(true);

    for (const token of [owner.token, staff.token]) {
      const need = (await (await api.request('GET', `/api/v1/needs/${id}`, { token })).json()) as {
        contact?: unknown;
      };
      expect(need.contact).toEqual(contact);
    }
    await keys.destroyKey(`organization:${owner.orgId}`);
    const erased = (await (
      await api.request('GET', `/api/v1/needs/${id}`, { token: staff.token })
    ).json()) as {
      contact?: unknown;
    };
    expect(erased.contact).toEqual({ name: '已注销', phone: '', email: '' });
  });
});
