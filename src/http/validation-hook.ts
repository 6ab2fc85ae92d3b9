import type { Hook } from '@hono/zod-openapi';
import { toValidationError } from '../domain/shared/validation.js';
import type { HttpEnv } from '../server/env.js';
import { problemResponse } from './problem.js';

/** Every route's zod failure (body, query, params, headers) becomes one 422 problem with `errors:[{path, message}]`. */
export const validationHook: Hook<unknown, HttpEnv, string, unknown> = (result, c) => {
  if (result.success) return;
  const error = toValidationError(result.error);
  return problemResponse(c, { status: 422, code: error.code, detail: error.message, errors: error.errors });
};
