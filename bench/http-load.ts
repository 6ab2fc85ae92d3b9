/**
 * Load against the real server (bench/http-server.ts in a child process on 127.0.0.1, over a data folder
 * already projected), for a benchmark that compares endpoints in one run: start it with a staff account, sign
 * that account in, and run autocannon on an endpoint whose path rotates so that no response is cached.
 * (bench/http.bench.ts has its own copy of the same steps.)
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon, { type RawRequest } from 'autocannon';

export interface BenchServer {
  port: number;
  /** Milliseconds the matching statistics took to build before the server listened. */
  warmUpMs: number;
  /** A bearer token of the staff account the server created at start. */
  staffToken(): Promise<string>;
  stop(): Promise<void>;
}

export function startBenchServer(dataDir: string): Promise<BenchServer> {
  // Created at the server's first start over the folder and kept: the same folder, the same password.
  const secret = createHash('sha256').update(`yunsupei-bench:${dataDir}`).digest('hex');
  const staff = { username: `bench-${secret.slice(0, 8)}`, password: `Bench-${secret.slice(8, 32)}` };
  const runTs = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
  const script = fileURLToPath(new URL('./http-server.ts', import.meta.url));
  const child = fork(runTs, [script], {
    env: {
      ...process.env,
      BENCH_DATA_DIR: dataDir,
      YUNSUPEI_ADMIN_USER: staff.username,
      YUNSUPEI_ADMIN_PASSWORD: staff.password,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => {
      const { port, warmUpMs } = message as { port: number; warmUpMs: number };
      resolve({ port, warmUpMs, staffToken: () => signIn(port, staff), stop: () => stop(child) });
    });
    child.once('exit', (code) => reject(new Error(`benchmark server exited with ${code} before listening`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.send('stop');
  });
}

async function signIn(port: number, staff: { username: string; password: string }): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(staff),
  });
  if (!response.ok) throw new Error(`staff token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

export interface Endpoint {
  name: string;
  paths: string[];
  /** Sent with every request, e.g. a bearer token. */
  headers?: Record<string, string>;
}

export interface LoadSettings {
  connections: number;
  seconds: number;
  maxRequests: number;
}

export interface Sample {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

export async function load(port: number, endpoint: Endpoint, settings: LoadSettings): Promise<Sample> {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: settings.connections,
    duration: settings.seconds,
    maxOverallRequests: settings.maxRequests,
    requests: [
      {
        method: 'GET',
        setupRequest: (request: RawRequest) => ({
          ...request,
          headers: { ...request.headers, ...endpoint.headers },
          path: endpoint.paths[next++ % endpoint.paths.length]!,
        }),
      },
    ],
  });
  return {
    rps: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}
