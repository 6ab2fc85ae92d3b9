import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changesOf } from '../../../src/application/history/changes.js';
import { EVENT_LABELS } from '../../../src/application/history/event-labels.js';

const DOMAIN = join(process.cwd(), 'src', 'domain');

/** Every event type string declared in an entity's events.ts: `DomainEvent<'NeedCreated', …>`. */
function declaredEventTypes(): string[] {
  return readdirSync(DOMAIN, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      let source: string;
      try {
        source = readFileSync(join(DOMAIN, entry.name, 'events.ts'), 'utf8');
      } catch {
        return [];
      }
      return [...source.matchAll(/DomainEvent<\s*'([A-Za-z]+)'/g)].map((m) => m[1]!);
    });
}

describe('history in Chinese', () => {
  it('has a Chinese label for every event type of every entity', () => {
    const types = declaredEventTypes();
    expect(types.length).toBeGreaterThan(50);
    expect(types.filter((type) => !EVENT_LABELS[type])).toEqual([]);
    for (const type of types) expect(EVENT_LABELS[type]).toMatch(/\p{Script=Han}/u);
  });

  it('says what an update changed in the words of the form, without ids, times or secrets', () => {
    expect(
      changesOf({
        needId: 'n1',
        changes: { title: '新标题', city: 'qingdao', budgetWan: { min: 10, max: 20 }, technologies: ['ai'] },
        at: '2025-03-01T00:00:00.000Z',
      }),
    ).toEqual([
      { field: '名称', value: '新标题' },
      { field: '地市', value: '青岛' },
      { field: '预算（万元）', value: '10–20' },
      { field: '技术', value: '人工智能' },
    ]);
    const registered = changesOf({
      userId: 'u1',
      username: 'li',
      passwordHash: 'scrypt$secret',
      role: 'vendor',
      orgId: 'o1',
      at: '2025-03-01T00:00:00.000Z',
    });
    expect(
      changesOf({ needId: 'n1', campaignId: null, listVersion: null, at: '2025-03-01T00:00:00Z' }),
    ).toEqual([]);
    expect(changesOf({ needId: 'n1', changes: { deadline: null }, at: '2025-03-01T00:00:00Z' })).toEqual([
      { field: '截止日期', value: '（空）' },
    ]);
    expect(registered).toEqual([
      { field: '用户名', value: 'li' },
      { field: '角色', value: '服务商' },
    ]);
  });
});
