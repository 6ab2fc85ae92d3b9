import type { AppDeps, RequestContext } from '../application/deps.js';
import { loadConfig } from '../config.js';
import { DomainError, ValidationError } from '../domain/shared/errors.js';
import { createLogger } from '../logger.js';
import { openRuntime, systemContext } from '../runtime.js';
import { createProgress, type Progress } from './progress.js';

export interface Session {
  deps: AppDeps;
  /** The CLI is run by the platform's operator: it acts as staff. */
  staff: RequestContext;
  /** Aborted by Ctrl-C; long commands stop between two steps. */
  signal: AbortSignal;
  progress: Progress;
  /** What the command tells its user (stdout); progress and problems go to stderr. */
  say(line: string): void;
}

export const INTERRUPTED_EXIT = 130;

/**
 * Opens the same runtime as `serve` (embedded SQLite by default), runs one command and closes it.
 * The first Ctrl-C asks the command to stop after its current step, so nothing is left half-written;
 * what was written stays, and every long command continues from there when run again. A second Ctrl-C
 * exits at once, which is also safe: every write is one atomic append, and the ledgers resume.
 */
export async function withSession(name: string, run: (session: Session) => Promise<number>): Promise<number> {
  const config = loadConfig();
  // Info logs would tear through the progress bar: the CLI logs warnings and worse unless asked for more.
  const level = config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL;
  const runtime = await openRuntime(config, createLogger(level));
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(INTERRUPTED_EXIT);
    process.stderr.write('\n正在停止（当前一步完成后退出；再按一次 Ctrl-C 立即退出）…\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await run({
      deps: runtime.deps,
      staff: systemContext(`cli-${name}`),
      signal: controller.signal,
      progress: createProgress(process.stderr),
      say: (line) => process.stdout.write(`${line}\n`),
    });
  } catch (error) {
    if (controller.signal.aborted && isAbort(error)) {
      process.stderr.write('已中断：已完成的部分已保存，重新运行同一命令即可继续。\n');
      return INTERRUPTED_EXIT;
    }
    if (!(error instanceof DomainError)) throw error;
    const details =
      error instanceof ValidationError ? error.errors.map((e) => `  ${e.path}: ${e.message}\n`) : [];
    process.stderr.write(`yunsupei ${name}: ${error.message}\n${details.join('')}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await runtime.close();
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
