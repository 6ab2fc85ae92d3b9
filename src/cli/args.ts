import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A command line the command cannot make sense of: the caller prints the usage and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, strict, with its complaints turned into UsageErrors. */
export function parseCommandLine<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A whole number from an option, within bounds. */
export function count(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--${name} 须为非负整数，收到 “${value}”`);
  return n;
}

export function oneOf<T extends string>(value: string | undefined, name: string, allowed: readonly T[]): T {
  if (value === undefined || !allowed.includes(value as T)) {
    throw new UsageError(
      `--${name} 须为 ${allowed.join(' 或 ')}${value === undefined ? '' : `，收到 “${value}”`}`,
    );
  }
  return value as T;
}
