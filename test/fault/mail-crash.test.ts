import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpPeer } from '../api/mail-peer.js';
import { registrationBody } from '../api/support.js';
import { ADMIN, type ChildServer, startChildServer } from './spawn-server.js';

const SITE = 'https://yunsupei.example.cn';

describe('the server SIGKILLed between writing a notification and mailing it', () => {
  let dir: string;
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  const running: ChildServer[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yunsupei-mail-crash-'));
    smtp = await startSmtpPeer();
  });
  afterAll(async () => {
    for (const server of running) if (server.child.exitCode === null) await server.kill();
    await smtp.close();
    await rm(dir, { recursive: true, force: true });
  });

  const mailEnv = () => ({
    YUNSUPEI_SMTP_URL: smtp.url,
    YUNSUPEI_MAIL_FROM: 'noreply@yunsupei.example.cn',
    YUNSUPEI_PUBLIC_URL: SITE,
  });

  it('mails it once the process is back, with the Message-ID it would have had', async () => {
    const first = await startChildServer(dir, { ...mailEnv(), YUNSUPEI_CRASH_AT: 'mail.before-send' });
    running.push(first);
    const exited = new Promise((resolve) => first.child.once('close', (_code, signal) => resolve(signal)));
    const staff = await first.login(ADMIN.username, ADMIN.password);
    const demander = registrationBody('demander');
    const registered = await first.request('POST', '/api/v1/orgs', { body: demander });
    const { org } = (await registered.json()) as { org: { id: string } };
    // Verifying tells the organization (org.verified, mailed at once by default): the mailer dies before sending.
    await first.request('POST', `/api/v1/orgs/${org.id}/verify`, { token: staff }).catch(() => undefined);
    expect(await exited).toBe('SIGKILL');
    expect(smtp.received).toHaveLength(0);

    const second = await startChildServer(dir, mailEnv());
    running.push(second);
    const [mail] = await smtp.waitFor(1, 15_000);
    const token = await second.login(demander.admin.username, demander.admin.password);
    const inbox = (await (await second.request('GET', '/api/v1/me/notifications', { token })).json()) as {
      items: { id: string; type: string }[];
    };
    const verified = inbox.items.find((n) => n.type === 'org.verified')!;
    expect(mail!.rcptTo).toEqual([demander.contact.email]);
    expect(mail!.parsed.subject).toBe('【云速配】机构已通过认证');
    expect(mail!.parsed.messageId).toBe(`<${verified.id}@yunsupei.example.cn>`);
    // Once: nothing else comes after it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.received).toHaveLength(1);
    await second.stop();
  }, 60_000);
});
