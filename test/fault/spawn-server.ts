import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ADMIN = { username: 'faultadmin', password: 'fault-admin-pass1' };

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ChildServer {
  child: ChildProcess;
  port: number;
  /** The server's JSON log lines so far. */
  logs: Record<string, unknown>[];
  request(method: string, path: string, options?: RequestOptions): Promise<Response>;
  /** Signs in and returns the bearer token. */
  login(username: string, password: string): Promise<string>;
  /** SIGTERM: the server finishes in-flight requests and closes its files. */
  stop(): Promise<Exit>;
  /** SIGKILL: the crash. */
  kill(): Promise<Exit>;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs test/fault/server.ts on `dataDir` in its own Node process and resolves once it listens. Rate limits
 * are raised out of the way: the storms come from one address and one token.
 */
export function startChildServer(dataDir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'test/fault/server.ts'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      YUNSUPEI_DATA_DIR: dataDir,
      YUNSUPEI_STORE: 'sqlite',
      YUNSUPEI_SEARCH: 'sqlite',
      YUNSUPEI_PROJECTOR: 'inline',
      YUNSUPEI_ADMIN_USER: ADMIN.username,
      YUNSUPEI_ADMIN_PASSWORD: ADMIN.password,
      YUNSUPEI_STAFF_MFA: 'off',
      YUNSUPEI_AUTH_RATE_LIMIT: '1000000',
      YUNSUPEI_RATE_LIMIT: '1000000',
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  const exited = new Promise<Exit>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );

  return new Promise((resolve, reject) => {
    let partial = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        const listening = /^listening (\d+)$/.exec(line);
        if (listening) resolve(server(child, Number(listening[1]), logs, exited));
        else if (line.startsWith('{')) logs.push(JSON.parse(line) as Record<string, unknown>);
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    exited.then((exit) =>
      reject(new Error(`server exited before listening (${exit.code ?? exit.signal}): ${stderr}`)),
    );
  });
}

function server(
  child: ChildProcess,
  port: number,
  logs: Record<string, unknown>[],
  exited: Promise<Exit>,
): ChildServer {
  const request = (method: string, path: string, options: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['Content-Type'] ??= 'application/json';
    return fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  };
  return {
    child,
    port,
    logs,
    request,
    async login(username, password) {
      const res = await request('POST', '/api/v1/auth/token', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      child.kill('SIGKILL');
      return exited;
    },
  };
}
