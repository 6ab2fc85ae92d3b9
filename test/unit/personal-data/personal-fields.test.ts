import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERSONAL_DATA } from '../../../src/personal-data/personal-fields.js';

const DOMAIN = join(process.cwd(), 'src', 'domain');

/** Each event declared in an entity's events.ts with the text of its declaration. */
function declaredEvents(): { type: string; declaration: string }[] {
  return readdirSync(DOMAIN, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      let source: string;
      try {
        source = readFileSync(join(DOMAIN, entry.name, 'events.ts'), 'utf8');
      } catch {
        return [];
      }
      const starts = [...source.matchAll(/DomainEvent<\s*'([A-Za-z]+)'/g)];
      return starts.map((match, i) => ({
        type: match[1]!,
        declaration: source
          .slice(match.index, starts[i + 1]?.index ?? source.length)
          .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''),
      }));
    });
}

describe('the list of personal data', () => {
  it('lists every event that declares a contact, phone or email, or takes the data of one that does', () => {
    const events = declaredEvents();
    expect(events.length).toBeGreaterThan(50);
    const personal = (declaration: string) =>
      /\b(contact|Contact|phone|email)\b/.test(declaration) ||
      Object.keys(PERSONAL_DATA).some((listed) => declaration.includes(`${listed}['data']`));
    const unlisted = events.filter((e) => personal(e.declaration) && !(e.type in PERSONAL_DATA));
    expect(unlisted.map((e) => e.type)).toEqual([]);
    expect(Object.keys(PERSONAL_DATA)).toEqual(
      expect.arrayContaining([
        'OrganizationRegistered',
        'OrganizationProfileUpdated',
        'NeedCreated',
        'NeedUpdated',
      ]),
    );
  });
});
