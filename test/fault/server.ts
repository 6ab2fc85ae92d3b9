/**
 * Child process for the fault tests: the product's server on the configuration in the environment (a temp
 * YUNSUPEI_DATA_DIR, the admin account), on a free port of 127.0.0.1. Prints `listening <port>` once it
 * answers, and stops cleanly on SIGTERM; the tests SIGKILL it to crash it.
 */
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startServer } from '../../src/serve.js';

const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
const server = await startServer(config, createLogger(config.LOG_LEVEL));
process.stdout.write(`listening ${server.port}\n`);
process.once('SIGTERM', () => {
  server.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
