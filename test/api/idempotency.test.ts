import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/eventstore/port.js';
import { needBody } from './fixtures.js';
import {
  createTestApi,
  expectProblem,
  registerOrg,
  registrationBody,
  type TestApi,
  type TestOrg,
} from './support.js';

type Json = Record<string, unknown>;

describe('Idempotency-Key on creating POSTs', () => {
  let api: TestApi;
  let demander: TestOrg;
  /** While set, appends to need streams wait for it: a request that is still running. */
  let gate: Promise<void> | null = null;

  beforeAll(async () => {
    api = await createTestApi({
      wrapStore: (store): EventStore => ({
        ...store,
        append: async (stream, events, options) => {
          if (gate && stream.startsWith('need-')) await gate;
          return store.append(stream, events, options);
        },
      }),
    });
    const staff = (await api.createStaff()).token;
    demander = await registerOrg(api, 'demander', staff);
  });
  afterAll(() => api.close());

  const create = (key: string, body: unknown = needBody) =>
    api.request('POST', '/api/v1/needs', {
      token: demander.token,
      body,
      headers: { 'Idempotency-Key': key },
    });

  it('answers the same key and body with the first response, without creating twice', async () => {
    const first = await create('key-1');
    expect(first.status).toBe(201);
    const again = await create('key-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    for (const header of ['location', 'etag', 'x-position']) {
      expect(again.headers.get(header)).toBe(first.headers.get(header));
    }
    expect(await again.json()).toEqual(await first.json());
  });

  it('answers the same key with another body with 422', async () => {
    await create('key-2');
    const other = await create('key-2', { ...needBody, title: '另一个需求标题' });
    await expectProblem(other, 422, 'idempotency.key_reused');
  });

  it('keeps keys apart per caller', async () => {
    const staff = (await api.createStaff()).token;
    const other = await registerOrg(api, 'demander', staff);
    const mine = (await (await create('shared-key')).json()) as Json;
    const theirs = await api.request('POST', '/api/v1/needs', {
      token: other.token,
      body: needBody,
      headers: { 'Idempotency-Key': 'shared-key' },
    });
    expect(theirs.status).toBe(201);
    expect(((await theirs.json()) as Json).id).not.toBe(mine.id);
  });

  it('answers a duplicate that arrives while the first still runs with 409', async () => {
    let release!: () => void;
    gate = new Promise((resolve) => {
      release = resolve;
    });
    const first = create('key-3');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const duplicate = await create('key-3');
    await expectProblem(duplicate, 409, 'idempotency.in_progress');
    gate = null;
    release();
    expect((await first).status).toBe(201);
    expect((await create('key-3')).headers.get('idempotent-replayed')).toBe('true');
  });

  it('frees the key when the request fails, so a corrected retry goes through', async () => {
    const invalid = await create('key-4', { ...needBody, title: '短' });
    expect(invalid.status).toBe(422);
    const fixed = await create('key-4');
    expect(fixed.status).toBe(201);
  });

  it('works for anonymous registration too, keyed by the client address', async () => {
    const body = registrationBody('vendor');
    const headers = { 'Idempotency-Key': 'register-once' };
    const first = await api.request('POST', '/api/v1/orgs', { body, headers });
    const again = await api.request('POST', '/api/v1/orgs', { body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await first.json());
  });

  it('rejects a malformed key with 400', async () => {
    await expectProblem(await create('x'.repeat(300)), 400, 'idempotency.bad_key');
  });
});
