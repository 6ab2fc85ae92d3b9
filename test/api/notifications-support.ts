import type { Notifier } from '../../src/notifications/notifier.js';
import { NotificationReactor } from '../../src/notifications/reactor.js';
import type { TestApi } from './support.js';

/** The notification reactor on a test API, as `serve` runs it; `settled` waits until it has read every event. */
export async function startReactor(api: TestApi, options: { notifiers?: Notifier[] } = {}) {
  const reactor = new NotificationReactor({
    store: api.store,
    search: api.search,
    projections: api.http.projections,
    inbox: api.http.inbox,
    clock: api.clock,
    logger: api.deps.logger,
    closingCheckMs: 0,
    checkpointEveryMs: 0,
    ...options,
  });
  await reactor.start();
  return {
    reactor,
    async settled() {
      await api.caughtUp();
      if (!(await reactor.waitFor(await api.store.headPosition(), 10_000))) throw new Error('reactor lags');
    },
  };
}

export interface InboxBody {
  items: {
    id: string;
    type: string;
    title: string;
    body: string;
    link: string;
    createdAt: string;
    readAt: string | null;
  }[];
  unread: number;
  total: number;
}

export async function inboxOf(api: TestApi, token: string, query = ''): Promise<InboxBody> {
  const res = await api.request('GET', `/api/v1/me/notifications${query}`, { token });
  if (res.status !== 200) throw new Error(`inbox: ${res.status} ${await res.text()}`);
  return (await res.json()) as InboxBody;
}
