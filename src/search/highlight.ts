const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Lower-cases ASCII letters only, so that positions in the result are positions in the original. */
const foldAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * The text as safe HTML with every occurrence of the needles (normalized, lower-case words) wrapped in
 * `<em>`: matches are found on the raw text, then the text between and inside them is escaped, so a
 * needle can never match inside an entity and no markup of the text survives. Longer needles win where
 * matches overlap; adjacent matches merge into one `<em>`.
 */
export function highlight(text: string, needles: readonly string[]): string {
  const haystack = foldAscii(text);
  const marked = new Uint8Array(text.length);
  const byLength = [...new Set(needles)].filter(Boolean).sort((a, b) => b.length - a.length);
  for (const needle of byLength) {
    let at = haystack.indexOf(needle);
    while (at !== -1) {
      const free = !marked.subarray(at, at + needle.length).some(Boolean);
      if (free) marked.fill(1, at, at + needle.length);
      at = haystack.indexOf(needle, free ? at + needle.length : at + 1);
    }
  }
  let html = '';
  let start = 0;
  while (start < text.length) {
    let end = start;
    while (end < text.length && marked[end] === marked[start]) end++;
    const piece = escapeHtml(text.slice(start, end));
    html += marked[start] ? `<em>${piece}</em>` : piece;
    start = end;
  }
  return html;
}
