/**
 * Progress of long work for a person at a terminal: a bar redrawn in place when the output is a TTY,
 * otherwise (CI logs, pipes, files) one plain line each tenth of the way and at most every few seconds,
 * so a log shows the work moving without thousands of lines.
 */
export interface ProgressTask {
  /** `done` so far of `total`; may be called as often as wanted. */
  update(done: number, detail?: string): void;
  finish(summary?: string): void;
}

export interface Progress {
  task(label: string, total: number): ProgressTask;
}

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const REDRAW_EVERY_MS = 100;
const LINE_EVERY_MS = 5_000;

export function createProgress(
  output: ProgressOutput = process.stderr,
  now: () => number = Date.now,
): Progress {
  return {
    task(label, total) {
      return output.isTTY ? barTask(output, now, label, total) : lineTask(output, now, label, total);
    },
  };
}

/** For callers that want no output (tests, the HTTP import). */
export const silentProgress: Progress = { task: () => ({ update() {}, finish() {} }) };

function percent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
}

function rateAndEta(done: number, total: number, elapsedMs: number): string {
  if (elapsedMs < 500 || done === 0) return '';
  const rate = done / (elapsedMs / 1000);
  const remaining = Math.max(0, total - done) / rate;
  return ` ${rate.toFixed(rate < 10 ? 1 : 0)}/秒 剩余 ${clock(remaining)}`;
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const mm = String(Math.floor(s / 60)).padStart(2, '0');
  return `${mm}:${String(s % 60).padStart(2, '0')}`;
}

function barTask(output: ProgressOutput, now: () => number, label: string, total: number): ProgressTask {
  const started = now();
  let lastDraw = 0;
  let last = 0;
  const draw = (done: number, detail = '') => {
    const width = Math.max(10, Math.min(40, (output.columns ?? 80) - 60));
    const filled = Math.round((percent(done, total) / 100) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const text = `${label} ${bar} ${percent(done, total)}% ${done}/${total}${rateAndEta(done, total, now() - started)}`;
    output.write(`\r\x1b[2K${text}${detail ? ` ${detail}` : ''}`);
  };
  return {
    update(done, detail) {
      last = done;
      const t = now();
      if (t - lastDraw < REDRAW_EVERY_MS && done < total) return;
      lastDraw = t;
      draw(done, detail);
    },
    finish(summary) {
      draw(Math.max(last, total));
      output.write(`\n${summary ? `${summary}\n` : ''}`);
    },
  };
}

function lineTask(output: ProgressOutput, now: () => number, label: string, total: number): ProgressTask {
  const started = now();
  let lastTenth = -1;
  let lastLine = started;
  let last = 0;
  return {
    update(done) {
      last = done;
      const tenth = Math.floor(percent(done, total) / 10);
      const t = now();
      if (tenth === lastTenth && t - lastLine < LINE_EVERY_MS) return;
      lastTenth = tenth;
      lastLine = t;
      output.write(`${label}: ${done}/${total} (${percent(done, total)}%)\n`);
    },
    finish(summary) {
      const seconds = ((now() - started) / 1000).toFixed(1);
      output.write(`${label}: 完成 ${Math.max(last, total)}/${total}，用时 ${seconds} 秒\n`);
      if (summary) output.write(`${summary}\n`);
    },
  };
}
