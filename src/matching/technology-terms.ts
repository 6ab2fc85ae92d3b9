import { resolveTechnology, technologies } from '../domain/shared/taxonomy.js';

const resolvedByTags = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * Technology tags as codes, whether they were stored as codes, Chinese labels or aliases; unknown tags are
 * dropped. Remembered per tag list, which a ranking reads once per candidate.
 */
export function resolvedTechnologies(tags: readonly string[]): ReadonlySet<string> {
  let codes = resolvedByTags.get(tags);
  if (!codes) {
    const resolved = new Set<string>();
    for (const tag of tags) {
      const code = resolveTechnology(tag);
      if (code) resolved.add(code);
    }
    codes = resolved;
    resolvedByTags.set(tags, codes);
  }
  return codes;
}

const ASCII_WORD = /^[a-z0-9]+$/i;

/** Every way the taxonomy writes a technology in prose. */
const mentions = technologies.flatMap((tech) =>
  [tech.zh, ...tech.aliases].map((term) => ({
    code: tech.code,
    // Latin aliases (AI, AR, IoT) only count as whole words, not inside other Latin words.
    pattern: ASCII_WORD.test(term)
      ? new RegExp(`(?<![a-z0-9])${term}(?![a-z0-9])`, 'i')
      : new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'),
  })),
);

/** The technologies a text names by label or alias ("视觉检测" → machine-vision). */
export function technologiesMentioned(text: string): Set<string> {
  const codes = new Set<string>();
  for (const { code, pattern } of mentions) if (pattern.test(text)) codes.add(code);
  return codes;
}

const mentionedByListing = new WeakMap<object, Set<string>>();

/** Hands `technologiesMentionedIn` what is already known for this listing object (e.g. kept by a corpus). */
export function rememberMentions(listing: object, codes: ReadonlySet<string>): void {
  mentionedByListing.set(listing, codes as Set<string>);
}

/** `technologiesMentioned` of a listing's title and description, remembered per listing object. */
export function technologiesMentionedIn(listing: { title: string; description: string }): Set<string> {
  let codes = mentionedByListing.get(listing);
  if (!codes) {
    codes = technologiesMentioned(`${listing.title}\n${listing.description}`);
    mentionedByListing.set(listing, codes);
  }
  return codes;
}
