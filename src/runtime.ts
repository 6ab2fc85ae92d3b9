import { join } from 'node:path';
import type { AppDeps, RequestContext } from './application/deps.js';
import { createStaffUser } from './application/user-service.js';
import { fsAttachmentStore } from './attachments/fs-store.js';
import { type Config, ConfigError } from './config.js';
import { DomainError, ValidationError } from './domain/shared/errors.js';
import { systemClock, uuidv7 } from './domain/shared/ids.js';
import { openEventStore, openKeyStore } from './eventstore/open.js';
import type { EventStore } from './eventstore/port.js';
import { loadTokenSecret } from './http/auth/secret.js';
import type { Logger } from './logger.js';
import { startDispatchers } from './notifications/dispatchers.js';
import { NotificationReactor } from './notifications/reactor.js';
import type { KeyStore } from './personal-data/key-store.js';
import { CheckpointStatus } from './projections/checkpoint-status.js';
import { Projector } from './projections/projector.js';
import { lockProjector } from './projections/projector-lock.js';
import { openSearchIndex } from './search/open.js';
import type { SearchIndex } from './search/port.js';
import { assembleHttp } from './server/assemble.js';
import type { HttpDeps } from './server/deps.js';
import { siteIdentityFrom } from './server/site-identity.js';

/** The backends a process works with, opened from the configuration and closed together. */
export interface Runtime {
  /** The event store, measured. */
  store: EventStore;
  deps: AppDeps;
  http: HttpDeps;
  /** The personal-data keys the store encrypts with; destroying one shreds its subject's personal data. */
  keys: KeyStore;
  close(): Promise<void>;
}

/** Start-up and the CLI act as staff: they create the first staff account, which nobody else could. */
export function systemContext(correlationId: string): RequestContext {
  return { actor: { userId: null, orgId: null, role: 'staff' }, correlationId };
}

async function ensureStaffAdmin(deps: AppDeps, username: string, password: string): Promise<void> {
  try {
    const admin = await createStaffUser(deps, systemContext('startup'), { username, password });
    deps.logger.info({ userId: admin.id, username: admin.state.username }, 'staff admin ready');
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const reasons =
      error instanceof ValidationError ? error.errors.map((e) => `${e.path}: ${e.message}`) : [];
    throw new ConfigError(
      `YUNSUPEI_ADMIN_USER/YUNSUPEI_ADMIN_PASSWORD: ${[error.message, ...reasons].join('; ')}`,
    );
  }
}

export interface RuntimeOptions {
  /**
   * Run the projector in this process. `serve` does unless YUNSUPEI_PROJECTOR=external; one-off commands
   * (seed, import, users) do not, and leave their events to the running server's or worker's projector.
   */
  project?: boolean;
}

/** The projector in this process, or the checkpoints a projector elsewhere stores with the indexes. */
async function projectionsFor(store: EventStore, search: SearchIndex, logger: Logger, project: boolean) {
  if (!project) return { status: new CheckpointStatus(store, search), stop: async () => undefined };
  const projector = new Projector({ store, search, logger });
  await projector.start();
  return { status: projector, stop: () => projector.stop() };
}

export async function openRuntime(
  config: Config,
  logger: Logger,
  options: RuntimeOptions = {},
): Promise<Runtime> {
  // Taken before any backend opens: a second projector refused here has touched nothing.
  const lock = options.project ? lockProjector(config.YUNSUPEI_DATA_DIR) : null;
  const keys = openKeyStore(config);
  const raw = await openEventStore(config, logger, keys).catch((error: unknown) => {
    lock?.release();
    throw error;
  });
  let search: SearchIndex | undefined;
  let stopProjections = async (): Promise<void> => {};
  let reactor: NotificationReactor | null = null;
  let dispatchers: { stop(): Promise<void> } | null = null;
  try {
    search = await openSearchIndex(config, logger);
    const project = options.project ?? false;
    const projections = await projectionsFor(raw, search, logger, project);
    stopProjections = projections.stop;
    const searchIndex = search;
    const secret = loadTokenSecret(config.YUNSUPEI_SECRET, config.YUNSUPEI_DATA_DIR);
    const { deps, http } = assembleHttp({
      store: raw,
      clock: systemClock,
      newId: () => uuidv7(),
      logger,
      secret,
      sessionIdleMinutes: config.YUNSUPEI_SESSION_IDLE_MINUTES,
      signIn: {
        staffMfa: config.YUNSUPEI_STAFF_MFA,
        passwordLifetimes: { staffDays: config.YUNSUPEI_STAFF_PASSWORD_DAYS, organizationDays: null },
      },
      rateLimits: { authPerMinute: config.YUNSUPEI_AUTH_RATE_LIMIT, perMinute: config.YUNSUPEI_RATE_LIMIT },
      metricsToken: config.YUNSUPEI_METRICS_TOKEN,
      privacyContact: config.YUNSUPEI_PRIVACY_CONTACT,
      keys,
      retentionDays: config.YUNSUPEI_RETENTION_DAYS,
      site: siteIdentityFrom(config),
      projections: projections.status,
      search: searchIndex,
      attachments: { store: fsAttachmentStore(join(config.YUNSUPEI_DATA_DIR, 'attachments')) },
      readiness: [
        {
          name: 'eventstore',
          check: async () => {
            await raw.ping();
            return { head: (await raw.headPosition()).toString() };
          },
        },
        {
          name: 'search',
          check: async () => {
            await searchIndex.ping();
            const lag = await projections.status.lag();
            return { projectionLag: { positions: lag.positions.toString(), seconds: lag.seconds } };
          },
        },
      ],
    });
    // Notifications are sent where the projections are made: here, or by the `project` worker.
    if (project) {
      reactor = new NotificationReactor({
        store: raw,
        search: searchIndex,
        projections: projections.status,
        inbox: http.inbox,
        clock: systemClock,
        logger,
      });
      await reactor.start();
      dispatchers = await startDispatchers({ config, store: raw, clock: systemClock, logger, secret });
    }
    if (config.YUNSUPEI_ADMIN_USER && config.YUNSUPEI_ADMIN_PASSWORD) {
      await ensureStaffAdmin(deps, config.YUNSUPEI_ADMIN_USER, config.YUNSUPEI_ADMIN_PASSWORD);
    }
    return {
      store: deps.store,
      deps,
      http,
      keys,
      async close() {
        await dispatchers?.stop();
        await reactor?.stop();
        await stopProjections();
        await searchIndex.close();
        await raw.close();
        lock?.release();
      },
    };
  } catch (error) {
    await dispatchers?.stop();
    await reactor?.stop();
    await stopProjections();
    await search?.close();
    await raw.close();
    lock?.release();
    throw error;
  }
}
