import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelAccount } from '../../src/application/account-cancellation.js';
import { organizationStream } from '../../src/domain/organization/stream.js';
import { anonymous } from '../../src/domain/shared/actor.js';
import { encryptPersonalData } from '../../src/eventstore/personal-data-cipher.js';
import type { KeyStore } from '../../src/personal-data/key-store.js';
import { memoryKeyStore } from '../../src/personal-data/memory-key-store.js';
import { needBody } from './fixtures.js';
import {
  createTestApi,
  expectProblem,
  PASSWORD,
  registerOrg,
  type TestApi,
  type TestOrg,
} from './support.js';

let api: TestApi;
let keys: KeyStore;

beforeEach(async () => {
  keys = memoryKeyStore();
  api = await createTestApi({ wrapStore: (raw) => encryptPersonalData(raw, keys), keys });
});
afterEach(() => api.close());

interface Contact {
  name: string;
  phone: string;
  email: string;
}
interface MyData {
  account: { username: string; role: string; orgId: string | null };
  organization: { id: string; contact: Contact | null } | null;
  needContacts: { needId: string; contact: Contact | null }[];
  notificationSettings: { email: string | null };
  consents: { accepted: { privacyPolicy: string } } | null;
  policy: { retentionDays: number; privacyContact: string };
}

const needContact = { name: '王工程师', phone: '13912345678', email: 'wang.need@example.cn' };

async function demanderWithNeed(staffToken: string): Promise<TestOrg & { needId: string }> {
  const owner = await registerOrg(api, 'demander', staffToken);
  const created = await api.request('POST', '/api/v1/needs', {
    token: owner.token,
    body: { ...needBody, contact: needContact },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await api.caughtUp();
  return { ...owner, needId: id };
}

const cancel = (org: TestOrg, body: unknown) =>
  api.request('POST', '/api/v1/me/cancel', { token: org.token, body });

describe('我的数据', () => {
  it("exports the user's account, the organization's contact and its needs' contacts, nothing of another org", async () => {
    const staff = await api.createStaff();
    const owner = await demanderWithNeed(staff.token);
    const other = await demanderWithNeed(staff.token);
    const mail = await api.request('PUT', '/api/v1/me/notification-settings', {
      token: owner.token,
      body: { email: 'own.mail@example.cn' },
    });
    expect(mail.status, await mail.clone().text()).toBe(200);

    const res = await api.request('GET', '/api/v1/me/data', { token: owner.token });
    expect(res.status, await res.clone().text()).toBe(200);
    const data = (await res.json()) as MyData;
    expect(data.account).toMatchObject({ username: owner.username, role: 'demander', orgId: owner.orgId });
    expect(data.organization?.id).toBe(owner.orgId);
    expect(data.organization?.contact).toMatchObject({ name: '李主任', phone: '0531-88881234' });
    expect(data.needContacts).toEqual([
      expect.objectContaining({ needId: owner.needId, contact: needContact }),
    ]);
    expect(data.notificationSettings.email).toBe('own.mail@example.cn');
    expect(data.consents?.accepted.privacyPolicy).toEqual(expect.any(String));
    expect(data.policy.retentionDays).toBe(1095);
    const text = JSON.stringify(data);
    expect(text).not.toContain(other.orgId);
    expect(text).not.toContain(other.needId);
    expect(text).not.toContain(other.username);
  });

  it('downloads the same as an Excel workbook with rows', async () => {
    const staff = await api.createStaff();
    const owner = await demanderWithNeed(staff.token);
    const res = await api.request('GET', '/api/v1/me/data?format=xlsx', { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('我的数据');
    const cells = (sheet?.getSheetValues() ?? []).flat().map(String);
    expect(sheet?.rowCount).toBeGreaterThan(10);
    expect(cells).toContain(owner.username);
    expect(cells.some((cell) => cell.includes('13912345678'))).toBe(true);
  });

  it('asks for no session to read, but for one: 401 without a token', async () => {
    await expectProblem(await api.request('GET', '/api/v1/me/data'), 401);
  });
});

describe('注销账号', () => {
  it('refuses without the right username and password, then cancels: no sign-in, contacts read 已注销', async () => {
    const staff = await api.createStaff();
    const vendor = await registerOrg(api, 'vendor', staff.token);
    const wrongName = await expectProblem(
      await cancel(vendor, { confirm: 'someone', password: PASSWORD }),
      422,
    );
    expect(wrongName.errors?.map((e) => e.path)).toEqual(['confirm']);
    const wrongPassword = await expectProblem(
      await cancel(vendor, { confirm: vendor.username, password: 'Wrong1234pw' }),
      422,
    );
    expect(wrongPassword.errors?.map((e) => e.path)).toEqual(['password']);
    await expectProblem(await cancel(vendor, { password: PASSWORD }), 422);
    expect(await keys.isDestroyed(`organization:${vendor.orgId}`)).toBe(false);

    const done = await cancel(vendor, { confirm: vendor.username, password: PASSWORD });
    expect(done.status, await done.clone().text()).toBe(200);
    expect(await done.json()).toEqual({ userId: vendor.userId, cancelledOrganizationId: vendor.orgId });

    await expectProblem(
      await api.request('POST', '/api/v1/auth/token', {
        body: { username: vendor.username, password: PASSWORD },
      }),
      401,
    );
    await expectProblem(await api.request('GET', '/api/v1/me/data', { token: vendor.token }), 401);

    const events = await api.store.readStream(organizationStream(vendor.orgId));
    expect(events.at(-1)?.type).toBe('OrganizationCancelled');
    const registered = events.find((event) => event.type === 'OrganizationRegistered');
    expect(registered?.data.contact).toEqual({ name: '已注销', phone: '', email: '' });
    expect(await keys.isDestroyed(`user:${vendor.userId}`)).toBe(true);

    await api.caughtUp();
    const page = await api.request('GET', `/vendors/${vendor.orgId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('已注销');
    const profile = await api.request('GET', `/api/v1/vendors/${vendor.orgId}`);
    expect(((await profile.json()) as { status: string }).status).toBe('cancelled');
  });

  it("shows 已注销 for a cancelled demander's need contact, without empty parts", async () => {
    const staff = await api.createStaff();
    const owner = await demanderWithNeed(staff.token);
    expect((await cancel(owner, { confirm: owner.username, password: PASSWORD })).status).toBe(200);
    const need = await api.request('GET', `/api/v1/needs/${owner.needId}`, { token: staff.token });
    expect(((await need.json()) as { contact: Contact }).contact).toEqual({
      name: '已注销',
      phone: '',
      email: '',
    });
  });

  it('refuses staff: their accounts are removed by the accounts admin', async () => {
    const staff = await api.createStaff();
    const res = await api.request('POST', '/api/v1/me/cancel', {
      token: staff.token,
      body: { confirm: staff.username, password: PASSWORD },
    });
    const problem = await expectProblem(res, 403, 'user.cancel_staff_only_by_admin');
    expect(problem.detail).toContain('系统管理员');
  });

  it('finishes the key destruction when asked again after a crash between the events and the keys', async () => {
    const staff = await api.createStaff();
    const owner = await demanderWithNeed(staff.token);
    const crashing: KeyStore = {
      ...keys,
      destroyKey: async () => {
        throw new Error('crashed before the keys were destroyed');
      },
    };
    const input = { confirm: owner.username, password: PASSWORD };
    await expect(
      cancelAccount({ ...api.deps, keys: crashing }, { actor: anonymous, correlationId: 'crash' }, input),
    ).rejects.toThrow('crashed');
    const stream = await api.store.readStream(organizationStream(owner.orgId));
    expect(stream.at(-1)?.type).toBe('OrganizationCancelled');
    expect(await keys.isDestroyed(`organization:${owner.orgId}`)).toBe(false);

    // The account can no longer sign in: the retry proves itself with the password, as the first try did.
    const retry = await api.request('POST', '/api/v1/me/cancel', { body: input });
    expect(retry.status, await retry.clone().text()).toBe(200);
    expect(await keys.isDestroyed(`organization:${owner.orgId}`)).toBe(true);
    expect(await keys.isDestroyed(`user:${owner.userId}`)).toBe(true);
    expect((await api.store.readStream(organizationStream(owner.orgId))).length).toBe(stream.length);
  });
});
