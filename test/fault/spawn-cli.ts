import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Exit } from './spawn-server.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  /** Resolves once the process logs a line with this `msg`. */
  logged(msg: string): Promise<void>;
  exited: Promise<Exit & { stderr: string }>;
}

/** Runs `yunsupei <args>` (bin/yunsupei.js, as an operator would) on `dataDir` with the embedded backends. */
export function runCli(args: string[], dataDir: string, env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, ['bin/yunsupei.js', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      YUNSUPEI_DATA_DIR: dataDir,
      YUNSUPEI_STORE: 'sqlite',
      YUNSUPEI_SEARCH: 'sqlite',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const messages = new Set<string>();
  const listeners = new Set<() => void>();
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      messages.add(String((JSON.parse(line) as { msg?: unknown }).msg));
      for (const listener of listeners) listener();
    }
  });
  const exited = new Promise<Exit & { stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    child,
    exited,
    logged: (msg) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (messages.has(msg)) resolve();
        };
        listeners.add(check);
        check();
        exited.then((exit) => reject(new Error(`exited before logging "${msg}": ${exit.stderr}`)));
      }),
  };
}
