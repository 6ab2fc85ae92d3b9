import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedSearchFinds } from '../../../src/application/subscription-match.js';
import { needStream } from '../../../src/domain/need/stream.js';
import type { SavedSearch } from '../../../src/domain/subscription/state.js';
import type { RecordedEvent } from '../../../src/eventstore/port.js';
import type { NotifierContext } from '../../../src/notifications/notifier.js';
import { subscriptionNotifier } from '../../../src/notifications/subscription-notifier.js';
import { solutionBody } from '../../api/fixtures.js';
import { createScenario, type Scenario } from '../../api/scenario.js';
import { createTestApi, registerOrg, type TestApi, type TestOrg } from '../../api/support.js';

/** The fixtures' need: 智能质检产线改造, high-end-equipment, ai + machine-vision, in jinan. */
const needSearches: [label: string, search: Partial<SavedSearch>, finds: boolean][] = [
  ['no words, no filters', {}, true],
  ['words of its text', { q: '机器视觉 缺陷' }, true],
  ['words it does not hold', { q: '养老 护理' }, false],
  ['its industry', { industries: ['high-end-equipment'] }, true],
  ['another industry', { industries: ['modern-marine'] }, false],
  ['one of its technologies', { technologies: ['machine-vision'] }, true],
  ['technologies it lacks', { technologies: ['digital-twin'] }, false],
  ['its city', { cities: ['jinan'] }, true],
  ['another city', { cities: ['yantai'] }, false],
];

/** The fixtures' solution, served in qingdao only: 工业视觉缺陷检测平台, high-end-equipment, machine-vision + ai. */
const solutionSearches: [label: string, search: Partial<SavedSearch>, finds: boolean][] = [
  ['words of its text', { q: '表面缺陷 深度学习' }, true],
  ['words it does not hold', { q: '智慧农业 灌溉' }, false],
  ['its industry', { industries: ['high-end-equipment'] }, true],
  ['another industry', { industries: ['health-elderly-care'] }, false],
  ['one of its technologies', { technologies: ['ai'] }, true],
  ['technologies it lacks', { technologies: ['5g'] }, false],
  ['a city it serves', { cities: ['qingdao'] }, true],
  ['a city it does not serve', { cities: ['zibo'] }, false],
];

const saved = (kind: SavedSearch['kind'], search: Partial<SavedSearch>): SavedSearch => ({
  kind,
  q: '',
  industries: [],
  technologies: [],
  cities: [],
  ...search,
});

/** The query string the search page sends for a saved search of one code per list. */
function searchParams(kind: SavedSearch['kind'], search: SavedSearch): string {
  const params = new URLSearchParams({ pageSize: '100' });
  if (search.q) params.set('q', search.q);
  if (search.industries[0]) params.set('industry', search.industries[0]);
  if (search.technologies[0]) params.set('technology', search.technologies[0]);
  if (search.cities[0]) params.set('city', search.cities[0]);
  return `/api/v1/${kind}?${params}`;
}

describe('subscription.hit', () => {
  let api: TestApi;
  let s: Scenario;
  let ctx: NotifierContext;
  const post = async (path: string, token: string, body?: unknown) => {
    const res = await api.request('POST', `/api/v1${path}`, {
      token,
      ...(body === undefined ? {} : { body }),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const publishedEvent = async (stream: string, type: string): Promise<RecordedEvent> => {
    const event = (await api.store.readStream(stream)).find((e) => e.type === type);
    if (!event) throw new Error(`no ${type} in ${stream}`);
    return event;
  };
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
    ctx = { store: api.store, search: api.search, clock: api.clock };
  });
  afterAll(() => api.close());

  it('asks the same question as the search endpoint: a hit and a miss on the words and on each filter', async () => {
    const needId = await s.need('published');
    const { id: solutionId } = await post('/solutions', s.vendor.token, {
      ...solutionBody,
      regionsServed: ['qingdao'],
    });
    await post(`/solutions/${solutionId}/submit`, s.vendor.token);
    await post(`/solutions/${solutionId}/approve`, s.staff);
    await api.caughtUp();
    for (const [kind, listingId, searches] of [
      ['needs', needId, needSearches],
      ['solutions', solutionId, solutionSearches],
    ] as const) {
      for (const [label, search, finds] of searches) {
        const asSaved = saved(kind, search);
        const res = await api.request('GET', searchParams(kind, asSaved));
        const { hits } = (await res.json()) as { hits: { id: string }[] };
        const endpoint = hits.some((hit) => hit.id === listingId);
        expect(endpoint, `${kind}: ${label} (search endpoint)`).toBe(finds);
        expect(await savedSearchFinds(api.search, asSaved, listingId), `${kind}: ${label}`).toBe(endpoint);
      }
    }
    // Several codes in one list: any of them.
    const either = saved('needs', { cities: ['yantai', 'jinan'], technologies: ['5g', 'ai'] });
    expect(await savedSearchFinds(api.search, either, needId)).toBe(true);
    expect(await savedSearchFinds(api.search, { ...either, cities: ['yantai', 'zibo'] }, needId)).toBe(false);
  });

  it('tells each subscriber whose search finds the new need, once, with the channels it chose', async () => {
    const [hit, hitTwice, miss, wrongKind, late] = await Promise.all(
      Array.from({ length: 5 }, () => registerOrg(api, 'vendor', s.staff)),
    );
    const subscribe = (who: TestOrg, body: object) => post('/me/subscriptions', who!.token, body);
    await subscribe(hit!, { kind: 'needs', q: '机器视觉', channels: ['inbox', 'webhook'] });
    await subscribe(hitTwice!, { kind: 'needs', cities: ['jinan'] });
    await subscribe(hitTwice!, { kind: 'needs', technologies: ['ai'], channels: ['email'] });
    await subscribe(miss!, { kind: 'needs', q: '机器视觉', cities: ['yantai'] });
    await subscribe(wrongKind!, { kind: 'solutions', q: '机器视觉' });
    const needId = await s.need('published');
    await subscribe(late!, { kind: 'needs', q: '机器视觉' });
    await api.caughtUp();

    const published = await publishedEvent(needStream(needId), 'NeedPublished');
    const drafts = await subscriptionNotifier(published, ctx);
    const byUser = new Map(drafts.map((draft) => [draft.recipients.userIds?.[0], draft]));
    expect([...byUser.keys()].sort()).toEqual([hit!.userId, hitTwice!.userId].sort());
    expect(
      drafts.every((draft) => draft.type === 'subscription.hit' && draft.link === `/needs/${needId}`),
    ).toBe(true);
    expect(byUser.get(hit!.userId)).toMatchObject({
      title: '您订阅的搜索有新的场景需求',
      body: '新发布的场景需求「智能质检产线改造」符合您订阅的搜索：关键词「机器视觉」。',
      channels: ['inbox', 'webhook'],
    });
    // Two of its searches find it: one notification, through the channels of both.
    expect(byUser.get(hitTwice!.userId)?.channels?.toSorted()).toEqual(['email', 'inbox']);

    // Any other event of the need, or the need published a second time, tells nobody.
    const approved = await publishedEvent(needStream(needId), 'NeedApproved');
    expect(await subscriptionNotifier(approved, ctx)).toEqual([]);
    await api.store.append(needStream(needId), [
      {
        type: 'NeedPublished',
        data: { needId, campaignId: null, listVersion: 2, at: api.clock().toISOString() },
      },
    ]);
    await api.caughtUp();
    const again = (await api.store.readStream(needStream(needId))).at(-1)!;
    expect(again.type).toBe('NeedPublished');
    expect(await subscriptionNotifier(again, ctx)).toEqual([]);
  });

  it('tells of a new solution those who saved a search for solutions', async () => {
    const demander = await registerOrg(api, 'demander', s.staff);
    await post('/me/subscriptions', demander.token, { kind: 'solutions', q: '缺陷检测', cities: ['zibo'] });
    const solutionId = await s.solution('published');
    await api.caughtUp();
    const drafts = await subscriptionNotifier(
      await publishedEvent(`solution-${solutionId}`, 'SolutionPublished'),
      ctx,
    );
    // Served province-wide (*), so a search for zibo finds it.
    expect(drafts.find((draft) => draft.recipients.userIds?.[0] === demander.userId)).toMatchObject({
      type: 'subscription.hit',
      title: '您订阅的搜索有新的解决方案',
      body: '新发布的解决方案「工业视觉缺陷检测平台」符合您订阅的搜索：关键词「缺陷检测」，城市：淄博。',
      link: `/solutions/${solutionId}`,
      channels: ['inbox'],
    });
  });
});
