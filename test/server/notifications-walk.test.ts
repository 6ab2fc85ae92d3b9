import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/serve.js';
import { applicationBody, needBody, solutionBody } from '../api/fixtures.js';
import { registrationBody } from '../api/support.js';

type Json = Record<string, unknown>;
interface Inbox {
  items: { id: string; type: string; title: string; body: string; link: string; readAt: string | null }[];
  unread: number;
  total: number;
}
interface Matches {
  results: { solutionId: string; vendorId: string }[];
}

const ADMIN = { username: 'walkadmin', password: 'walk-admin-pass1' };
const CHINESE = /[\u4e00-\u9fff]/;
/** The targets: need approved → need.matched in the inbox; solution published → in the stored lists. */
const MATCHED_WITHIN_MS = 2000;
const LISTED_WITHIN_MS = 5000;

/** A listing no need about machine vision on a production line should ever be matched with. */
const unfitSolution = {
  title: '景区智慧票务与客流服务平台',
  description: '面向旅游景区的线上售票、分时预约与游客服务小程序，支持节假日客流预警与导览讲解。',
  industries: ['quality-tourism'],
  scenarioTypes: ['sales-service'],
  technologies: ['cloud'],
  regionsServed: ['*'],
  priceWan: { min: 5, max: 20 },
  deployment: 'saas',
};

/**
 * Issue 15 walked as people would, over a real socket, with `serve` running the projector and the
 * notification reactor inline: a need approved reaches the vendor that fits it and nobody else, the demander
 * invites from the recommendations, the vendor is told and applies, the demander is told; unread counts
 * follow reads; a new solution enters the stored lists in time; bad input gets Chinese problem+json.
 */
describe('云速配 that moves, on the real server', () => {
  let dir: string;
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yunsupei-walk-'));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      YUNSUPEI_DATA_DIR: dir,
      YUNSUPEI_ADMIN_USER: ADMIN.username,
      YUNSUPEI_ADMIN_PASSWORD: ADMIN.password,
      YUNSUPEI_STAFF_MFA: 'off',
      YUNSUPEI_SQLITE_SYNCHRONOUS: 'NORMAL',
      YUNSUPEI_PROJECTOR: 'inline',
      // The walk polls its inboxes; the limits are tested elsewhere.
      YUNSUPEI_RATE_LIMIT: '1000000',
      YUNSUPEI_AUTH_RATE_LIMIT: '1000000',
    });
    server = await startServer(config, pino({ level: 'silent' }));
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    // The keys dir beside it (YUNSUPEI_KEY_DIR defaults to `<data dir>-keys`).
    rmSync(`${dir}-keys`, { recursive: true, force: true });
  });

  function send(method: string, path: string, token?: string, body?: unknown): Promise<Response> {
    return fetch(base + path, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
  async function call<T = Json>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const res = await send(method, path, token, body);
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }
  const login = async (username: string, password: string) =>
    (await call<{ token: string }>('POST', '/api/v1/auth/token', undefined, { username, password })).token;
  async function organization(kind: 'demander' | 'vendor', staff: string) {
    const body = registrationBody(kind);
    const { org } = await call<{ org: { id: string } }>('POST', '/api/v1/orgs', undefined, body);
    await call('POST', `/api/v1/orgs/${org.id}/verify`, staff);
    return { orgId: org.id, token: await login(body.admin.username, body.admin.password) };
  }
  async function listing(kind: 'needs' | 'solutions', token: string, staff: string, body: object) {
    const { id } = await call<{ id: string }>('POST', `/api/v1/${kind}`, token, body);
    await call('POST', `/api/v1/${kind}/${id}/submit`, token);
    return { id, approve: () => send('POST', `/api/v1/${kind}/${id}/approve`, staff) };
  }
  const inbox = (token: string) => call<Inbox>('GET', '/api/v1/me/notifications?pageSize=100', token);
  /** Polls until `found` holds; returns the milliseconds since `since`, or throws after `withinMs`. */
  async function within(what: string, since: number, withinMs: number, found: () => Promise<boolean>) {
    for (;;) {
      if (await found()) return Math.round(performance.now() - since);
      if (performance.now() - since > withinMs) throw new Error(`${what}: not within ${withinMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  async function expectProblem(res: Response, status: number, code: string) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { code: string; detail: string };
    expect(problem.code).toBe(code);
    expect(problem.detail).toMatch(CHINESE);
    return problem;
  }

  it('walks it: matched, invited, told, applied, told, read; new solutions listed; bad input refused', async () => {
    const staff = await login(ADMIN.username, ADMIN.password);
    const demander = await organization('demander', staff);
    const otherDemander = await organization('demander', staff);
    const vendor = await organization('vendor', staff);
    const unfitVendor = await organization('vendor', staff);
    const latecomer = await organization('vendor', staff);
    for (const [org, body] of [
      [vendor, solutionBody],
      [unfitVendor, unfitSolution],
    ] as const) {
      const solution = await listing('solutions', org.token, staff, body);
      expect((await solution.approve()).status).toBe(200);
    }

    // The demander's need is approved: the vendor whose solution ranks in its top 10 is told at once.
    const need = await listing('needs', demander.token, staff, needBody);
    const approvedAt = performance.now();
    expect((await need.approve()).status).toBe(200);
    const matchedMs = await within('need.matched', approvedAt, MATCHED_WITHIN_MS, async () =>
      (await inbox(vendor.token)).items.some((n) => n.type === 'need.matched'),
    );
    const matched = (await inbox(vendor.token)).items.find((n) => n.type === 'need.matched')!;
    expect(matched).toMatchObject({ link: `/needs/${need.id}`, readAt: null });
    expect(matched.title).toMatch(CHINESE);
    expect(matched.body).toContain(needBody.title);

    // The demander's recommendations: the stored list, with the vendor in it and the unfit one nowhere.
    const matches = await call<Matches>('GET', `/api/v1/needs/${need.id}/matches`, demander.token);
    const recommended = matches.results.find((r) => r.vendorId === vendor.orgId);
    expect(recommended).toBeDefined();
    expect(matches.results.slice(0, 10).map((r) => r.vendorId)).not.toContain(unfitVendor.orgId);
    // The same event told the vendor: had the unfit vendor been told, it would hold it by now.
    const unfit = await inbox(unfitVendor.token);
    expect(unfit.items.filter((n) => n.type === 'need.matched' || n.link === `/needs/${need.id}`)).toEqual(
      [],
    );

    // The demander invites the vendor from the recommendations; the vendor is told.
    const invited = await send('POST', `/api/v1/needs/${need.id}/invitations`, demander.token, {
      solutionId: recommended!.solutionId,
    });
    expect(invited.status).toBe(201);
    const invitation = (await invited.json()) as { id: string };
    await within('invitation.received', performance.now(), MATCHED_WITHIN_MS, async () =>
      (await inbox(vendor.token)).items.some((n) => n.type === 'invitation.received'),
    );
    const told = await inbox(vendor.token);
    expect(told.items.find((n) => n.type === 'invitation.received')).toMatchObject({
      title: '您收到一份揭榜邀请',
      link: `/needs/${need.id}`,
    });
    expect(told.items.filter((n) => n.link === `/needs/${need.id}`).map((n) => n.type)).toEqual([
      'invitation.received',
      'need.matched',
    ]);

    // The vendor applies (揭榜): the demander is told, and the invitation is accepted.
    const applied = await call<{ id: string }>(
      'POST',
      `/api/v1/needs/${need.id}/applications`,
      vendor.token,
      applicationBody(recommended!.solutionId),
    );
    await within('engagement.applied', performance.now(), MATCHED_WITHIN_MS, async () =>
      (await inbox(demander.token)).items.some((n) => n.type === 'engagement.applied'),
    );
    expect((await inbox(demander.token)).items[0]).toMatchObject({
      type: 'engagement.applied',
      link: `/engagements/${applied.id}`,
    });
    const invitations = await call<{ items: Json[] }>(
      'GET',
      `/api/v1/needs/${need.id}/invitations`,
      demander.token,
    );
    expect(invitations.items).toMatchObject([
      { id: invitation.id, status: 'accepted', engagementId: applied.id },
    ]);

    // Marking read lowers the unread count, once.
    const read = await send('POST', `/api/v1/me/notifications/${matched.id}/read`, vendor.token);
    expect(read.status).toBe(200);
    expect((await inbox(vendor.token)).unread).toBe(told.unread - 1);
    await send('POST', `/api/v1/me/notifications/${matched.id}/read`, vendor.token);
    expect((await inbox(vendor.token)).unread).toBe(told.unread - 1);

    // A newly published solution enters the stored list of the need it fits.
    const late = await listing('solutions', latecomer.token, staff, {
      ...solutionBody,
      title: '汽车零部件表面缺陷机器视觉在线检测系统',
    });
    const publishedAt = performance.now();
    expect((await late.approve()).status).toBe(200);
    const listedMs = await within('stored list', publishedAt, LISTED_WITHIN_MS, async () =>
      (await call<Matches>('GET', `/api/v1/needs/${need.id}/matches`, demander.token)).results.some(
        (r) => r.solutionId === late.id,
      ),
    );

    // Bad input: someone else's notification, a need the demander does not own, an unknown solution.
    const stranger = await send('POST', `/api/v1/me/notifications/${matched.id}/read`, unfitVendor.token);
    const notFound = await expectProblem(stranger, 404, 'not_found');
    expect(notFound.detail).toBe('未找到这条通知：它不存在，或不是发给您的');
    expect((await inbox(vendor.token)).unread).toBe(told.unread - 1);
    await expectProblem(
      await send('POST', `/api/v1/needs/${need.id}/invitations`, otherDemander.token, {
        solutionId: late.id,
      }),
      403,
      'invitation.not_need_owner',
    );
    await expectProblem(
      await send('POST', `/api/v1/needs/${need.id}/invitations`, demander.token, {
        solutionId: randomUUID(),
      }),
      404,
      'invitation.solution_not_found',
    );

    console.log(
      `walk latencies: need approved → need.matched in the vendor's inbox ${matchedMs} ms (target ${MATCHED_WITHIN_MS}); ` +
        `solution published → in the need's stored list ${listedMs} ms (target ${LISTED_WITHIN_MS})`,
    );
  }, 60_000);
});
