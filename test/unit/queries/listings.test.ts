import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_SORTS, searchCases } from '../../../src/application/queries/cases-query.js';
import { ENGAGEMENT_SORTS, listEngagements } from '../../../src/application/queries/engagements-query.js';
import { NEED_SORTS, searchNeeds } from '../../../src/application/queries/needs-query.js';
import { SOLUTION_SORTS, searchSolutions } from '../../../src/application/queries/solutions-query.js';
import {
  getVendorProfile,
  searchVendors,
  VENDOR_SORTS,
} from '../../../src/application/queries/vendors-query.js';
import { DomainError, ValidationError } from '../../../src/domain/shared/errors.js';
import { loadDefinitions } from '../../../src/search/definitions.js';
import { buildWorld, ids, type World } from './world.js';

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});
afterAll(() => world.close());

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('searchNeeds', () => {
  it('shows the public only published needs and what followed, newest published first', async () => {
    const { needs, viewers, search } = world;
    const page = await searchNeeds(search, viewers.anonymous, {});
    expect(ids(page)).toEqual([needs.n3, needs.n2, needs.n1]);
    expect(page.facets.status).toEqual({ fulfilled: 2, published: 1 });
    expect(page.hits[0]).not.toHaveProperty('contact');
    expect((await searchNeeds(search, viewers.anonymous, { status: 'draft' })).total).toBe(0);
  });

  it('never lets a draft into a keyword search of others, but shows an organization all of its own', async () => {
    const { needs, viewers, search } = world;
    const q = '视觉检测';
    expect(ids(await searchNeeds(search, viewers.zibo, { q }))).toEqual([needs.n1]);
    expect(ids(await searchNeeds(search, viewers.qingdao, { q, mine: 'true' }))).toEqual([needs.n4]);
    const own = await searchNeeds(search, viewers.zibo, { orgId: viewers.zibo.orgId! });
    expect(own.facets.status).toEqual({ fulfilled: 1, published: 1, submitted: 1 });
    const others = await searchNeeds(search, viewers.zibo, { orgId: viewers.qingdao.orgId! });
    expect(ids(others)).toEqual([needs.n3]);
  });

  it('gives staff every need and the review queue as status=submitted', async () => {
    const { needs, viewers, search } = world;
    expect((await searchNeeds(search, viewers.staff, {})).total).toBe(5);
    expect(ids(await searchNeeds(search, viewers.staff, { status: 'submitted' }))).toEqual([needs.n5]);
  });

  it('asks who is asking for mine=true', async () => {
    const { viewers, search } = world;
    expect((await rejection(searchNeeds(search, viewers.anonymous, { mine: 'true' }))).status).toBe(401);
    expect((await rejection(searchNeeds(search, viewers.staff, { mine: true }))).code).toBe('query.org_only');
  });

  it('counts facets over the whole result set, not the page', async () => {
    const { needs, viewers, search } = world;
    const first = await searchNeeds(search, viewers.anonymous, { pageSize: '1' });
    const second = await searchNeeds(search, viewers.anonymous, { page: 2, pageSize: 1 });
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 1 });
    expect(ids(first)).toEqual([needs.n3]);
    expect(ids(second)).toEqual([needs.n2]);
    expect(first.facets).toEqual({
      industry: { 'high-end-equipment': 2, 'transport-logistics': 1 },
      city: { qingdao: 1, zibo: 2 },
      technologies: { ai: 1, 'big-data': 1, iot: 2 },
      status: { fulfilled: 2, published: 1 },
    });
    expect(second.facets).toEqual(first.facets);
    const filtered = await searchNeeds(search, viewers.anonymous, { technology: 'iot', pageSize: 1 });
    expect(filtered.total).toBe(2);
    expect(filtered.facets.city).toEqual({ qingdao: 1, zibo: 1 });
  });

  it('marks the matched words of the title and description with <em>', async () => {
    const { viewers, search } = world;
    const [hit] = (await searchNeeds(search, viewers.anonymous, { q: '温度' })).hits;
    expect(hit?._highlight?.title).toBe('冷链物流<em>温度</em>监测与追溯');
    expect(hit?._highlight?.description).toBe(
      '冷库与冷藏车<em>温度</em>靠人工记录，希望用物联网传感器实时监测<em>温度</em>并全程追溯。',
    );
    expect((await searchNeeds(search, viewers.anonymous, {})).hits[0]).not.toHaveProperty('_highlight');
  });

  it('sorts by the rules it offers; relevance without keywords falls back to newest', async () => {
    const { needs, viewers, search } = world;
    const sorted = async (sort: string) =>
      ids(await searchNeeds(search, viewers.anonymous, { sort: sort as never }));
    expect(await sorted('budgetWan.max:desc')).toEqual([needs.n2, needs.n1, needs.n3]);
    expect((await sorted('engagementCount:desc'))[0]).toBe(needs.n1);
    expect(await sorted('publishedAt:asc')).toEqual([needs.n1, needs.n2, needs.n3]);
    expect(await sorted('relevance')).toEqual([needs.n3, needs.n2, needs.n1]);
  });

  it('refuses an unknown sort or a page past the window with 422 naming the parameter', async () => {
    const { viewers, search } = world;
    const unknown = await rejection(searchNeeds(search, viewers.anonymous, { sort: 'contact:asc' as never }));
    expect(unknown).toBeInstanceOf(ValidationError);
    expect((unknown as ValidationError).errors).toEqual([
      { path: 'sort', message: expect.stringContaining('排序方式') },
    ]);
    const far = (await rejection(
      searchNeeds(search, viewers.anonymous, { page: 5001, pageSize: 20 }),
    )) as ValidationError;
    expect(far.errors.map((e) => e.path)).toEqual(['page']);
    const size = (await rejection(
      searchNeeds(search, viewers.anonymous, { pageSize: 'lots' }),
    )) as ValidationError;
    expect(size.errors.map((e) => e.path)).toEqual(['pageSize']);
  });

  it('takes filter-looking parameters as plain values', async () => {
    const { viewers, search } = world;
    for (const city of ['zibo" OR status = "draft', "zibo' OR 1=1 --", 'zibo) OR (status IN [draft]']) {
      expect((await searchNeeds(search, viewers.anonymous, { city })).total).toBe(0);
    }
    expect((await searchNeeds(search, viewers.anonymous, { industry: '*' })).total).toBe(0);
    const fts = await searchNeeds(search, viewers.anonymous, { q: '视觉 OR 草稿 NOT "冷链" NEAR(' });
    expect(fts.hits.every((h) => h.status !== 'draft')).toBe(true);
  });
});

describe('searchSolutions', () => {
  it('shows published solutions to the public and a vendor all of its own', async () => {
    const { solutions, viewers, search } = world;
    const open = await searchSolutions(search, viewers.anonymous, {});
    expect(new Set(ids(open))).toEqual(new Set([solutions.s1, solutions.s2]));
    expect(open.facets).toEqual({
      industries: { 'high-end-equipment': 1, 'transport-logistics': 1 },
      technologies: { ai: 1, iot: 1 },
      regionsServed: { '*': 1, qingdao: 1, yantai: 1 },
      deployment: { hybrid: 1, saas: 1 },
      status: { published: 2 },
    });
    const own = await searchSolutions(search, viewers.zhiheng, { mine: 'true' });
    expect(new Set(ids(own))).toEqual(new Set([solutions.s1, solutions.s3]));
  });

  it('finds by a city the solutions serving it or the whole province', async () => {
    const { solutions, viewers, search } = world;
    expect(ids(await searchSolutions(search, viewers.anonymous, { city: 'jinan' }))).toEqual([solutions.s1]);
    expect((await searchSolutions(search, viewers.anonymous, { city: 'yantai' })).total).toBe(2);
    const [hit] = (await searchSolutions(search, viewers.anonymous, { q: '温度' })).hits;
    expect(hit?._highlight?.title).toBe('冷链<em>温度</em>物联网监测平台');
  });
});

describe('vendors', () => {
  it('lists verified vendors by track record, staff all of them', async () => {
    const { orgs, viewers, search } = world;
    const page = await searchVendors(search, viewers.anonymous, {});
    expect(ids(page)).toEqual([orgs.zhiheng.actor.orgId, orgs.shiwei.actor.orgId]);
    expect(page.facets.city).toEqual({ jinan: 1, qingdao: 1 });
    expect((await searchVendors(search, viewers.staff, { status: 'suspended' })).total).toBe(1);
    const found = await searchVendors(search, viewers.anonymous, { q: '智衡' });
    expect(found.hits[0]?._highlight?.name).toBe('济南<em>智衡</em>工业软件有限公司');
  });

  it('profiles a vendor with its published solutions and track record', async () => {
    const { orgs, solutions, viewers, search } = world;
    const profile = await getVendorProfile(search, viewers.anonymous, orgs.zhiheng.actor.orgId!);
    expect(profile).toMatchObject({
      name: '济南智衡工业软件有限公司',
      solutionCount: 1,
      deliveredCount: 1,
      ratingAvg: 5,
      engagementsByStatus: { rated: 1 },
      citiesServed: ['*'],
    });
    expect(profile.solutions.map((s) => s.id)).toEqual([solutions.s1]);
  });

  it('answers 404 for an unknown vendor, and for a suspended one except to staff', async () => {
    const { orgs, viewers, search } = world;
    expect((await rejection(getVendorProfile(search, viewers.anonymous, 'nobody'))).status).toBe(404);
    const suspended = orgs.closed.actor.orgId!;
    expect((await rejection(getVendorProfile(search, viewers.zibo, suspended))).code).toBe(
      'vendor.not_found',
    );
    expect((await getVendorProfile(search, viewers.staff, suspended)).status).toBe('suspended');
  });
});

describe('listEngagements', () => {
  it('shows each party its own engagements and staff all of them', async () => {
    const { engagements: e, orgs, viewers, search } = world;
    const seen = async (viewer: typeof viewers.staff, query = {}) =>
      new Set(ids(await listEngagements(search, viewer, query)));
    expect(await seen(viewers.staff)).toEqual(new Set([e.e1, e.e2, e.e3]));
    expect(await seen(viewers.zibo)).toEqual(new Set([e.e1, e.e3]));
    expect(await seen(viewers.qingdao)).toEqual(new Set([e.e2]));
    expect(await seen(viewers.shiwei)).toEqual(new Set([e.e2, e.e3]));
    expect(await seen(viewers.zhiheng, { vendorId: orgs.shiwei.actor.orgId! })).toEqual(new Set());
    expect(await seen(viewers.zibo, { needId: world.needs.n1, status: 'applied' })).toEqual(new Set([e.e3]));
    expect((await listEngagements(search, viewers.staff, {})).facets).toEqual({
      status: { applied: 1, rated: 2 },
    });
    expect((await rejection(listEngagements(search, viewers.anonymous, {}))).status).toBe(401);
  });
});

describe('searchCases', () => {
  it('searches the case library with highlights and facets', async () => {
    const { engagements, search } = world;
    const page = await searchCases(search, { q: '视觉' });
    expect(ids(page)).toEqual([engagements.e1]);
    expect(page.hits[0]?._highlight?.title).toContain('<em>视觉</em>');
    const all = await searchCases(search, {});
    expect(ids(all)).toEqual([engagements.e2, engagements.e1]);
    expect(all.facets.city).toEqual({ qingdao: 1, zibo: 1 });
  });
});

it('offers only sort rules the index definitions allow', () => {
  const definitions = loadDefinitions();
  const offered: [string, readonly string[]][] = [
    ['needs', NEED_SORTS],
    ['solutions', SOLUTION_SORTS],
    ['vendors', VENDOR_SORTS],
    ['engagements', ENGAGEMENT_SORTS],
    ['cases', CASE_SORTS],
  ];
  for (const [index, sorts] of offered) {
    const sortable = definitions.get(index)!.sortableAttributes;
    for (const rule of sorts) expect(sortable, `${index} ${rule}`).toContain(rule.split(':')[0]);
  }
});
