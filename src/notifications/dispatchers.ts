import type { Config } from '../config.js';
import type { Clock } from '../domain/shared/ids.js';
import type { EventStore } from '../eventstore/port.js';
import type { Logger } from '../logger.js';
import { createInbox } from './inbox-service.js';
import { MailDispatcher } from './mail-dispatcher.js';
import { smtpTransport } from './mail-smtp.js';
import { createUnsubscribeLinks } from './mail-unsubscribe.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';

export interface DispatchersOptions {
  config: Pick<Config, 'YUNSUPEI_SMTP_URL' | 'YUNSUPEI_MAIL_FROM' | 'YUNSUPEI_PUBLIC_URL'>;
  store: EventStore;
  clock: Clock;
  logger: Logger;
  /** The server's secret, which signs the unsubscribe links. */
  secret: string;
}

/**
 * Starts what sends notifications beyond the inbox, next to the reactor: organizations' webhooks, and mail
 * when YUNSUPEI_SMTP_URL is set.
 * Each follows the inboxes on its own, so a slow mail server holds back nothing but mail.
 */
export async function startDispatchers(options: DispatchersOptions): Promise<{ stop(): Promise<void> }> {
  const { config, store, clock, logger } = options;
  const running: { stop(): Promise<void> }[] = [];
  const webhooks = new WebhookDispatcher({
    store,
    clock,
    logger,
    inbox: createInbox(store, clock),
    publicUrl: config.YUNSUPEI_PUBLIC_URL,
  });
  await webhooks.start();
  running.push(webhooks);
  if (config.YUNSUPEI_SMTP_URL && config.YUNSUPEI_MAIL_FROM && config.YUNSUPEI_PUBLIC_URL) {
    const transport = smtpTransport(config.YUNSUPEI_SMTP_URL, config.YUNSUPEI_MAIL_FROM);
    const site = { publicUrl: config.YUNSUPEI_PUBLIC_URL, links: createUnsubscribeLinks(options.secret) };
    const mail = new MailDispatcher({ store, clock, logger, transport, site });
    await mail.start();
    running.push({
      stop: async () => {
        await mail.stop();
        await transport.close();
      },
    });
    logger.info({ publicUrl: site.publicUrl }, 'mail notifications on');
  }
  return {
    async stop() {
      for (const dispatcher of running.reverse()) await dispatcher.stop();
    },
  };
}
