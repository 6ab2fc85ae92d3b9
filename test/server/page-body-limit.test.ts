import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { warmSearch } from '../../src/notifications/warm-search.js';
import { type RunningServer, startServer } from '../../src/serve.js';

const MiB = 1024 * 1024;
/** One 64 KiB piece, sent again and again: the test never holds the body it sends. */
const PIECE = Buffer.alloc(64 * 1024, 'a');
/** Any CSRF cookie makes the page read the form to compare its token: the read the limit must precede. */
const CSRF_COOKIE = 'ysp_csrf=any-secret-the-check-reads-the-body-for';

interface Sent {
  status: number;
  contentType: string;
  body: string;
  elapsedMs: number;
  /** The most this process's resident memory rose while the request ran. */
  peakRssGrowth: number;
}

/**
 * POSTs `bytes` bytes over a real socket, piece by piece, as a declared Content-Length or chunked, and stops
 * sending once the answer arrives (the server may close the connection then).
 */
function postBody(
  base: URL,
  path: string,
  bytes: number,
  { chunked = false, contentType = 'application/x-www-form-urlencoded' } = {},
): Promise<Sent> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  return new Promise<Sent>((resolve, reject) => {
    let answered = false;
    const req = request({
      host: base.hostname,
      port: base.port,
      path,
      method: 'POST',
      headers: {
        'Content-Type': contentType,
        Cookie: CSRF_COOKIE,
        ...(chunked ? {} : { 'Content-Length': String(bytes) }),
      },
    });
    req.on('response', (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => {
        clearInterval(sampler);
        peak = Math.max(peak, process.memoryUsage().rss);
        req.destroy();
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(parts).toString('utf8'),
          elapsedMs: performance.now() - started,
          peakRssGrowth: peak - baseline,
        });
      });
    });
    req.on('error', (error) => {
      // Writing on after the answer meets a closed socket: expected, the answer is what counts.
      if (!answered) {
        clearInterval(sampler);
        reject(error);
      }
    });
    let sent = 0;
    const pump = () => {
      while (!answered && sent < bytes) {
        const piece = PIECE.subarray(0, Math.min(PIECE.length, bytes - sent));
        sent += piece.length;
        if (!req.write(piece)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('page bodies are capped before anything reads them (real server on 127.0.0.1)', () => {
  let dir: string;
  let server: RunningServer;
  let base: URL;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yunsupei-body-limit-'));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      YUNSUPEI_DATA_DIR: dir,
      YUNSUPEI_SQLITE_SYNCHRONOUS: 'NORMAL',
    });
    server = await startServer(config, pino({ level: 'silent' }));
    // The server loads the search's word weights once after start; done here, it is not counted as a body's memory.
    warmSearch();
    base = new URL(`http://127.0.0.1:${server.port}`);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    // The keys dir beside it (YUNSUPEI_KEY_DIR defaults to `<data dir>-keys`).
    rmSync(`${dir}-keys`, { recursive: true, force: true });
  });

  for (const path of ['/login', '/register']) {
    it(`answers a declared 200 MB form to ${path} with a 413 page at once, without reading it`, async () => {
      const sent = await postBody(base, path, 200 * MiB);
      expect(sent.status).toBe(413);
      expect(sent.contentType).toMatch(/^text\/html/);
      expect(sent.body).toContain('提交的内容过大');
      expect(sent.elapsedMs).toBeLessThan(2000);
      expect(sent.peakRssGrowth).toBeLessThan(64 * MiB);
    });

    it(`stops reading a chunked form to ${path} (no Content-Length) at 1 MiB`, async () => {
      const sent = await postBody(base, path, 200 * MiB, { chunked: true });
      expect(sent.status).toBe(413);
      expect(sent.body).toContain('提交的内容过大');
      expect(sent.elapsedMs).toBeLessThan(2000);
      expect(sent.peakRssGrowth).toBeLessThan(64 * MiB);
    });
  }

  it('lets a form under 1 MiB through to the CSRF check, chunked or not', async () => {
    for (const chunked of [false, true]) {
      const sent = await postBody(base, '/login', MiB - 1024, { chunked });
      // The made-up CSRF cookie fails the check: the body got past the limit and was read.
      expect(sent.status).toBe(403);
    }
  });

  it('allows a multipart body up to the upload limit, not beyond', async () => {
    const multipart = 'multipart/form-data; boundary=----limit';
    expect((await postBody(base, '/login', 2 * MiB, { contentType: multipart })).status).toBe(403);
    const over = await postBody(base, '/login', 21 * MiB, { contentType: multipart });
    expect(over.status).toBe(413);
    expect(over.body).toContain('不能超过 20 MB');
  });
});
