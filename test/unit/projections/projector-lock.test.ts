import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockProjector, ProjectorLockedError } from '../../../src/projections/projector-lock.js';

describe('the projector lock on a data directory', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'yunsupei-lock-'));
    dirs.push(dir);
    return dir;
  };

  it('is held by one projector at a time, names the holder to the next, and is free once released', () => {
    const dir = newDir();
    const held = lockProjector(dir);
    expect(() => lockProjector(dir)).toThrow(ProjectorLockedError);
    expect(() => lockProjector(dir)).toThrow(`pid ${process.pid}`);
    held.release();
    const again = lockProjector(dir);
    again.release();
  });

  it('locks each data directory on its own', () => {
    const first = lockProjector(newDir());
    const second = lockProjector(newDir());
    first.release();
    second.release();
  });
});
