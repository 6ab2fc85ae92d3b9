/** `path` with the given query parameters, the empty ones left out (a filter form's own links, its export). */
export function hrefWith(path: string, ...parts: Readonly<Record<string, string | undefined>>[]): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(Object.assign({}, ...parts))) {
    if (typeof value === 'string' && value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
