import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../../src/search/definitions.js';
import { allOf, InvalidFilterError, validateFilter } from '../../../src/search/filter.js';

describe('filter AST', () => {
  const needs = loadDefinitions().get('needs')!;
  const city = { field: 'city', op: 'eq' as const, value: 'jinan' };

  it('joins the conditions that are present with and', () => {
    expect(allOf()).toBeUndefined();
    expect(allOf(undefined, city)).toBe(city);
    expect(allOf(city, undefined, { not: city })).toEqual({ and: [city, { not: city }] });
  });

  it('accepts a well-formed filter on filterable attributes', () => {
    expect(() =>
      validateFilter(
        {
          or: [
            { and: [city, { field: 'technologies', op: 'in', value: ['ai', 'iot'] }] },
            { not: { field: 'budgetWan.max', op: 'lte', value: 50 } },
            { field: 'deadline', op: 'gte', value: '2025-06-01' },
            { field: 'campaignId', op: 'exists' },
          ],
        },
        needs,
      ),
    ).not.toThrow();
  });

  it('names the attribute that is not filterable, however deep it sits', () => {
    const error = (() => {
      try {
        validateFilter({ and: [city, { not: { field: 'orgName', op: 'eq', value: 'x' } }] }, needs);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidFilterError);
    expect(error).toMatchObject({ field: 'orgName', status: 400, code: 'search.invalid_filter' });
  });

  it('refuses malformed nodes', () => {
    for (const filter of [
      null,
      [],
      { and: city },
      { and: [city], or: [city] },
      { not: city, field: 'city' },
      { field: 'city', op: 'eq' },
      { field: 'city', op: 'eq', value: null },
      { field: 'city', op: 'eq', value: Number.NaN },
      { field: 'city', op: 'gte', value: true },
      { field: 'city', op: 'exists', value: 'x' },
      { field: 'city', op: 'eq', value: 'x', extra: 1 },
      { field: 'city', op: 'in', value: ['x', ['y']] },
    ]) {
      expect(() => validateFilter(filter, needs), JSON.stringify(filter)).toThrow(InvalidFilterError);
    }
  });
});
