import { describe, expect, it } from 'vitest';
import { UUID_PATTERN, uuidv7 } from '../../src/domain/shared/ids.js';

describe('uuidv7', () => {
  it('is a version 7, RFC variant UUID', () => {
    const id = uuidv7();
    expect(id).toMatch(UUID_PATTERN);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
  });

  it('carries the millisecond timestamp in its first 48 bits, so ids sort by time', () => {
    const ids = [3, 1, 2].map((i) => uuidv7(1_700_000_000_000 + i));
    expect(ids[1]!.replaceAll('-', '').slice(0, 12)).toBe((1_700_000_000_001).toString(16).padStart(12, '0'));
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0]]);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => uuidv7(1_700_000_000_000)));
    expect(ids.size).toBe(10_000);
  });
});
