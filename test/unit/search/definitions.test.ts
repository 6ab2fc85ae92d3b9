import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { technologies } from '../../../src/domain/shared/taxonomy.js';
import {
  baseUidOf,
  loadDefinitions,
  parseDefinition,
  rebuildUidOf,
} from '../../../src/search/definitions.js';
import {
  DOMAIN_TERM_FREQUENCY,
  definitionFiles,
  formatJson,
  generatedDefinition,
  generatedDictionary,
  taxonomyTerms,
} from '../../../src/search/generate-definitions.js';
import { technologySynonyms } from '../../../src/search/synonyms.js';
import { DICTIONARY_PATH } from '../../../src/search/tokenizer.js';

const REGENERATE = 'run: node bin/run-ts.js src/search/generate-definitions.ts';

describe('search/ definitions', () => {
  const definitions = loadDefinitions();

  it('defines one index per read model', () => {
    expect([...definitions.keys()]).toEqual([
      'activity',
      'campaigns',
      'cases',
      'engagements',
      'invitations',
      'match_rounds',
      'need_matches',
      'needs',
      'organizations',
      'panels',
      'ranking_facts',
      'security_log',
      'solution_matches',
      'solutions',
      'subscriptions',
      'vendors',
    ]);
    const needs = definitions.get('needs')!;
    expect(needs.searchableAttributes[0]).toBe('title');
    expect(needs.filterableAttributes).toEqual(
      expect.arrayContaining(['industry', 'city', 'technologies', 'status', 'budgetWan.min']),
    );
    expect(definitions.get('solutions')!.arrayAttributes).toEqual(
      expect.arrayContaining(['industries', 'scenarioTypes', 'technologies', 'regionsServed']),
    );
  });

  it('holds what the generator writes from the taxonomy and the stop words', () => {
    for (const file of definitionFiles()) {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      expect(readFileSync(file, 'utf8'), `${basename(file)} is stale; ${REGENERATE}`).toBe(
        formatJson(generatedDefinition(raw)),
      );
    }
  });

  it('keeps a dictionary with every taxonomy label and alias, each frequent enough to stay whole', () => {
    const lines = readFileSync(DICTIONARY_PATH, 'utf8').trim().split('\n');
    expect(lines, `dictionary.txt is stale; ${REGENERATE}`).toEqual(generatedDictionary(lines));
    const terms = new Set(lines.map((line) => line.split(' ')[0]));
    for (const term of taxonomyTerms()) expect(terms).toContain(term);
    for (const line of lines) {
      expect(line).toMatch(/^\S+ \d+ [a-z]+$/);
      expect(Number(line.split(' ')[1])).toBeGreaterThanOrEqual(DOMAIN_TERM_FREQUENCY);
    }
    expect(lines.length).toBeGreaterThan(200);
  });

  it('refuses a definition the adapters could not apply', () => {
    const needs = definitions.get('needs')!;
    const { uid, ...settings } = needs;
    expect(() => parseDefinition('needs', { ...settings, sortableAttributes: ['technologies'] })).toThrow(
      /array/,
    );
    expect(() => parseDefinition('needs', { ...settings, arrayAttributes: ['title'] })).toThrow(
      /not filterable/,
    );
    expect(() => parseDefinition('needs', { ...settings, filterableAttributes: ['city) OR (1'] })).toThrow();
    expect(() => parseDefinition('needs', { ...settings, rankingRules: ['bm25'] })).toThrow();
    expect(() => parseDefinition('needs', { ...settings, extra: true })).toThrow();
    expect(() => parseDefinition('Needs', settings)).toThrow(/uid/);
    expect(() => parseDefinition('needs_rebuild', settings)).toThrow(/uid/);
    expect(parseDefinition(uid, settings)).toEqual(needs);
  });

  it('names the rebuild copy of an index', () => {
    expect(rebuildUidOf('needs')).toBe('needs_rebuild');
    expect(baseUidOf('needs_rebuild')).toBe('needs');
    expect(baseUidOf('needs')).toBe('needs');
  });
});

describe('taxonomy synonyms', () => {
  const synonyms = technologySynonyms(technologies);

  it('link each technology label with each of its aliases, both ways', () => {
    expect(synonyms.视觉检测).toEqual(['机器视觉']);
    expect(synonyms.机器视觉).toEqual(['视觉检测', '图像识别', '计算机视觉']);
    expect(synonyms.AI).toEqual(['人工智能']);
    for (const [word, alternatives] of Object.entries(synonyms)) {
      for (const alternative of alternatives) expect(synonyms[alternative]).toContain(word);
    }
  });

  it('do not make two aliases of one technology synonyms of each other', () => {
    expect(synonyms.图像识别).not.toContain('视觉检测');
    expect(synonyms).not.toHaveProperty('边缘计算');
  });
});
