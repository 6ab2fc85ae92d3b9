import { type ServerType, serve } from '@hono/node-server';
import { activeStaffExists } from './application/staff-presence.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { openRuntime } from './runtime.js';
import { createApp } from './server/app.js';

export interface RunningServer {
  port: number;
  stop(): Promise<void>;
}

/** Starts the product: backends first (failing fast with one clear line), then the HTTP server. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  if (config.YUNSUPEI_STAFF_MFA === 'off') {
    // Printed as well as logged: whoever starts the server sees it even with the log going elsewhere.
    console.warn(staffMfaOffWarning);
    logger.warn({ security: true, setting: 'YUNSUPEI_STAFF_MFA' }, staffMfaOffWarning);
  }
  const runtime = await openRuntime(config, logger, { project: config.YUNSUPEI_PROJECTOR === 'inline' });
  const app = createApp(runtime.http);
  const server = await listen(app.fetch, config.HOST, config.PORT);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = listeningUrl(config.HOST, port);
  logger.info(
    { url, port, store: config.YUNSUPEI_STORE, search: config.YUNSUPEI_SEARCH },
    `yunsupei listening on ${url}`,
  );
  activeStaffExists(runtime.store)
    .then((exists) => {
      if (!exists) logger.warn(noStaffWarning);
    })
    .catch((error: unknown) => logger.warn({ err: error }, 'could not check for a staff account'));
  // Matching weighs words by their rarity among all listings. Building those statistics now, while the server
  // already answers, spares the first matching request a wait of seconds per ten thousand listings.
  runtime.http.matching.warmUp().catch((error: unknown) => {
    logger.warn(
      { err: error },
      'matching statistics not built at start: the first matching request builds them',
    );
  });
  return {
    port,
    async stop() {
      // close() stops accepting connections and resolves once in-flight requests have finished.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
      logger.info('yunsupei stopped');
    },
  };
}

const staffMfaOffWarning =
  'YUNSUPEI_STAFF_MFA=off: staff sign in without a second factor and keep the initial password; ' +
  'for development and automated tests only, never in production';

const noStaffWarning =
  'no active staff account: new organizations cannot be verified until one exists; ' +
  'set YUNSUPEI_ADMIN_USER and YUNSUPEI_ADMIN_PASSWORD, or run `yunsupei users add-staff <用户名>`';

/** The address to open in a browser: a wildcard host is reached on this machine as localhost. */
export function listeningUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host;
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}

/**
 * Node refuses a request whose head exceeds 16 KiB with a bare 431 before the app sees it; a search of a few
 * thousand Chinese characters (9 bytes each in a URL) would get that instead of the API's or the page's
 * Chinese refusal of a query over 200 characters. 64 KiB lets those reach the app.
 */
const MAX_HEADER_BYTES = 64 * 1024;

function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  hostname: string,
  port: number,
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port, serverOptions: { maxHeaderSize: MAX_HEADER_BYTES } }, () =>
      resolve(server),
    );
    server.once('error', reject);
  });
}
