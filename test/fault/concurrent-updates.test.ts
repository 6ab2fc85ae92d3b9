import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody } from '../api/fixtures.js';
import { createTestApi, registerOrg, type TestApi } from '../api/support.js';

const UPDATES = 200;

interface Outcome {
  n: number;
  title: string;
  ifMatch: string | null;
  status: number;
  revision?: number;
  etag?: string | null;
}

interface StreamEvent {
  type: string;
  revision: number;
  data: { changes?: { title?: string } };
}

/**
 * In process: the requests interleave on one event loop exactly as a server's do, without the seconds a
 * child server's start would add to the suite.
 */
describe('200 concurrent conflicting updates of one need', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('loses no update: every 2xx is its own event, every loser a 409 or 412 that wrote nothing', async () => {
    const staff = (await api.createStaff()).token;
    const { token } = await registerOrg(api, 'demander', staff);
    const created = await api.request('POST', '/api/v1/needs', { token, body: needBody });
    const needId = ((await created.json()) as { id: string }).id;

    // Every patch sets a title of its own, so each one that succeeds must leave an event naming it.
    const update = async (n: number): Promise<Outcome> => {
      const title = `并发修改第${n}号标题`;
      let ifMatch: string | null = null;
      if (n % 2 === 0) {
        const read = await api.request('GET', `/api/v1/needs/${needId}`, { token });
        ifMatch = read.headers.get('etag');
        await read.body?.cancel();
      }
      const res = await api.request('PATCH', `/api/v1/needs/${needId}`, {
        token,
        body: { title },
        ...(ifMatch ? { headers: { 'If-Match': ifMatch } } : {}),
      });
      if (res.status !== 200) return { n, title, ifMatch, status: res.status, ...(await problemOf(res)) };
      const body = (await res.json()) as { revision: number; title: string };
      expect(body.title).toBe(title);
      return { n, title, ifMatch, status: 200, revision: body.revision, etag: res.headers.get('etag') };
    };
    const outcomes = await Promise.all(Array.from({ length: UPDATES }, (_, n) => update(n)));

    const unexpected = outcomes.filter((o) => o.status !== 200 && o.status !== (o.ifMatch ? 412 : 409));
    expect(unexpected).toEqual([]);
    const won = outcomes.filter((o) => o.status === 200);
    expect(won.length).toBeGreaterThan(1);
    expect(outcomes.some((o) => o.status === 412)).toBe(true);

    const audit = await api.request('GET', `/api/v1/streams/need-${needId}/events?limit=1000`, {
      token: staff,
    });
    const { events } = (await audit.json()) as { events: StreamEvent[] };
    const updates = events.filter((e) => e.type === 'NeedUpdated');
    // No phantom write: the updates in the stream are exactly the winners'.
    expect(updates).toHaveLength(won.length);
    const byRevision = new Map(events.map((e) => [e.revision, e]));
    for (const o of won) {
      expect(byRevision.get(o.revision!)?.data.changes?.title, `update ${o.n}`).toBe(o.title);
      expect(o.etag).toBe(`W/"${o.revision}"`);
      // A conditional winner was applied on exactly the revision it had read.
      if (o.ifMatch) expect(o.ifMatch).toBe(`W/"${o.revision! - 1}"`);
    }
    const final = await api.request('GET', `/api/v1/needs/${needId}`, { token });
    const last = updates.at(-1)!;
    expect(((await final.json()) as { title: string }).title).toBe(last.data.changes?.title);
    expect(final.headers.get('etag')).toBe(`W/"${last.revision}"`);
  });
});

async function problemOf(res: Response): Promise<{ problem: unknown }> {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return { problem: await res.json() };
}
