import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewStream } from '../../src/domain/review/stream.js';
import { applicationBody, needBody } from './fixtures.js';
import { inboxOf, startReactor } from './notifications-support.js';
import { createScenario, type Scenario } from './scenario.js';
import { createTestApi, expectProblem, type TestApi, uniqueName } from './support.js';

const criteria = [
  { name: '技术方案', weight: 40 },
  { name: '实施经验', weight: 30 },
  { name: '报价', weight: 20 },
  { name: '服务保障', weight: 10 },
];
const EXPERT_PASSWORD = 'Expert1234pw';

type Assignment = {
  needId: string;
  applications: { engagementId: string; mustRecuse: boolean; myReview: unknown }[];
};

describe('专家评审: criteria, panels and expert reviews', () => {
  let api: TestApi;
  let s: Scenario;
  let reactor: Awaited<ReturnType<typeof startReactor>>;
  let needId: string;
  let vendorApp: string;
  let vendor2App: string;
  const experts: Record<'one' | 'two' | 'affiliated' | 'outsider', { id: string; token: string }> =
    {} as never;

  const send = (method: string, path: string, token: string | undefined, body?: unknown) =>
    api.request(method, `/api/v1${path}`, {
      ...(token ? { token } : {}),
      ...(body === undefined ? {} : { body }),
    });
  const ok = async (res: Response, status = 200) => {
    expect(res.status, await res.clone().text()).toBe(status);
    return (await res.json()) as Record<string, unknown>;
  };
  const scores = (values: number[]) => criteria.map((c, i) => ({ criterion: c.name, score: values[i] }));
  const review = (engagementId: string, token: string, body: unknown) =>
    send('POST', `/engagements/${engagementId}/reviews`, token, body);

  async function createExpert(extra: Record<string, unknown> = {}) {
    const username = uniqueName('expert');
    const body = {
      username,
      password: EXPERT_PASSWORD,
      name: '赵明',
      technologies: ['machine-vision'],
      ...extra,
    };
    const created = await ok(await send('POST', '/experts', s.staff, body), 201);
    return { id: created.id as string, token: await api.login(username, EXPERT_PASSWORD) };
  }

  async function publishedNeed(body: Record<string, unknown>): Promise<string> {
    const { id } = await ok(await send('POST', '/needs', s.demander.token, body), 201);
    await ok(await send('POST', `/needs/${id}/submit`, s.demander.token));
    await ok(await send('POST', `/needs/${id}/approve`, s.staff));
    return id as string;
  }

  async function apply(token: string, solutionId: string): Promise<string> {
    const res = await send('POST', `/needs/${needId}/applications`, token, applicationBody(solutionId));
    return (await ok(res, 201)).id as string;
  }

  beforeAll(async () => {
    api = await createTestApi();
    reactor = await startReactor(api);
    s = await createScenario(api);
    experts.one = await createExpert();
    experts.two = await createExpert();
    experts.affiliated = await createExpert({ affiliation: s.vendor.orgId });
    experts.outsider = await createExpert();
    needId = await publishedNeed({ ...needBody, criteria });
    vendorApp = await apply(s.vendor.token, s.vendorSolution);
    vendor2App = await apply(s.vendor2.token, await s.solution('published', s.vendor2));
    const panel = [experts.one.id, experts.two.id, experts.affiliated.id];
    expect(
      await ok(await send('PUT', `/needs/${needId}/panel`, s.staff, { expertIds: panel })),
    ).toMatchObject({
      needId,
      expertIds: panel,
    });
    await api.caughtUp();
  });
  afterAll(async () => {
    await reactor.reactor.stop();
    await api.close();
  });

  describe('criteria on a need', () => {
    it('keeps the declared criteria on the need', async () => {
      expect((await ok(await send('GET', `/needs/${needId}`, s.demander.token))).criteria).toEqual(criteria);
    });
    it('refuses weights that do not sum to 100, and a name given twice', async () => {
      const short = await expectProblem(
        await send('POST', '/needs', s.demander.token, { ...needBody, criteria: criteria.slice(1) }),
        422,
        'validation',
      );
      expect(short.errors).toEqual([{ path: 'criteria', message: '评审标准的权重合计须为100，现为60' }]);
      const twice = [...criteria.slice(0, 3), { name: '报价', weight: 10 }];
      const repeated = await expectProblem(
        await send('POST', '/needs', s.demander.token, { ...needBody, criteria: twice }),
        422,
      );
      expect(repeated.errors).toEqual([{ path: 'criteria.3.name', message: '评审标准“报价”重复' }]);
    });
  });

  describe('expert accounts', () => {
    it('are made by staff with the role expert and what they review', async () => {
      const username = uniqueName('expert');
      const created = await ok(
        await send('POST', '/experts', s.staff, {
          username,
          password: EXPERT_PASSWORD,
          name: '钱立',
          technologies: ['ai'],
          affiliation: s.vendor2.orgId,
        }),
        201,
      );
      expect(created).toMatchObject({
        username,
        role: 'expert',
        orgId: null,
        name: '钱立',
        expertise: { technologies: ['ai'], affiliation: s.vendor2.orgId },
      });
    });
    it('are refused to members of organizations and to staff without 系统管理员', async () => {
      const body = {
        username: uniqueName('expert'),
        password: EXPERT_PASSWORD,
        name: '孙立',
        technologies: ['ai'],
      };
      await expectProblem(await send('POST', '/experts', s.demander.token, body), 403);
      const cityStaff = uniqueName('city');
      await ok(
        await send('POST', '/staff', s.staff, {
          username: cityStaff,
          password: 'Staff1234pw',
          name: '王青',
          scope: 'qingdao',
        }),
        201,
      );
      const token = await api.login(cityStaff, 'Staff1234pw');
      await expectProblem(await send('POST', '/experts', token, body), 403, 'staff.duty_required');
    });
    it('refuses an affiliation that is no organization', async () => {
      const body = {
        username: uniqueName('expert'),
        password: EXPERT_PASSWORD,
        name: '孙立',
        technologies: ['ai'],
        affiliation: '01900000-0000-7000-8000-000000000404',
      };
      const refused = await expectProblem(await send('POST', '/experts', s.staff, body), 422);
      expect(refused.errors).toEqual([
        { path: 'affiliation', message: '未找到所属机构，请填写已注册机构的编号' },
      ]);
    });
  });

  describe('the panel', () => {
    it('is set by staff only, on a need with criteria, of active experts', async () => {
      const body = { expertIds: [experts.one.id] };
      await expectProblem(await send('PUT', `/needs/${needId}/panel`, s.demander.token, body), 403);
      await expectProblem(await send('PUT', `/needs/${needId}/panel`, experts.one.token, body), 403);
      const withoutCriteria = await s.need('published');
      await expectProblem(
        await send('PUT', `/needs/${withoutCriteria}/panel`, s.staff, body),
        409,
        'panel.no_criteria',
      );
      await expectProblem(
        await send('PUT', `/needs/${needId}/panel`, s.staff, { expertIds: [s.vendor.userId] }),
        422,
        'panel.not_expert',
      );
    });
    it('is refused to staff of another city', async () => {
      const username = uniqueName('city');
      await ok(
        await send('POST', '/staff', s.staff, {
          username,
          password: 'Staff1234pw',
          name: '王青',
          scope: 'qingdao',
        }),
        201,
      );
      const token = await api.login(username, 'Staff1234pw');
      const res = await send('PUT', `/needs/${needId}/panel`, token, { expertIds: [experts.one.id] });
      await expectProblem(res, 403, 'staff.out_of_scope');
    });
    it('tells the experts put on it', async () => {
      await reactor.settled();
      const inbox = await inboxOf(api, experts.one.token);
      expect(inbox.items.filter((n) => n.type === 'review.panel_joined')).toEqual([
        expect.objectContaining({ title: '您被选为需求的评审专家', link: '/me/reviews' }),
      ]);
    });
  });

  describe('reviews', () => {
    it('lists the applications to review for a panel expert, and nothing for an outsider', async () => {
      const mine = (await ok(await send('GET', '/me/reviews', experts.one.token))).items as Assignment[];
      expect(mine.map((a) => a.needId)).toEqual([needId]);
      expect(mine[0]?.applications.map((a) => [a.engagementId, a.mustRecuse, a.myReview])).toEqual([
        [vendorApp, false, null],
        [vendor2App, false, null],
      ]);
      const affiliated = (await ok(await send('GET', '/me/reviews', experts.affiliated.token)))
        .items as Assignment[];
      expect(affiliated[0]?.applications.map((a) => a.mustRecuse)).toEqual([true, false]);
      expect((await ok(await send('GET', '/me/reviews', experts.outsider.token))).items).toEqual([]);
      await expectProblem(await send('GET', '/me/reviews', s.staff), 403);
    });

    it('takes one review per expert and application, with a score for each criterion', async () => {
      const first = await review(vendorApp, experts.one.token, {
        conflict: false,
        scores: scores([90, 80, 70, 60]),
        comment: '方案完整',
      });
      expect(await ok(first, 201)).toMatchObject({ conflict: false, comment: '方案完整' });
      const again = await review(vendorApp, experts.one.token, {
        conflict: false,
        scores: scores([10, 10, 10, 10]),
      });
      await expectProblem(again, 409, 'review.already_submitted');
      const events = await api.store.readStream(reviewStream(vendorApp, experts.one.id));
      expect(events.map((e) => e.type)).toEqual(['ReviewSubmitted']);
    });

    it('refuses an expert not on the panel, and everyone who is not an expert', async () => {
      const body = { conflict: false, scores: scores([50, 50, 50, 50]) };
      await expectProblem(await review(vendor2App, experts.outsider.token, body), 403, 'review.not_on_panel');
      for (const token of [s.staff, s.demander.token, s.vendor.token])
        await expectProblem(await review(vendor2App, token, body), 403);
    });

    it('refuses an expert from the applying vendor’s organization', async () => {
      const res = await review(vendorApp, experts.affiliated.token, {
        conflict: false,
        scores: scores([99, 99, 99, 99]),
      });
      await expectProblem(res, 403, 'review.own_organization');
      expect(await api.store.readStream(reviewStream(vendorApp, experts.affiliated.id))).toEqual([]);
    });

    it('refuses scores beside a conflict, and scores that miss a criterion or leave 0–100', async () => {
      const conflicted = await expectProblem(
        await review(vendorApp, experts.two.token, { conflict: true, scores: scores([1, 1, 1, 1]) }),
        422,
      );
      expect(conflicted.errors).toEqual([{ path: 'scores', message: '声明回避的评审不打分' }]);
      const missing = await expectProblem(
        await review(vendorApp, experts.two.token, {
          conflict: false,
          scores: scores([1, 1, 1, 1]).slice(0, 3),
        }),
        422,
      );
      expect(missing.errors).toEqual([{ path: 'scores', message: '请为评审标准打分：服务保障' }]);
      const over = await expectProblem(
        await review(vendorApp, experts.two.token, { conflict: false, scores: scores([101, 1, 1, 1]) }),
        422,
      );
      expect(over.errors).toEqual([{ path: 'scores.0.score', message: '分数须为0到100' }]);
    });

    it('never shows an expert another expert’s scores', async () => {
      const theirs = (await ok(await send('GET', '/me/reviews', experts.two.token))).items as Assignment[];
      expect(theirs[0]?.applications.map((a) => a.myReview)).toEqual([null, null]);
      expect(JSON.stringify(theirs)).not.toContain('方案完整');
      await expectProblem(await send('GET', `/needs/${needId}/review-summary`, experts.one.token), 403);
    });

    it('sums up each application for the need’s owner and staff: weighted mean, means, reviews and conflicts', async () => {
      await ok(await review(vendorApp, experts.two.token, { conflict: true }), 201);
      await ok(
        await review(vendor2App, experts.two.token, { conflict: false, scores: scores([70, 60, 50, 41]) }),
        201,
      );
      await ok(
        await review(vendor2App, experts.one.token, { conflict: false, scores: scores([90, 80, 70, 60]) }),
        201,
      );
      for (const token of [s.demander.token, s.staff]) {
        const summary = await ok(await send('GET', `/needs/${needId}/review-summary`, token));
        expect(summary).toMatchObject({ needId, criteria, panelSize: 3 });
        const rows = summary.applications as Record<string, unknown>[];
        expect(rows.map((r) => [r.engagementId, r.weightedMean, r.reviews, r.conflicts])).toEqual([
          [vendorApp, 80, 1, 1],
          [vendor2App, 70.05, 2, 0],
        ]);
        expect(rows[1]?.criterionMeans).toEqual([
          { criterion: '技术方案', weight: 40, mean: 80 },
          { criterion: '实施经验', weight: 30, mean: 70 },
          { criterion: '报价', weight: 20, mean: 60 },
          { criterion: '服务保障', weight: 10, mean: 50.5 },
        ]);
      }
      for (const token of [s.demander2.token, s.vendor.token])
        await expectProblem(await send('GET', `/needs/${needId}/review-summary`, token), 403);
    });
  });
});
