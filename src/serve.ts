import { type ServerType, serve } from '@hono/node-server';
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
  const runtime = await openRuntime(config, logger, { project: config.YUNSUPEI_PROJECTOR === 'inline' });
  const app = createApp(runtime.http);
  const server = await listen(app.fetch, config.HOST, config.PORT);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ port, store: config.YUNSUPEI_STORE, search: config.YUNSUPEI_SEARCH }, 'yunsupei listening');
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

function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  hostname: string,
  port: number,
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server));
    server.once('error', reject);
  });
}
