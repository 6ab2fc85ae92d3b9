import { DomainError, ForbiddenError } from './errors.js';

type Status = 401 | 403 | 404 | 409 | 422;

/**
 * Turns one entity's table of `code → [status, Chinese message]` into a factory of DomainErrors, so that
 * every message of an entity lives in one place and a code cannot be thrown with another wording.
 */
export function errorCatalog<Code extends string>(table: Record<Code, readonly [Status, string]>) {
  return (code: Code, details?: Record<string, unknown>): DomainError => {
    const [status, message] = table[code];
    if (status === 403 && !details) return new ForbiddenError(code, message);
    return new DomainError(code, message, status, details);
  };
}
