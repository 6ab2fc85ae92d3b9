import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { matchingTotpStep, totpCode } from '../../../src/application/totp.js';
import {
  encryptPersonalData,
  PersonalDataKeyMissingError,
} from '../../../src/eventstore/personal-data-cipher.js';
import type { EventStore, JsonObject, RecordedEvent } from '../../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite/sqlite-event-store.js';
import type { KeyStore } from '../../../src/personal-data/key-store.js';
import { memoryKeyStore } from '../../../src/personal-data/memory-key-store.js';
import { erasedContact } from '../../../src/personal-data/personal-fields.js';
import { PersonalDataTamperedError } from '../../../src/personal-data/sm4-envelope.js';
import { batches } from '../../../src/projections/batches.js';

const contact = { name: '李主任', phone: '13905310001', email: 'li@example.cn' };
const registered = {
  type: 'OrganizationRegistered',
  data: { orgId: 'o1', name: '济南某制造有限公司', city: 'jinan', contact, at: '2025-03-01T00:00:00.000Z' },
};

let raw: EventStore;
let keys: KeyStore;
let store: EventStore;

beforeEach(() => {
  raw = openSqliteEventStore({ path: ':memory:' });
  keys = memoryKeyStore();
  store = encryptPersonalData(raw, keys);
});
afterEach(() => raw.close());

const plainOf = async (stream: string) => (await raw.readStream(stream)).map((e) => e.data);

describe('personal data in the event store', () => {
  it('stores a contact as an SM4 envelope and reads it back plain', async () => {
    await store.append('org-o1', [registered]);
    const [stored] = await plainOf('org-o1');
    expect(JSON.stringify(stored)).not.toContain('13905310001');
    expect(JSON.stringify(stored)).not.toContain('li@example.cn');
    expect(stored?.contact).toEqual({
      $sm4: {
        subject: 'organization:o1',
        iv: expect.any(String),
        ct: expect.any(String),
        mac: expect.any(String),
      },
    });
    expect(stored?.name).toBe('济南某制造有限公司');
    const [read] = await store.readStream('org-o1');
    expect(read?.data).toEqual(registered.data);
    expect((await store.readAll())[0]?.data).toEqual(registered.data);
  });

  it('reads events stored before encryption as they are', async () => {
    await raw.append('org-o1', [registered]);
    expect((await store.readStream('org-o1'))[0]?.data).toEqual(registered.data);
  });

  it('refuses an envelope whose MAC does not match', async () => {
    await store.append('org-o1', [registered]);
    const [event] = await raw.readStream('org-o1');
    if (!event) throw new Error('nothing stored');
    const sealed = (event.data.contact as { $sm4: JsonObject }).$sm4;
    const flipped = Buffer.from(String(sealed.ct), 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const tampered = { ...event.data, contact: { $sm4: { ...sealed, ct: flipped.toString('base64') } } };
    await raw.append('org-o2', [{ type: 'OrganizationRegistered', data: tampered }]);
    await expect(store.readStream('org-o2')).rejects.toThrow(PersonalDataTamperedError);
  });

  it("reads a destroyed subject's contact as 已注销, and the others' as before", async () => {
    await store.append('org-o1', [registered]);
    const other = { ...registered, data: { ...registered.data, orgId: 'o2' } };
    await store.append('org-o2', [other]);
    await keys.destroyKey('organization:o1');
    const [erased] = await store.readStream('org-o1');
    expect(erased?.data.contact).toEqual(erasedContact);
    expect(erased?.data.contact).toEqual({ name: '已注销', phone: '', email: '' });
    expect((await store.readStream('org-o2'))[0]?.data.contact).toEqual(contact);
    await expect(store.append('org-o1', [registered])).rejects.toThrow(/destroyed/);
  });

  it('says so when a key is missing without a record of its destruction (a lost key file)', async () => {
    await store.append('org-o1', [registered]);
    const forgetful = encryptPersonalData(raw, memoryKeyStore());
    await expect(forgetful.readStream('org-o1')).rejects.toThrow(PersonalDataKeyMissingError);
  });

  it("encrypts a need's contact change under its organization's key, found in the stream's first event", async () => {
    const created = {
      type: 'NeedCreated',
      data: { needId: 'n1', orgId: 'o1', title: '智能质检', contact, at: '2025-03-01T00:00:00.000Z' },
    };
    await store.append('need-n1', [created]);
    const changed = { ...contact, phone: '13905310002' };
    await store.append('need-n1', [
      {
        type: 'NeedUpdated',
        data: { needId: 'n1', changes: { contact: changed, title: '新标题' }, at: 'x' },
      },
    ]);
    const [, update] = await plainOf('need-n1');
    expect(JSON.stringify(update)).not.toContain('13905310002');
    expect(update?.changes).toMatchObject({
      title: '新标题',
      contact: { $sm4: { subject: 'organization:o1' } },
    });
    expect((await store.readStream('need-n1'))[1]?.data.changes).toEqual({
      contact: changed,
      title: '新标题',
    });
    await keys.destroyKey('organization:o1');
    expect((await store.readStream('need-n1'))[1]?.data.changes).toEqual({
      contact: erasedContact,
      title: '新标题',
    });
  });

  it("keeps a staff member's name and a user's own mail address under the user's key; null stays null", async () => {
    await store.append('user-u1', [
      { type: 'UserRegistered', data: { userId: 'u1', username: 'wang', name: '王芳', at: 'x' } },
    ]);
    await store.append('notification-settings-u1', [
      {
        type: 'NotificationSettingsChanged',
        data: { userId: 'u1', email: 'wang@example.cn', choices: {}, at: 'x' },
      },
      { type: 'NotificationSettingsChanged', data: { userId: 'u1', email: null, choices: {}, at: 'y' } },
    ]);
    const stored = JSON.stringify((await raw.readAll()).map((e) => e.data));
    expect(stored).not.toContain('王芳');
    expect(stored).not.toContain('wang@example.cn');
    await keys.destroyKey('user:u1');
    const read = (await store.readAll()).map((e) => e.data);
    expect(read.map((d) => d.name ?? d.email)).toEqual(['已注销', null, null]);
    expect(read[0]?.username).toBe('wang');
  });

  it("keeps a staff member's TOTP secret under the user's key, and an erased one matches no code", async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const enrolled = { userId: 'u2', secret, recoveryCodeHashes: ['h1'], at: 'x' };
    await store.append('user-u2', [{ type: 'StaffTotpEnrolled', data: enrolled }]);
    expect(JSON.stringify(await plainOf('user-u2'))).not.toContain(secret);
    expect((await store.readStream('user-u2'))[0]?.data.secret).toBe(secret);
    await keys.destroyKey('user:u2');
    const erased = String((await store.readStream('user-u2'))[0]?.data.secret);
    expect(erased).toBe('');
    const now = new Date('2025-03-01T00:00:00Z');
    expect(matchingTotpStep(erased, totpCode(erased, now), now)).toBeNull();
  });

  it('opens what a subscription delivers', async () => {
    await store.append('org-o1', [registered]);
    const subscription = store.subscribeToAll();
    const seen: RecordedEvent[] = [];
    for await (const event of subscription) {
      seen.push(event);
      break;
    }
    await subscription.close();
    expect(seen[0]?.data.contact).toEqual(contact);
  });

  it('lets a reader stop while the live subscription waits for the next event, as a rebuild does', async () => {
    await store.append('org-o1', [registered]);
    const subscription = store.subscribeToAll();
    const batched: RecordedEvent[][] = [];
    for await (const batch of batches(subscription, 10)) {
      batched.push(batch);
      break;
    }
    await subscription.close();
    expect(batched.map((batch) => batch.length)).toEqual([1]);
  });
});
