import { describe, expect, it } from 'vitest';
import { needFieldsSchema } from '../../../src/domain/need/commands.js';
import { organizationFieldsSchema } from '../../../src/domain/organization/commands.js';
import { solutionFieldsSchema } from '../../../src/domain/solution/commands.js';
import { generateListings } from '../../../src/generate/generate-listings.js';
import type { GeneratedRecord } from '../../../src/generate/records.js';

const generate = (seed: string | number, needs = 300, solutions = 150) => [
  ...generateListings({ needs, solutions, seed }),
];

describe('generateListings', () => {
  it('gives the same records for the same seed and others for another', () => {
    expect(generate(7)).toEqual(generate(7));
    expect(generate(8)).not.toEqual(generate(7));
  });

  it('makes the counts asked for, each organization before its first listing', () => {
    const records = generate(3);
    expect(records.filter((r) => r.type === 'need')).toHaveLength(300);
    expect(records.filter((r) => r.type === 'solution')).toHaveLength(150);
    const seen = new Set<string>();
    for (const record of records) {
      if (record.type === 'organization') seen.add(record.key);
      else expect(seen.has(record.org), record.key).toBe(true);
    }
  });

  it('makes records the platform accepts: every one passes the domain schemas', () => {
    for (const record of generate(11)) {
      const { type, key: _key, ...rest } = record as GeneratedRecord & { org?: string };
      const { org: _org, ...fields } = rest as typeof rest & { org?: string };
      const schema =
        type === 'need'
          ? needFieldsSchema
          : type === 'solution'
            ? solutionFieldsSchema
            : organizationFieldsSchema;
      const parsed = schema.safeParse(fields);
      expect(parsed.success, `${record.key}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it('varies its texts and keeps organization names, codes and titles per organization unique', () => {
    const records = generate(5, 2000, 1000);
    const orgs = records.filter((r) => r.type === 'organization');
    expect(new Set(orgs.map((o) => o.name)).size).toBe(orgs.length);
    expect(new Set(orgs.map((o) => o.uscc)).size).toBe(orgs.length);
    const listings = records.filter((r) => r.type !== 'organization');
    expect(new Set(listings.map((l) => `${l.org}|${l.title}`)).size).toBe(listings.length);
    expect(new Set(listings.map((l) => l.title)).size).toBeGreaterThan(listings.length * 0.6);
    expect(new Set(listings.map((l) => l.description)).size).toBe(listings.length);
  });
});
