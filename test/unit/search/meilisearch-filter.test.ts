import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../../src/search/definitions.js';
import type { Filter } from '../../../src/search/filter.js';
import { compileFilter } from '../../../src/search/meilisearch/filter.js';
import {
  meilisearchSettings,
  queryLocales,
  TOKENS_ATTRIBUTE,
} from '../../../src/search/meilisearch/settings.js';

/**
 * Reads a compiled filter the way Meilisearch's filter parser reads quoted values (filter-parser
 * value.rs: a backslash skips the next character, `\"` is unescaped, then `\\` becomes `\`), returning the
 * expression with each quoted value replaced by `?`, and the values.
 */
function parse(filter: string): { skeleton: string; values: string[] } {
  let skeleton = '';
  const values: string[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i]!;
    if (c !== '"') {
      skeleton += c;
      i++;
      continue;
    }
    let raw = '';
    i++;
    while (filter[i] !== '"') {
      if (i >= filter.length) throw new Error(`unclosed quote in ${filter}`);
      if (filter[i] === '\\') raw += filter[i++];
      raw += filter[i++];
    }
    i++;
    const unquoted = raw.replaceAll('\\"', '"');
    values.push(
      unquoted.replace(/\\(.)/gsu, (_, next: string) => {
        if (next !== '\\' && next !== '"') throw new Error(`unexpected escape \\${next} in ${filter}`);
        return next;
      }),
    );
    skeleton += '?';
  }
  return { skeleton, values };
}

describe('Meilisearch filter compiler', () => {
  it('writes every operator of the AST as a fully parenthesized Meilisearch expression', () => {
    const filter: Filter = {
      and: [
        { field: 'status', op: 'eq', value: 'published' },
        { field: 'technologies', op: 'in', value: ['ai', 'iot'] },
        {
          or: [
            { field: 'budgetWan.min', op: 'gte', value: 30 },
            { field: 'deadline', op: 'lte', value: '2025-12-31' },
          ],
        },
        { not: { field: 'campaignId', op: 'exists' } },
        { field: 'verified', op: 'eq', value: true },
      ],
    };
    expect(compileFilter(filter)).toBe(
      '(status = "published" AND technologies IN ["ai", "iot"] AND (budgetWan.min >= 30 OR deadline <= "2025-12-31")' +
        ' AND (NOT (campaignId EXISTS AND NOT campaignId IS NULL AND NOT campaignId IS EMPTY)) AND verified = true)',
    );
  });

  it('keeps injection attempts inside their quotes', () => {
    for (const value of [
      '"x" OR 1=1',
      "'; DROP TABLE needs; --",
      'a\\" OR city = "jinan',
      '") OR ("1"="1',
      '\\',
    ]) {
      const compiled = compileFilter({
        or: [
          { field: 'city', op: 'eq', value },
          { field: 'city', op: 'in', value: [value] },
        ],
      });
      expect(parse(compiled)).toEqual({ skeleton: '(city = ? OR city IN [?])', values: [value, value] });
    }
  });

  it('round-trips any string value through the quoting', () => {
    const syntax = fc.constantFrom(
      '\\',
      '"',
      "'",
      ' ',
      '\n',
      '(',
      ')',
      '[',
      ']',
      ',',
      '=',
      'OR',
      'AND',
      'NOT',
      '冷链',
    );
    const value = fc.oneof(fc.string({ unit: syntax }), fc.string({ unit: 'grapheme' }));
    fc.assert(
      fc.property(value, value, (a, b) => {
        const compiled = compileFilter({
          and: [
            { field: 'orgId', op: 'eq', value: a },
            { field: 'city', op: 'in', value: [a, b] },
          ],
        });
        expect(parse(compiled)).toEqual({ skeleton: '(orgId = ? AND city IN [?, ?])', values: [a, a, b] });
      }),
    );
  });
});

describe('Meilisearch settings', () => {
  const needs = loadDefinitions().get('needs')!;

  it('carries the definition over, searching the tokenizer output last', () => {
    const settings = meilisearchSettings(needs, ['冷链物流', '预测性维护']);
    expect(settings).toMatchObject({
      searchableAttributes: [
        'title',
        'description',
        'problem',
        'goals',
        'requirements',
        'acceptanceCriteria',
        '_labels.technologies',
        '_labels.scenarioType',
        '_labels.industry',
        '_labels.city',
        'orgName',
        TOKENS_ATTRIBUTE,
      ],
      filterableAttributes: needs.filterableAttributes,
      sortableAttributes: needs.sortableAttributes,
      rankingRules: needs.rankingRules,
      stopWords: needs.stopWords,
      localizedAttributes: [{ attributePatterns: ['*'], locales: ['cmn'] }],
      dictionary: ['冷链物流', '预测性维护'],
      typoTolerance: { disableOnAttributes: [TOKENS_ATTRIBUTE] },
      displayedAttributes: ['*'],
      pagination: { maxTotalHits: 100000 },
      faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { '*': 'alpha' } },
    });
    expect(settings.synonyms?.视觉检测).toEqual(['机器视觉']);
    expect(settings.synonyms?.机器视觉).toEqual(
      expect.arrayContaining(['视觉检测', '图像识别', '计算机视觉']),
    );
    expect(settings.synonyms?.养老).toEqual(expect.arrayContaining(['老人', '看护', '医养']));
    expect(settings).not.toHaveProperty('arrayAttributes');
  });

  it('segments queries as Chinese', () => {
    expect(queryLocales(needs)).toEqual(['cmn']);
  });
});
