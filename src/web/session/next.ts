/** Any origin will do: only whether `next` stays on it matters, and what path it names there. */
const SITE = 'http://site.invalid';

/**
 * Where to go after signing in (`next=`): a path on this site, or the home page. The browser's URL
 * parser decides, not a prefix check: it drops tabs and newlines and reads `\` as `/`, so `/\t/evil` and
 * `/\evil` lead off-site. Control characters and backslashes are refused outright, since a Location
 * header may not hold them; what is returned is the parsed path, percent-encoded, never the raw text.
 * The login page itself is no destination.
 */
export function safeNext(next: string | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here.
  if (!next?.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, SITE);
  } catch {
    return '/';
  }
  if (url.origin !== SITE || url.pathname === '/login') return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
