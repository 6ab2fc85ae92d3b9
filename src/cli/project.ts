import type { Config } from '../config.js';
import { systemClock } from '../domain/shared/ids.js';
import { openEventStore } from '../eventstore/open.js';
import { loadTokenSecret } from '../http/auth/secret.js';
import type { Logger } from '../logger.js';
import { startDispatchers } from '../notifications/dispatchers.js';
import { createInbox } from '../notifications/inbox-service.js';
import { NotificationReactor } from '../notifications/reactor.js';
import { Projector } from '../projections/projector.js';
import { lockProjector } from '../projections/projector-lock.js';
import { openSearchIndex } from '../search/open.js';

/**
 * `yunsupei project`: the projector as its own worker process, for deployments whose API processes run
 * with YUNSUPEI_PROJECTOR=external, with the notification reactor behind it. Runs until SIGTERM or SIGINT.
 */
export async function project(config: Config, logger: Logger): Promise<number> {
  const lock = lockProjector(config.YUNSUPEI_DATA_DIR);
  const store = await openEventStore(config, logger).catch((error: unknown) => {
    lock.release();
    throw error;
  });
  const search = await openSearchIndex(config, logger).catch(async (error) => {
    await store.close();
    lock.release();
    throw error;
  });
  const projector = new Projector({ store, search, logger });
  await projector.start();
  // Notifications are sent where the projections are made, behind them.
  const reactor = new NotificationReactor({
    store,
    search,
    projections: projector,
    inbox: createInbox(store, systemClock),
    clock: systemClock,
    logger,
  });
  await reactor.start();
  const secret = loadTokenSecret(config.YUNSUPEI_SECRET, config.YUNSUPEI_DATA_DIR);
  const dispatchers = await startDispatchers({ config, store, clock: systemClock, logger, secret });
  logger.info({ position: (await projector.position()).toString() }, 'projector running');
  const lagTimer = setInterval(async () => {
    const lag = await projector.lag().catch(() => null);
    if (lag && lag.positions > 0n)
      logger.info({ behind: lag.positions.toString(), seconds: lag.seconds }, 'projecting');
  }, 5000);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => resolve());
  });
  clearInterval(lagTimer);
  await dispatchers.stop();
  await reactor.stop();
  await projector.stop();
  await search.close();
  await store.close();
  lock.release();
  logger.info('projector stopped');
  return 0;
}
