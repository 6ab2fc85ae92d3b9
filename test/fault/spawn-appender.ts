import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Ack {
  stream: string;
  revision: bigint;
  position: bigint;
}

export interface AppenderProcess {
  child: ChildProcess;
  acks: Ack[];
  /** Settles when the process has exited, however it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Runs test/fault/appender.ts in its own Node process and collects its acknowledgements as they arrive. */
export function spawnAppender(
  path: string,
  prefix: string,
  options: { writers: number; appendsPerWriter: number; onAck?: (ack: Ack, total: number) => void },
): AppenderProcess {
  const child = spawn(
    process.execPath,
    [
      'bin/run-ts.js',
      'test/fault/appender.ts',
      path,
      prefix,
      String(options.writers),
      String(options.appendsPerWriter),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const acks: Ack[] = [];
  let partial = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      const [tag, stream, revision, position] = line.split(' ');
      if (tag !== 'ack' || !stream || !revision || !position) continue;
      const ack = { stream, revision: BigInt(revision), position: BigInt(position) };
      acks.push(ack);
      options.onAck?.(ack, acks.length);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => {
      child.on('close', (code, signal) => resolve({ code, signal, stderr }));
    },
  );
  return { child, acks, exited };
}
