import type { Criterion } from '../domain/need/criteria.js';
import type { FieldError } from '../domain/shared/errors.js';
import type { FormValues } from './components/form.js';

/** The need form's 评审标准 rows: one name and one weight per row, posted as repeated fields. */
export const CRITERION_NAME = 'criterionName';
export const CRITERION_WEIGHT = 'criterionWeight';

const many = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

/**
 * The rows filled in, as the service's `criteria`. A weight that is no number stays text, for the schema to
 * refuse in its own words; a row with neither name nor weight is an unused row.
 */
export function criteriaInput(values: FormValues): { name: string; weight: unknown }[] {
  const names = many(values[CRITERION_NAME]);
  const weights = many(values[CRITERION_WEIGHT]);
  return names
    .map((name, i) => ({ name: name.trim(), weight: (weights[i] ?? '').trim() }))
    .filter((row) => row.name !== '' || row.weight !== '')
    .map(({ name, weight }) => ({
      name,
      weight: weight === '' ? undefined : Number.isFinite(Number(weight)) ? Number(weight) : weight,
    }));
}

/** A need's criteria as the rows of an edit form. */
export function criteriaValues(criteria: Criterion[]): FormValues {
  return {
    [CRITERION_NAME]: criteria.map((c) => c.name),
    [CRITERION_WEIGHT]: criteria.map((c) => String(c.weight)),
  };
}

/** A row's error goes under the rows, saying which row. */
export function criteriaError(error: FieldError): FieldError | null {
  const row = /^criteria\.(\d+)\.(name|weight)$/.exec(error.path);
  return row ? { path: 'criteria', message: `第${Number(row[1]) + 1}行：${error.message}` } : null;
}
