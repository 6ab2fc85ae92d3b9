import type { WebContext } from './render.js';

/** What a log page (平台动态, 安全日志) reads of its address: the filters it names, given, and the page asked for. */
export function logQueryOf<Name extends string>(
  c: WebContext,
  names: readonly Name[],
): { filters: Partial<Record<Name, string>>; page: number } {
  const filters: Partial<Record<Name, string>> = {};
  for (const name of names) {
    const value = c.req.query(name)?.trim();
    if (value) filters[name] = value;
  }
  return { filters, page: Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1) };
}
