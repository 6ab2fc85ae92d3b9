import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { campaignStream } from '../../../src/domain/campaign/stream.js';
import { caseStream } from '../../../src/domain/case/stream.js';
import { engagementStream } from '../../../src/domain/engagement/stream.js';
import { needInvitationsStream } from '../../../src/domain/invitation/stream.js';
import { matchRoundStream } from '../../../src/domain/match-round/stream.js';
import { needStream } from '../../../src/domain/need/stream.js';
import { organizationStream } from '../../../src/domain/organization/stream.js';
import { panelStream } from '../../../src/domain/panel/stream.js';
import { SECURITY_LOG_PREFIX } from '../../../src/domain/security-log/stream.js';
import { solutionStream } from '../../../src/domain/solution/stream.js';
import { userSubscriptionsStream } from '../../../src/domain/subscription/stream.js';
import { userStream } from '../../../src/domain/user/stream.js';
import { hitSchema, NeedHitSchema } from '../../../src/http/routes/read-model.js';
import { allProjections } from '../../../src/projections/all-projections.js';
import type { NeedDocument } from '../../../src/projections/needs-projection.js';
import { streamId } from '../../../src/projections/projection.js';

const SRC = resolve(import.meta.dirname, '../../../src');
const ID = '0194c4a2-7b1e-7c3a-9f00-3c1d2e4f5a6b';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** `file:line: text` of every line of src/ matching the pattern. */
function linesMatching(pattern: RegExp, exceptFiles: (file: string) => boolean = () => false): string[] {
  return sourceFiles(SRC).flatMap((path) => {
    const file = relative(SRC, path).replaceAll('\\', '/');
    if (exceptFiles(file)) return [];
    return readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
  });
}

describe('read models: one type per document, owned by its projection', () => {
  it('lets no layer cast a read model into a shape of its own', () => {
    expect(linesMatching(/as unknown as [^;]*(Summary|Document|Doc|Hit|ListingPage)\b/)).toEqual([]);
  });

  it('checks an API hit schema against the document: the fields it names hold what they say', () => {
    const hit = hitSchema<NeedDocument>()({ title: z.string(), engagementCount: z.number().int() });
    expect(
      hit.parse({ id: ID, title: '坯布瑕疵识别', engagementCount: 2, orgName: '德州纺织' }),
    ).toMatchObject({
      orgName: '德州纺织',
    });
    // @ts-expect-error: the projection writes no `titel`
    hitSchema<NeedDocument>()({ titel: z.string() });
    // @ts-expect-error: engagementCount is a number in the document
    hitSchema<NeedDocument>()({ engagementCount: z.string() });
    // @ts-expect-error: a need's status may be any after `initial`, not only published
    hitSchema<NeedDocument>()({ status: z.enum(['published']) });
    expect(NeedHitSchema.safeParse({ id: ID, title: 1 }).success).toBe(false);
  });
});

describe('stream names: one function per entity, in its domain folder', () => {
  const streams = [
    needStream,
    solutionStream,
    organizationStream,
    engagementStream,
    campaignStream,
    caseStream,
    matchRoundStream,
    needInvitationsStream,
    userStream,
    userSubscriptionsStream,
    panelStream,
  ];

  it("names every stream a projection reads, so that the projection finds the entity's id in it", () => {
    for (const prefix of new Set(allProjections.flatMap((p) => p.streamPrefixes))) {
      // The security log's streams are days, not entities (src/domain/security-log/stream.ts).
      if (prefix === SECURITY_LOG_PREFIX) continue;
      const named = streams.map((stream) => stream(ID)).filter((name) => streamId(name, prefix) === ID);
      expect(named, prefix).toHaveLength(1);
    }
  });

  it('is the only spelling of an entity stream name in src/', () => {
    // Still spelled by services being reworked in parallel; each moves to the domain functions next.
    const pending = new Set([
      'application/campaign-service.ts',
      'application/match-round-service.ts',
      'application/organization-service.ts',
      'application/user-service.ts',
    ]);
    const inline = linesMatching(
      /`(need|solution|org|engagement|campaign|case|match-round)-\$\{/,
      (file) => /^domain\/[a-z-]+\/stream\.ts$/.test(file) || pending.has(file),
    );
    expect(inline).toEqual([]);
  });
});
