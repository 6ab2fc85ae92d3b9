import { UsageError } from './cli/args.js';
import { auditUsage, runAudit } from './cli/audit-command.js';
import { dataCommandsUsage, isDataCommand, runDataCommand } from './cli/data-commands.js';
import { project } from './cli/project.js';
import { rebuild } from './cli/rebuild.js';
import { runUsers, usersUsage } from './cli/users-command.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './serve.js';

const usage = `用法: yunsupei <command>
  serve                                          启动 HTTP 服务（默认内置 SQLite）
  project                                        单独运行投影进程（服务以 YUNSUPEI_PROJECTOR=external 启动时）
  rebuild [索引]                                  从事件库重建搜索索引（needs、solutions、vendors…），完成后原子切换
  users add-staff|disable|enable <username>      管理账号（yunsupei users --help 查看详细说明）
  audit verify                                   核对事件库的防篡改链，指出第一条被改动或删除的记录
${dataCommandsUsage}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (isDataCommand(command)) return runDataCommand(command, rest);
  switch (command) {
    case 'serve':
      return serveUntilSignalled();
    case 'users':
      return users(rest);
    case 'audit':
      return audit(rest);
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
  if (args.includes('--help')) {
    process.stdout.write(`${usersUsage}\n`);
    return 0;
  }
  try {
    return await runUsers(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`yunsupei users: ${error.message}\n\n${usersUsage}\n`);
    return 2;
  }
}

async function audit(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    process.stdout.write(`${auditUsage}\n`);
    return 0;
  }
  try {
    return await runAudit(args, loadConfig());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`yunsupei audit: ${error.message}\n\n${auditUsage}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // One clear line for the operator: which backend or setting is wrong.
    process.stderr.write(`yunsupei: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
