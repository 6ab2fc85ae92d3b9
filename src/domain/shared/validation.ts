import { z } from 'zod';
import { type FieldError, ValidationError } from './errors.js';

const zhCN = z.locales.zhCN().localeError;

/**
 * Chinese wording for the issues a schema does not word itself. Schemas give their own message for every
 * rule a user can break; this covers the rest (a missing field, a wrong JSON type, an unknown key).
 * Pass it wherever the shared schemas are parsed outside `parseInput` (e.g. `z.config({ customError })`).
 */
export const zhErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') return issue.input === undefined ? '此项为必填项' : '数据类型不正确';
  if (issue.code === 'unrecognized_keys') return `不支持的字段：${issue.keys.join('、')}`;
  return zhCN(issue);
};

/** One entry per issue, with dotted paths as the HTTP body spells them (`budgetWan.min`, `technologies.2`). */
export function toValidationError(error: z.ZodError): ValidationError {
  const errors: FieldError[] = error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...issue.path, key].map(String).join('.'),
        message: '不支持的字段',
      }));
    }
    return [{ path: issue.path.map(String).join('.'), message: issue.message }];
  });
  return new ValidationError(errors);
}

/** Parses untrusted input with a shared schema; throws ValidationError (422) with every problem found. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input, { error: zhErrorMap });
  if (!result.success) throw toValidationError(result.error);
  return result.data;
}
