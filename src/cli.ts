import { createInterface } from 'node:readline';
import { createStaffUser } from './application/user-service.js';
import { dataCommandsUsage, isDataCommand, runDataCommand } from './cli/data-commands.js';
import { project } from './cli/project.js';
import { rebuild } from './cli/rebuild.js';
import { loadConfig } from './config.js';
import { DomainError, ValidationError } from './domain/shared/errors.js';
import { createLogger } from './logger.js';
import { openRuntime, systemContext } from './runtime.js';
import { startServer } from './serve.js';

const usage = `用法: yunsupei <command>
  serve                                          启动 HTTP 服务（默认内置 SQLite）
  project                                        单独运行投影进程（服务以 YUNSUPEI_PROJECTOR=external 启动时）
  rebuild [索引]                                  从事件库重建搜索索引（needs、solutions、vendors…），完成后原子切换
  users add-staff <username> [--password-stdin]  新增平台工作人员账号（不带 --password-stdin 时交互输入密码）
${dataCommandsUsage}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (isDataCommand(command)) return runDataCommand(command, rest);
  switch (command) {
    case 'serve':
      return serveUntilSignalled();
    case 'users':
      return users(rest);
    case 'project':
    case 'rebuild': {
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL);
      return command === 'project' ? project(config, logger) : rebuild(config, logger, rest);
    }
    default:
      process.stderr.write(usage);
      return command ? 2 : 0;
  }
}

async function serveUntilSignalled(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const server = await startServer(config, logger);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => resolve());
  });
  logger.info('shutting down');
  await server.stop();
  return 0;
}

async function users(args: string[]): Promise<number> {
  const [sub, username, ...flags] = args;
  if (sub !== 'add-staff' || !username || flags.some((f) => f !== '--password-stdin')) {
    process.stderr.write(usage);
    return 2;
  }
  const password = flags.includes('--password-stdin') ? await readStdin() : await promptHidden('密码: ');
  const config = loadConfig();
  const runtime = await openRuntime(
    config,
    createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL),
  );
  try {
    const user = await createStaffUser(runtime.deps, systemContext('cli'), { username, password });
    process.stdout.write(`已就绪：平台工作人员 ${user.state.username}（${user.id}）\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const reasons =
      error instanceof ValidationError ? error.errors.map((e) => `  ${e.path}: ${e.message}\n`) : [];
    process.stderr.write(`yunsupei: ${error.message}\n${reasons.join('')}`);
    return 1;
  } finally {
    await runtime.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) return readStdin();
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    output._writeToOutput = () => {};
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // One clear line for the operator: which backend or setting is wrong.
    process.stderr.write(`yunsupei: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
