import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody, needBody, solutionBody } from './fixtures.js';
import { caseBody, createScenario, type Scenario } from './scenario.js';
import { createTestApi, registerOrg, registrationBody, START, type TestApi } from './support.js';

/**
 * Every mutating route against every kind of caller, from one table. `ok` is any 2xx; the subject is
 * brought to a state where the call is legal, so a refusal can only be about who calls. Callers who may
 * act get a fresh subject each; refused callers share one (a refusal changes nothing).
 * Columns: anonymous, demander (owner), demander2 (another demander), vendor (owner / party),
 * vendor2 (another vendor), staff.
 */
type Outcome = 'ok' | 401 | 403 | 404 | 409 | 415 | 422;
const WHO = ['anonymous', 'demander', 'demander2', 'vendor', 'vendor2', 'staff'] as const;
type Who = (typeof WHO)[number];

interface Row {
  route: string;
  subject?: (s: Scenario, api: TestApi) => Promise<string>;
  body?: (s: Scenario, subject: string) => unknown;
  expect: [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
}

const DAY = 24 * 60 * 60 * 1000;
const meeting = { at: new Date(START.getTime() + 5 * DAY).toISOString(), location: '青岛市崂山区' };

/** A campaign whose published list holds one need, which the scenario's published solution fits. */
async function campaignWithPublishedNeed(s: Scenario, api: TestApi): Promise<string> {
  const campaignId = await s.campaign('open');
  const send = async (path: string, token: string, body?: unknown) => {
    const res = await api.request('POST', path, { token, ...(body === undefined ? {} : { body }) });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const { id: needId } = await send('/api/v1/needs', s.demander.token, { ...needBody, campaignId });
  await send(`/api/v1/needs/${needId}/submit`, s.demander.token);
  await send(`/api/v1/needs/${needId}/approve`, s.staff);
  await send(`/api/v1/campaigns/${campaignId}/close`, s.staff);
  await send(`/api/v1/campaigns/${campaignId}/publish`, s.staff, {});
  await api.caughtUp();
  return campaignId;
}

/** A Jinan campaign whose 征集期 ended in 2025Q1, its list published: what a provincial list gathers. */
async function publishedCityCampaign(s: Scenario, api: TestApi): Promise<string> {
  const res = await api.request('POST', '/api/v1/campaigns', {
    token: s.staff,
    body: { ...s.campaignBody(), scope: 'jinan' },
  });
  const { id } = (await res.json()) as { id: string };
  await api.request('POST', `/api/v1/campaigns/${id}/close`, { token: s.staff });
  await api.request('POST', `/api/v1/campaigns/${id}/publish`, { token: s.staff });
  return id;
}

/** A city outside the province, with a fresh code and name each time (both must be unique). */
function newCityBody(): unknown {
  const n = Number.parseInt(randomUUID().slice(0, 6), 16);
  const zh = String.fromCharCode(0x4e00 + (n % 0x5000), 0x4e00 + ((n >> 4) % 0x5000));
  return { code: `city${n}`, zh, province: '浙江省' };
}

/** A new city staff account, under a fresh username each time. */
function staffBody(): unknown {
  return {
    username: `city${randomUUID().slice(0, 8)}`,
    password: 'Staff12345',
    name: '王青',
    scope: 'qingdao',
  };
}

/** A fresh city staff account (业务人员), whose duties a 系统管理员 may change. */
async function freshStaff(s: Scenario, api: TestApi): Promise<string> {
  const res = await api.request('POST', '/api/v1/staff', { token: s.staff, body: staffBody() });
  if (res.status !== 201) throw new Error(`staff: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** A user of a fresh organization: disabling one of the scenario's own would end its token. */
async function freshUser(s: Scenario, api: TestApi): Promise<string> {
  return (await registerOrg(api, 'vendor', s.staff)).userId;
}

/** A notification in the demander's inbox: only its recipient may mark it read. */
async function demanderNotification(s: Scenario, api: TestApi): Promise<string> {
  const id = randomUUID();
  const at = START.toISOString();
  const notification = {
    id,
    type: 'org.verified' as const,
    title: '机构已通过认证',
    body: '可以发布需求了。',
  };
  await api.http.inbox.deliver(s.demander.userId, [
    { ...notification, link: '/my', sourceEventId: id, createdAt: at },
  ]);
  return id;
}

/** A saved search of the demander's, with keywords of its own so that saving it is never a duplicate. */
async function demanderSubscription(s: Scenario, api: TestApi): Promise<string> {
  const res = await api.request('POST', '/api/v1/me/subscriptions', {
    token: s.demander.token,
    body: { kind: 'solutions', q: `视觉 ${randomUUID().slice(0, 8)}` },
  });
  if (res.status !== 201) throw new Error(`subscribe: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/**
 * A listing of the given kind and state with one PDF attached while it was a draft, as "<listingId>
 * <attachmentId>" (the ids fill the route's placeholders in order).
 */
async function listingWithAttachment(
  s: Scenario,
  api: TestApi,
  kind: 'needs' | 'solutions',
  state: 'draft' | 'published',
): Promise<string> {
  const listingId = kind === 'needs' ? await s.need('draft') : await s.solution('draft');
  const owner = kind === 'needs' ? s.demander : s.vendor;
  const form = new FormData();
  form.append('file', new File([`%PDF-1.4\n% ${randomUUID()}\n`], '说明.pdf'));
  const res = await api.app.request(`/api/v1/${kind}/${listingId}/attachments`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${owner.token}` },
    body: form,
  });
  if (res.status !== 201) throw new Error(`attach: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  if (state === 'published') {
    await api.request('POST', `/api/v1/${kind}/${listingId}/submit`, { token: owner.token });
    await api.request('POST', `/api/v1/${kind}/${listingId}/approve`, { token: s.staff });
  }
  return `${listingId} ${id}`;
}

/** A webhook of the demander's organization: "<orgId> <hookId>". */
async function demanderWebhook(s: Scenario, api: TestApi): Promise<string> {
  const res = await api.request('POST', `/api/v1/orgs/${s.demander.orgId}/webhooks`, {
    token: s.demander.token,
    body: webhookBody(),
  });
  if (res.status !== 201) throw new Error(`webhook: ${res.status} ${await res.text()}`);
  return `${s.demander.orgId} ${((await res.json()) as { id: string }).id}`;
}

const webhookBody = () => ({
  url: 'https://robot.example.cn/hook',
  secret: 'robot-secret-0123456789',
  types: ['listing.approved'],
});

/** A published need of the demander's with one question of the vendor's on it: "<needId> <questionId>". */
async function needWithQuestion(s: Scenario, api: TestApi): Promise<string> {
  const needId = await s.need('published');
  const res = await api.request('POST', `/api/v1/needs/${needId}/questions`, {
    token: s.vendor.token,
    body: { text: '验收时以哪条产线的数据为准？' },
  });
  if (res.status !== 201) throw new Error(`ask: ${res.status} ${await res.text()}`);
  return `${needId} ${((await res.json()) as { id: string }).id}`;
}

/** A new expert account's body, under a fresh username each time. */
const expertBody = () => ({
  username: `expert${randomUUID().slice(0, 8)}`,
  password: 'Expert1234pw',
  name: '赵明',
  technologies: ['machine-vision'],
});

/** A published need with evaluation criteria and a fresh expert to name: "<needId> <expertId>". */
async function needForPanel(s: Scenario, api: TestApi): Promise<string> {
  const send = async (path: string, token: string, body?: unknown) => {
    const res = await api.request('POST', path, { token, ...(body === undefined ? {} : { body }) });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const criteria = [
    { name: '技术方案', weight: 60 },
    { name: '报价', weight: 40 },
  ];
  const { id: needId } = await send('/api/v1/needs', s.demander.token, { ...needBody, criteria });
  await send(`/api/v1/needs/${needId}/submit`, s.demander.token);
  await send(`/api/v1/needs/${needId}/approve`, s.staff);
  const { id: expertId } = await send('/api/v1/experts', s.staff, expertBody());
  return `${needId} ${expertId}`;
}

/** Fills a route's placeholders in order with the subject's ids (separated by spaces). */
const fill = (template: string, subject: string) => {
  const ids = subject.split(' ');
  return template.replace(/\{\w+\}/g, () => ids.shift() ?? '');
};

async function disabledUser(s: Scenario, api: TestApi): Promise<string> {
  const userId = await freshUser(s, api);
  await api.request('POST', `/api/v1/users/${userId}/disable`, { token: s.staff });
  return userId;
}

/** The signed pilot of each racing need (赛马), for the demander to select. */
const pilots = new Map<string, string>();

/** A need with a race of two and one pilot signed: the owner may select it. */
async function racingNeedWithPilot(s: Scenario, api: TestApi): Promise<string> {
  const send = async (path: string, token: string, body?: unknown) => {
    const res = await api.request('POST', `/api/v1${path}`, {
      token,
      ...(body === undefined ? {} : { body }),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const { id: needId } = await send('/needs', s.demander.token, { ...needBody, race: { maxParallel: 2 } });
  await send(`/needs/${needId}/submit`, s.demander.token);
  await send(`/needs/${needId}/approve`, s.staff);
  const { id } = await send(
    `/needs/${needId}/applications`,
    s.vendor.token,
    applicationBody(s.vendorSolution),
  );
  await send(`/engagements/${id}/shortlist`, s.demander.token, { shareContact: true });
  await send(`/engagements/${id}/schedule-meeting`, s.demander.token, meeting);
  await send(`/engagements/${id}/sign`, s.vendor.token, { amountWan: 20 });
  await send(`/engagements/${id}/sign`, s.demander.token, { amountWan: 20 });
  pilots.set(needId, id);
  return needId;
}

/** The first recommendation of each completed round, to turn into an engagement. */
const recommendations = new Map<string, { needId: string; solutionId: string }>();

async function completedRound(s: Scenario, api: TestApi): Promise<string> {
  const campaignId = await campaignWithPublishedNeed(s, api);
  const started = await api.request('POST', `/api/v1/campaigns/${campaignId}/match-rounds`, {
    token: s.staff,
    body: { topK: 1, capacityPerVendor: 1 },
  });
  const { roundId } = (await started.json()) as { roundId: string };
  await api.http.matchRounds.idle();
  const round = await api.request('GET', `/api/v1/match-rounds/${roundId}`, { token: s.staff });
  const { results } = (await round.json()) as {
    results: { needId: string; recommendations: { solutionId: string }[] }[];
  };
  const [first] = results;
  recommendations.set(roundId, { needId: first!.needId, solutionId: first!.recommendations[0]!.solutionId });
  return roundId;
}

//                                                           anon  demander demander2 vendor vendor2 staff
const table: Row[] = [
  // Registration is public; a signed-in member of an organization cannot register another one.
  { route: 'POST /orgs', body: () => registrationBody('vendor'), expect: ['ok', 403, 403, 403, 403, 'ok'] },
  {
    route: 'PATCH /orgs/{id}',
    subject: async (s) => s.demander.orgId,
    body: () => ({ description: '专注汽车零部件制造' }),
    expect: [401, 'ok', 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /orgs/{id}/verify',
    subject: (s) => s.org('pending'),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /orgs/{id}/suspend',
    subject: (s) => s.org('verified'),
    body: () => ({ reason: '资料不实' }),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /orgs/{id}/reinstate',
    subject: (s) => s.org('suspended'),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },

  { route: 'POST /users/{id}/disable', subject: freshUser, expect: [401, 403, 403, 403, 403, 'ok'] },
  { route: 'POST /users/{id}/enable', subject: disabledUser, expect: [401, 403, 403, 403, 403, 'ok'] },
  // 安全管理员 (the scenario's staff from before duties hold it): test/api/security-duty.test.ts.
  { route: 'POST /users/{id}/unlock', subject: freshUser, expect: [401, 403, 403, 403, 403, 'ok'] },
  {
    route: 'POST /users/{id}/second-factor/reset',
    subject: freshStaff,
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  // The scenario's staff are province staff (an account from before scopes); city staff: staff-scopes.test.ts.
  { route: 'POST /staff', body: staffBody, expect: [401, 403, 403, 403, 403, 'ok'] },
  // Only province staff add a city; each staff run adds a fresh one, so the code is never taken.
  {
    route: 'POST /taxonomy/cities',
    body: newCityBody,
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'PUT /staff/{id}/duties',
    subject: freshStaff,
    body: () => ({ duties: ['audit'] }),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /me/notifications/{id}/read',
    subject: demanderNotification,
    expect: [401, 'ok', 404, 404, 404, 404],
  },
  { route: 'POST /me/notifications/read-all', expect: [401, 'ok', 'ok', 'ok', 'ok', 'ok'] },
  {
    route: 'PUT /me/notification-settings',
    body: () => ({ choices: { 'need.matched': 'never' } }),
    expect: [401, 'ok', 'ok', 'ok', 'ok', 'ok'],
  },
  // An organization's webhooks are its own users' and staff's.
  {
    route: 'POST /orgs/{id}/webhooks',
    subject: async (s) => s.demander.orgId,
    body: webhookBody,
    expect: [401, 'ok', 403, 403, 403, 'ok'],
  },
  {
    route: 'DELETE /orgs/{id}/webhooks/{hookId}',
    subject: demanderWebhook,
    expect: [401, 'ok', 403, 403, 403, 'ok'],
  },
  // The signed link in a mail is the authority, whoever follows it: no sign-in needed.
  {
    route: 'POST /unsubscribe/{token}',
    subject: async (s, api) => api.http.unsubscribe.token(s.demander.userId, ['need.matched']),
    expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  },
  // Saved searches are each user's own: another's id is as unknown as one that never existed.
  {
    route: 'POST /me/subscriptions',
    body: () => ({ kind: 'needs', q: '视觉检测', cities: ['jinan'] }),
    expect: [401, 'ok', 'ok', 'ok', 'ok', 'ok'],
  },
  {
    route: 'DELETE /me/subscriptions/{id}',
    subject: demanderSubscription,
    expect: [401, 'ok', 404, 404, 404, 404],
  },

  // A multipart upload: the table's JSON body gets past the role check only for staff, whom the
  // body check then refuses; test/api/imports.test.ts imports real files.
  { route: 'POST /imports', body: () => ({}), expect: [401, 403, 403, 403, 403, 415] },
  // Uploads are multipart too: a JSON body is refused (415) once the role is right;
  // test/api/attachments.test.ts uploads real files, and refuses other organizations' listings.
  {
    route: 'POST /needs/{id}/attachments',
    subject: (s) => s.need('draft'),
    body: () => ({}),
    expect: [401, 415, 415, 403, 403, 403],
  },
  {
    route: 'POST /solutions/{id}/attachments',
    subject: (s) => s.solution('draft'),
    body: () => ({}),
    expect: [401, 403, 403, 415, 415, 403],
  },
  {
    route: 'DELETE /needs/{id}/attachments/{attachmentId}',
    subject: (s, api) => listingWithAttachment(s, api, 'needs', 'draft'),
    expect: [401, 'ok', 403, 403, 403, 403],
  },
  {
    route: 'DELETE /solutions/{id}/attachments/{attachmentId}',
    subject: (s, api) => listingWithAttachment(s, api, 'solutions', 'draft'),
    expect: [401, 403, 403, 'ok', 403, 403],
  },

  { route: 'POST /needs', body: () => needBody, expect: [401, 'ok', 'ok', 403, 403, 403] },
  // Assessing saves nothing: any demander may ask about a draft, and staff about what they review.
  { route: 'POST /needs/assess', body: () => needBody, expect: [401, 'ok', 'ok', 403, 403, 'ok'] },
  {
    route: 'PATCH /needs/{id}',
    subject: (s) => s.need('draft'),
    body: () => ({ title: '智能质检产线改造二期' }),
    expect: [401, 'ok', 403, 403, 403, 403],
  },
  {
    route: 'POST /needs/{id}/submit',
    subject: (s) => s.need('draft'),
    expect: [401, 'ok', 403, 403, 403, 403],
  },
  {
    route: 'POST /needs/{id}/approve',
    subject: (s) => s.need('submitted'),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /needs/{id}/reject',
    subject: (s) => s.need('submitted'),
    body: () => ({ reason: '描述不够具体' }),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /needs/{id}/withdraw',
    subject: (s) => s.need('draft'),
    expect: [401, 'ok', 403, 403, 403, 403],
  },
  {
    route: 'POST /needs/{id}/select',
    subject: racingNeedWithPilot,
    body: (_, needId) => ({ engagementId: pilots.get(needId) }),
    expect: [401, 'ok', 403, 403, 403, 403],
  },
  // Staff may expire needs; this one has no deadline, so staff get past authorization to the domain's 409.
  {
    route: 'POST /needs/{id}/expire',
    subject: (s) => s.need('published'),
    expect: [401, 403, 403, 403, 403, 409],
  },

  { route: 'POST /solutions', body: () => solutionBody, expect: [401, 403, 403, 'ok', 'ok', 403] },
  {
    route: 'PATCH /solutions/{id}',
    subject: (s) => s.solution('draft'),
    body: () => ({ title: '工业视觉缺陷检测平台V2' }),
    expect: [401, 403, 403, 'ok', 403, 403],
  },
  {
    route: 'POST /solutions/{id}/submit',
    subject: (s) => s.solution('draft'),
    expect: [401, 403, 403, 'ok', 403, 403],
  },
  {
    route: 'POST /solutions/{id}/approve',
    subject: (s) => s.solution('submitted'),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /solutions/{id}/reject',
    subject: (s) => s.solution('submitted'),
    body: () => ({ reason: '案例材料不足' }),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /solutions/{id}/withdraw',
    subject: (s) => s.solution('published'),
    expect: [401, 403, 403, 'ok', 403, 'ok'],
  },

  {
    route: 'POST /needs/{id}/applications',
    subject: (s) => s.need('published'),
    body: (s) => applicationBody(s.vendorSolution),
    expect: [401, 403, 403, 'ok', 403, 403],
  },
  {
    route: 'POST /needs/{id}/recommendations',
    subject: (s) => s.need('published'),
    body: (s) => ({ solutionId: s.vendorSolution }),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /needs/{id}/invitations',
    subject: (s) => s.need('published'),
    body: (s) => ({ solutionId: s.vendorSolution }),
    expect: [401, 'ok', 403, 403, 403, 403],
  },
  // 答疑: verified vendors ask; the need's owner answers, once.
  {
    route: 'POST /needs/{id}/questions',
    subject: (s) => s.need('published'),
    body: () => ({ text: '现有产线使用什么型号的相机？' }),
    expect: [401, 403, 403, 'ok', 'ok', 403],
  },
  {
    route: 'POST /needs/{id}/questions/{questionId}/answer',
    subject: needWithQuestion,
    body: () => ({ text: '目前使用500万像素工业相机。' }),
    expect: [401, 'ok', 403, 403, 403, 403],
  },
  // 专家评审: staff make experts and name panels; only a panel expert reviews (test/api/expert-review.test.ts).
  { route: 'POST /experts', body: () => expertBody(), expect: [401, 403, 403, 403, 403, 'ok'] },
  {
    route: 'PUT /needs/{id}/panel',
    subject: needForPanel,
    body: (_, subject) => ({ expertIds: [subject.split(' ')[1]] }),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /engagements/{id}/reviews',
    subject: (s) => s.engagement('applied'),
    body: () => ({ conflict: true }),
    expect: [401, 403, 403, 403, 403, 403],
  },
  {
    route: 'POST /engagements/{id}/accept',
    subject: (s) => s.engagement('recommended'),
    body: (s) => {
      const { solutionId: _solutionId, ...rest } = applicationBody(s.vendorSolution);
      return rest;
    },
    expect: [401, 403, 403, 'ok', 403, 403],
  },
  {
    route: 'POST /engagements/{id}/shortlist',
    subject: (s) => s.engagement('applied'),
    expect: [401, 'ok', 403, 403, 403, 403],
  },
  {
    route: 'POST /engagements/{id}/decline',
    subject: (s) => s.engagement('applied'),
    body: () => ({ reason: '预算不匹配' }),
    expect: [401, 'ok', 403, 403, 403, 403],
  },
  {
    route: 'POST /engagements/{id}/withdraw',
    subject: (s) => s.engagement('applied'),
    expect: [401, 403, 403, 'ok', 403, 403],
  },
  {
    route: 'POST /engagements/{id}/schedule-meeting',
    subject: (s) => s.engagement('shortlisted'),
    body: () => meeting,
    expect: [401, 'ok', 403, 'ok', 403, 403],
  },
  {
    route: 'POST /engagements/{id}/sign',
    subject: (s) => s.engagement('meeting_scheduled'),
    body: () => ({ amountWan: 80 }),
    expect: [401, 'ok', 403, 'ok', 403, 403],
  },
  // Only one side can have an amount standing before the engagement is signed: here the demander's, so
  // the vendor, a party too, has none to withdraw (409) rather than no right to (403).
  {
    route: 'POST /engagements/{id}/withdraw-signature',
    subject: async (s, api) => {
      const engagementId = await s.engagement('meeting_scheduled');
      await api.request('POST', `/api/v1/engagements/${engagementId}/sign`, {
        token: s.demander.token,
        body: { amountWan: 80 },
      });
      return engagementId;
    },
    expect: [401, 'ok', 403, 409, 403, 403],
  },
  {
    route: 'POST /engagements/{id}/deliver',
    subject: (s) => s.engagement('signed'),
    expect: [401, 'ok', 403, 403, 403, 403],
  },
  {
    route: 'POST /engagements/{id}/rate',
    subject: (s) => s.engagement('delivered'),
    body: () => ({ score: 4, comment: '交付及时' }),
    expect: [401, 'ok', 403, 'ok', 403, 403],
  },
  {
    route: 'POST /engagements/{id}/promote-case',
    subject: (s) => s.engagement('rated'),
    body: () => caseBody,
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /cases/{id}/replications',
    subject: (s) => s.promotedCase(),
    body: () => ({ city: 'zibo' }),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },

  { route: 'POST /campaigns', body: (s) => s.campaignBody(), expect: [401, 403, 403, 403, 403, 'ok'] },
  {
    route: 'POST /campaigns/provincial',
    subject: publishedCityCampaign,
    body: (_s, campaignId) => ({
      title: '2025年第一季度全省场景需求清单',
      kind: 'needs',
      period: '2025Q1',
      campaignIds: [campaignId],
    }),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /campaigns/{id}/close',
    subject: (s) => s.campaign('open'),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /campaigns/{id}/publish',
    subject: (s) => s.campaign('closed'),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },

  {
    route: 'POST /campaigns/{id}/match-rounds',
    subject: campaignWithPublishedNeed,
    body: () => ({ topK: 3, capacityPerVendor: 2 }),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /match-rounds/{id}/engagements',
    subject: completedRound,
    body: (_, roundId) => recommendations.get(roundId),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
];

describe('authorization matrix: each role against each mutating route', () => {
  let api: TestApi;
  let s: Scenario;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
  });
  afterAll(() => api.close());

  const tokenOf = (who: Who): string | undefined =>
    who === 'anonymous' ? undefined : who === 'staff' ? s.staff : s[who].token;

  it.each(table)('$route', async (row) => {
    const [method, template] = row.route.split(' ') as [string, string];
    const shared = row.subject ? await row.subject(s, api) : '';
    const seen: Record<string, Outcome | number> = {};
    for (const [i, who] of WHO.entries()) {
      const expected = row.expect[i]!;
      const subject = expected === 'ok' && row.subject ? await row.subject(s, api) : shared;
      const token = tokenOf(who);
      const res = await api.request(method, `/api/v1${fill(template, subject)}`, {
        ...(token ? { token } : {}),
        ...(row.body ? { body: row.body(s, subject) } : {}),
      });
      seen[who] = res.status >= 200 && res.status < 300 ? 'ok' : res.status;
      if (res.status >= 300) expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(seen).toEqual(Object.fromEntries(WHO.map((who, i) => [who, row.expect[i]])));
  });

  it('covers every mutating route the API documents', async () => {
    const doc = (await (await api.request('GET', '/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((method) => method !== 'get')
        .map((method) => `${method.toUpperCase()} ${path.replace('/api/v1', '')}`),
    );
    const covered = new Set(table.map((row) => row.route));
    // Signing in, out and changing one's password act on the caller's own token: test/api/sessions.test.ts;
    // a due password change and the staff authenticator's enrollment act on the credentials in the body
    // whoever calls: test/api/staff-sign-in.test.ts; so does 注销账号: test/api/my-data.test.ts.
    const own = new Set([
      'POST /me/cancel',
      'POST /auth/token',
      'POST /auth/logout',
      'POST /auth/password',
      'POST /auth/password/due',
      'POST /auth/totp/enrollment',
      'POST /auth/totp',
    ]);
    const uncovered = documented.filter((route) => !covered.has(route) && !own.has(route));
    expect(uncovered).toEqual([]);
  });
});

/**
 * Every read route against every kind of caller. Reads change nothing, so each row's callers share one
 * subject, in the state that matters for who may see it (drafts are the owner's and staff's).
 */
interface ReadRow {
  route: string;
  subject?: (s: Scenario, api: TestApi) => Promise<string>;
  query?: string;
  expect: [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
}

async function publishedCampaign(s: Scenario, api: TestApi): Promise<string> {
  const campaignId = await s.campaign('closed');
  await api.request('POST', `/api/v1/campaigns/${campaignId}/publish`, { token: s.staff });
  return campaignId;
}

//                                                                         anon  demander demander2 vendor vendor2 staff
const readTable: ReadRow[] = [
  { route: 'GET /orgs/{id}', subject: (s) => s.org('pending'), expect: [401, 'ok', 'ok', 'ok', 'ok', 'ok'] },
  { route: 'GET /users/{id}', subject: freshUser, expect: [401, 403, 403, 403, 403, 'ok'] },
  { route: 'GET /me', expect: [401, 'ok', 'ok', 'ok', 'ok', 'ok'] },
  { route: 'GET /me/notifications', expect: [401, 'ok', 'ok', 'ok', 'ok', 'ok'] },
  { route: 'GET /me/notification-settings', expect: [401, 'ok', 'ok', 'ok', 'ok', 'ok'] },
  { route: 'GET /me/data', expect: [401, 'ok', 'ok', 'ok', 'ok', 'ok'] },
  { route: 'GET /orgs/{id}/webhooks', subject: demanderWebhook, expect: [401, 'ok', 403, 403, 403, 'ok'] },
  {
    route: 'GET /orgs/{id}/webhooks/{hookId}/deliveries',
    subject: demanderWebhook,
    expect: [401, 'ok', 403, 403, 403, 'ok'],
  },
  { route: 'GET /me/subscriptions', expect: [401, 'ok', 'ok', 'ok', 'ok', 'ok'] },
  { route: 'GET /needs', expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'] },
  { route: 'GET /needs/{id}', subject: (s) => s.need('draft'), expect: [401, 'ok', 403, 403, 403, 'ok'] },
  { route: 'GET /needs/{id}', subject: (s) => s.need('submitted'), expect: [401, 'ok', 403, 403, 403, 'ok'] },
  {
    route: 'GET /needs/{id}',
    subject: (s) => s.need('published'),
    expect: [401, 'ok', 'ok', 'ok', 'ok', 'ok'],
  },
  {
    route: 'GET /needs/{id}/similar-cases',
    subject: (s) => s.need('draft'),
    expect: [403, 'ok', 403, 403, 403, 'ok'],
  },
  {
    route: 'GET /needs/{id}/similar-cases',
    subject: (s) => s.need('published'),
    expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  },
  // A need's matches are its owner's and staff's: vendors do not learn who else fits.
  {
    route: 'GET /needs/{id}/matches',
    subject: (s) => s.need('published'),
    expect: [401, 'ok', 403, 403, 403, 'ok'],
  },
  { route: 'GET /solutions', expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'] },
  {
    route: 'GET /solutions/{id}/matches',
    subject: (s) => s.solution('published'),
    expect: [401, 403, 403, 'ok', 403, 'ok'],
  },
  {
    route: 'GET /solutions/{id}',
    subject: (s) => s.solution('draft'),
    expect: [401, 403, 403, 'ok', 403, 'ok'],
  },
  {
    route: 'GET /solutions/{id}',
    subject: (s) => s.solution('published'),
    expect: [401, 'ok', 'ok', 'ok', 'ok', 'ok'],
  },
  { route: 'GET /engagements', expect: [401, 'ok', 'ok', 'ok', 'ok', 'ok'] },
  {
    route: 'GET /needs/{id}/invitations',
    subject: (s) => s.need('published'),
    expect: [401, 'ok', 403, 403, 403, 'ok'],
  },
  { route: 'GET /me/invitations', expect: [401, 403, 403, 'ok', 'ok', 403] },
  { route: 'GET /me/reviews', expect: [401, 403, 403, 403, 403, 403] },
  {
    route: 'GET /needs/{id}/review-summary',
    subject: (s) => s.need('published'),
    expect: [401, 'ok', 403, 403, 403, 'ok'],
  },
  // Answered questions are public; a draft need's (which has none) is as closed as the need.
  {
    route: 'GET /needs/{id}/questions',
    subject: (s) => s.need('published'),
    expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  },
  {
    route: 'GET /needs/{id}/questions',
    subject: (s) => s.need('draft'),
    expect: [403, 'ok', 403, 403, 403, 'ok'],
  },
  {
    route: 'GET /engagements/{id}',
    subject: (s) => s.engagement('applied'),
    expect: [401, 'ok', 403, 'ok', 403, 'ok'],
  },
  {
    route: 'GET /engagements/{id}',
    subject: (s) => s.engagement('recommended'),
    expect: [401, 'ok', 403, 'ok', 403, 'ok'],
  },
  { route: 'GET /campaigns', expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'] },
  {
    route: 'GET /campaigns/{id}',
    subject: (s) => s.campaign('open'),
    expect: [401, 'ok', 'ok', 'ok', 'ok', 'ok'],
  },
  {
    route: 'GET /campaigns/{id}/list',
    subject: publishedCampaign,
    query: '?kind=needs',
    expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  },
  // Who registered and where each stands is for staff reviewing organizations.
  { route: 'GET /orgs', expect: [401, 403, 403, 403, 403, 'ok'] },
  { route: 'GET /cases', expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'] },
  { route: 'GET /cases/{id}', subject: (s) => s.promotedCase(), expect: [401, 'ok', 'ok', 'ok', 'ok', 'ok'] },
  { route: 'GET /vendors', expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'] },
  { route: 'GET /suggest', query: '?q=%E6%99%BA', expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'] },
  {
    route: 'GET /vendors/{orgId}',
    subject: async (s) => s.vendor.orgId,
    expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'],
  },
  {
    route: 'GET /vendors/{orgId}/recommended-needs',
    subject: async (s) => s.vendor.orgId,
    expect: [401, 403, 403, 'ok', 403, 'ok'],
  },
  {
    route: 'GET /campaigns/{id}/match-rounds',
    subject: campaignWithPublishedNeed,
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  // Refused before it is looked up: who is not staff learns nothing, not even that no such round exists.
  {
    route: 'GET /match-rounds/{id}',
    subject: async () => randomUUID(),
    expect: [401, 403, 403, 403, 403, 404],
  },
  { route: 'GET /stats', expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'] },
  { route: 'GET /stats/cities', expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'] },
  { route: 'GET /stats/pairs', expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'] },
  { route: 'GET /taxonomy', expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'] },
  { route: 'GET /policies', expect: ['ok', 'ok', 'ok', 'ok', 'ok', 'ok'] },
  // A history is staff's and the owner organization's (both parties' for an engagement or a case).
  {
    route: 'GET /needs/{id}/history',
    subject: (s) => s.need('published'),
    expect: [401, 'ok', 403, 403, 403, 'ok'],
  },
  {
    route: 'GET /solutions/{id}/history',
    subject: (s) => s.solution('published'),
    expect: [401, 403, 403, 'ok', 403, 'ok'],
  },
  {
    route: 'GET /orgs/{id}/history',
    subject: async (s) => s.vendor.orgId,
    expect: [401, 403, 403, 'ok', 403, 'ok'],
  },
  {
    route: 'GET /engagements/{id}/history',
    subject: (s) => s.engagement('applied'),
    expect: [401, 'ok', 403, 'ok', 403, 'ok'],
  },
  {
    route: 'GET /campaigns/{id}/history',
    subject: (s) => s.campaign('open'),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'GET /match-rounds/{id}/history',
    subject: async () => randomUUID(),
    expect: [401, 403, 403, 403, 403, 404],
  },
  {
    route: 'GET /cases/{id}/history',
    subject: (s) => s.promotedCase(),
    expect: [401, 'ok', 403, 'ok', 403, 'ok'],
  },
  // A listing's files are seen by whoever sees the listing.
  {
    route: 'GET /needs/{id}/attachments',
    subject: (s, api) => listingWithAttachment(s, api, 'needs', 'draft'),
    expect: [401, 'ok', 403, 403, 403, 'ok'],
  },
  {
    route: 'GET /needs/{id}/attachments/{attachmentId}',
    subject: (s, api) => listingWithAttachment(s, api, 'needs', 'draft'),
    expect: [401, 'ok', 403, 403, 403, 'ok'],
  },
  {
    route: 'GET /needs/{id}/attachments/{attachmentId}',
    subject: (s, api) => listingWithAttachment(s, api, 'needs', 'published'),
    expect: [401, 'ok', 'ok', 'ok', 'ok', 'ok'],
  },
  {
    route: 'GET /solutions/{id}/attachments',
    subject: (s, api) => listingWithAttachment(s, api, 'solutions', 'draft'),
    expect: [401, 403, 403, 'ok', 403, 'ok'],
  },
  {
    route: 'GET /solutions/{id}/attachments/{attachmentId}',
    subject: (s, api) => listingWithAttachment(s, api, 'solutions', 'published'),
    expect: [401, 'ok', 'ok', 'ok', 'ok', 'ok'],
  },
  { route: 'GET /activity', expect: [401, 403, 403, 403, 403, 'ok'] },
  // The security log is the 审计管理员's alone, which the matrix's staff (registered before duties) is not;
  // the auditor reads it in test/api/security-log.test.ts.
  { route: 'GET /security-log', expect: [401, 403, 403, 403, 403, 403] },
  { route: 'GET /security-log', query: '?format=xlsx', expect: [401, 403, 403, 403, 403, 403] },
  {
    route: 'GET /streams/{stream}/events',
    subject: async (s) => `org-${s.demander.orgId}`,
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
];

describe('authorization matrix: each role against each read route', () => {
  let api: TestApi;
  let s: Scenario;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
  });
  afterAll(() => api.close());

  const tokenOf = (who: Who): string | undefined =>
    who === 'anonymous' ? undefined : who === 'staff' ? s.staff : s[who].token;

  it.each(readTable)('$route', async (row) => {
    const [method, template] = row.route.split(' ') as [string, string];
    const subject = row.subject ? await row.subject(s, api) : '';
    // Read routes answer from the read model: let it take in the subject's events first.
    await api.caughtUp();
    const path = `/api/v1${fill(template, subject)}${row.query ?? ''}`;
    const seen: Record<string, Outcome | number> = {};
    for (const who of WHO) {
      const token = tokenOf(who);
      const res = await api.request(method, path, token ? { token } : {});
      seen[who] = res.status >= 200 && res.status < 300 ? 'ok' : res.status;
      if (res.status >= 300) expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(seen).toEqual(Object.fromEntries(WHO.map((who, i) => [who, row.expect[i]])));
  });

  it('covers every read route of the API', async () => {
    const doc = (await (await api.request('GET', '/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths)
      .filter(([path, ops]) => path.startsWith('/api/v1/') && 'get' in ops)
      .map(([path]) => `GET ${path.replace('/api/v1', '')}`);
    const covered = new Set(readTable.map((row) => row.route));
    expect(documented.filter((route) => !covered.has(route))).toEqual([]);
  });
});
