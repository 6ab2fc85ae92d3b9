import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, keyDirOf } from '../config.js';
import { auditKeyPath, readAuditKey } from '../eventstore/audit-key.js';
import type { ChainBreak, RowPlace } from '../eventstore/sqlite/chain-verify.js';
import { verifyChain } from '../eventstore/sqlite/chain-verify.js';
import { UsageError } from './args.js';
import { createProgress, type ProgressOutput, type ProgressTask } from './progress.js';

export const auditUsage = `yunsupei audit verify
  逐条核对内置事件库（$YUNSUPEI_DATA_DIR/events.db）的防篡改链，密钥取自 $YUNSUPEI_KEY_DIR/audit.key。
  退出码：0 链完好；1 有记录被改动或删除（指出第一条）；3 无法核对（没有密钥、没有链，或事件库为 KurrentDB）`;

const CHAIN_BROKEN_EXIT = 1;
const CANNOT_VERIFY_EXIT = 3;

export interface AuditOutput {
  /** The verdict. */
  say(line: string): void;
  /** What went wrong. */
  complain(line: string): void;
  progress: ProgressOutput;
}

const standardOutput: AuditOutput = {
  say: (line) => process.stdout.write(`${line}\n`),
  complain: (line) => process.stderr.write(`${line}\n`),
  progress: process.stderr,
};

const place = (row: RowPlace) => `第 ${row.position} 号记录（流 ${row.stream}，版本 ${row.revision}）`;

function describe(problem: ChainBreak): string {
  switch (problem.kind) {
    case 'unchained':
      return '事件库还没有防篡改链：服务尚未带密钥启动过（启动一次即为已有记录补封）';
    case 'wrong-key':
      return '密钥不是封存这个事件库的那把：请用备份的密钥目录（YUNSUPEI_KEY_DIR）核对';
    case 'altered':
      return `${place(problem.row)}被改动：内容或 MAC 与封存时不符`;
    case 'unsealed':
      return `${place(problem.row)}没有 MAC：在链建立之后被写入或被改动`;
    case 'missing': {
      const range =
        problem.from === problem.to ? `第 ${problem.from} 号记录` : `第 ${problem.from}–${problem.to} 号记录`;
      return problem.before
        ? `${range}缺失（被删除），位于${place(problem.before)}之前`
        : `${range}缺失（最新的记录被删除）`;
    }
  }
}

/** `yunsupei audit verify`: walks the embedded store's audit chain and names the first broken record. */
export async function runAudit(
  args: string[],
  config: Config,
  output: AuditOutput = standardOutput,
): Promise<number> {
  const [sub, ...extra] = args;
  if (sub !== 'verify' || extra.length > 0)
    throw new UsageError(sub ? `没有这个子命令：${args.join(' ')}` : '缺少子命令');
  if (config.YUNSUPEI_STORE === 'kurrentdb') {
    output.complain(
      '无法核对：防篡改链只用于内置 SQLite 事件库。KurrentDB 的事件不带链，其完整性由 KurrentDB 集群的访问控制、' +
        '只追加的存储与异地备份保证（见 docs/operations.md “审计链”）。',
    );
    return CANNOT_VERIFY_EXIT;
  }
  const path = join(config.YUNSUPEI_DATA_DIR, 'events.db');
  const keyPath = auditKeyPath(keyDirOf(config));
  for (const [file, what] of [
    [path, '事件库'],
    [keyPath, '密钥'],
  ] as const) {
    if (!existsSync(file)) {
      output.complain(`无法核对：找不到${what} ${file}`);
      return CANNOT_VERIFY_EXIT;
    }
  }
  const progress = createProgress(output.progress);
  let task: ProgressTask | undefined;
  const verdict = verifyChain(path, readAuditKey(keyPath), (checked, total) => {
    task ??= progress.task('核对审计链', total);
    task.update(checked);
  });
  // A broken chain stops the walk short: its bar stays where it stopped, not drawn as finished.
  if (verdict.intact) task?.finish();
  else if (task && output.progress.isTTY) output.progress.write('\n');
  if (!verdict.intact) {
    const cannot = verdict.problem.kind === 'unchained' || verdict.problem.kind === 'wrong-key';
    output.complain(
      `${cannot ? '无法核对' : '审计链断裂'}：${describe(verdict.problem)}；此前 ${verdict.events} 条记录完好`,
    );
    return cannot ? CANNOT_VERIFY_EXIT : CHAIN_BROKEN_EXIT;
  }
  const sealed =
    verdict.sealedThrough > 0n
      ? `；其中第 1–${verdict.sealedThrough} 号记录写于链建立之前，于 ${verdict.started.toISOString()} 补封`
      : '';
  const head = verdict.head
    ? `；末条为第 ${verdict.head.position} 号，MAC ${verdict.head.mac.toString('hex')}`
    : '';
  output.say(`审计链完好：${verdict.events} 条记录${sealed}${head}`);
  return 0;
}
