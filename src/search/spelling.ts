import { normalize, queryWords } from './tokenizer.js';

/**
 * Spelling correction for a query that found nothing. Chinese is typed through pinyin, so the common slip
 * is a character that sounds like the meant one (医供体 for 医共体, 轮台 for 轮胎, 排厂 for 排产): a word
 * of the query that no listing or domain term holds is replaced by a known word one character away,
 * first where the two characters sound alike.
 */

const HAN = /^\p{Script=Han}+$/u;
/** Corrected words are at most this long; longer runs are phrases, not slips. */
const MAX_WORD = 6;
/**
 * How far apart two characters may stand in the pinyin order to sound alike: a syllable in all four
 * tones spans up to about 150 characters (yi, ji), and a neighbouring final (chan/chang) stays within it.
 */
const SOUND_DISTANCE = 150;
const FIRST_HAN = 0x4e00;
const LAST_HAN = 0x9fff;

let pinyinRank: Uint16Array | undefined;

/**
 * Each common Han character's place in the pinyin order of ICU's Chinese collation, which Node carries:
 * homophones sort next to each other (胎 台, 共 供, 记 迹), so no pinyin table is needed. Built on first
 * use (about 0.2 s).
 */
function rankOf(char: string): number | undefined {
  if (!pinyinRank) {
    const chars: string[] = [];
    for (let cp = FIRST_HAN; cp <= LAST_HAN; cp++) chars.push(String.fromCodePoint(cp));
    chars.sort(new Intl.Collator('zh-u-co-pinyin').compare);
    pinyinRank = new Uint16Array(LAST_HAN - FIRST_HAN + 1);
    chars.forEach((c, i) => {
      pinyinRank![c.codePointAt(0)! - FIRST_HAN] = i;
    });
  }
  const cp = char.codePointAt(0)!;
  return cp >= FIRST_HAN && cp <= LAST_HAN ? pinyinRank[cp - FIRST_HAN] : undefined;
}

/** Whether two characters sound alike: the same syllable, whatever the tone, or a near final. */
export function soundsAlike(a: string, b: string): boolean {
  const [ra, rb] = [rankOf(a), rankOf(b)];
  return ra !== undefined && rb !== undefined && Math.abs(ra - rb) <= SOUND_DISTANCE;
}

/** The keys a word is found under with one character unknown: 医共体 → ?共体, 医?体, 医共?. */
function wildcards(chars: readonly string[]): string[] {
  return chars.map((_, i) => `${chars.length}:${chars.slice(0, i).join('')}?${chars.slice(i + 1).join('')}`);
}

interface Candidate {
  start: number;
  end: number;
  word: string;
  alike: boolean;
  count: number;
}

export class Speller {
  /** Known word → how many texts hold it (domain terms count once more). */
  private readonly counts = new Map<string, number>();
  private readonly byWildcard = new Map<string, string[]>();

  /** `texts`: what listings are found by (titles); `terms`: the domain's words (dictionary, taxonomy). */
  constructor(texts: Iterable<string>, terms: Iterable<string>, wordsOf: (text: string) => string[]) {
    const add = (word: string) => {
      if ([...word].length < 2 || [...word].length > MAX_WORD || !HAN.test(word)) return;
      this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
    };
    for (const text of texts) new Set(wordsOf(text)).forEach(add);
    for (const term of terms) add(normalize(term));
    for (const word of this.counts.keys()) {
      for (const key of wildcards([...word])) {
        const words = this.byWildcard.get(key) ?? [];
        words.push(word);
        this.byWildcard.set(key, words);
      }
    }
  }

  /**
   * The query with one unknown word replaced by a known one a character away, best first: a character
   * that sounds alike before one that does not (allowed only in words of three characters or more, where
   * two known characters hold the word in place), longer words first, then the commoner word. A word made
   * of whole words of the query's own cut, without stop words, is a candidate; the query's other words stay.
   */
  corrections(query: string, limit: number): string[] {
    const text = normalize(query);
    // Replaced in the text as typed when normalizing kept every character in its place.
    const shown = [...query].length === [...text].length ? [...query] : [...text];
    const words = queryWords(text);
    const candidates: Candidate[] = [];
    for (let first = 0; first < words.length; first++) {
      for (let last = first; last < words.length; last++) {
        const span = words.slice(first, last + 1);
        if (span.some((w) => !w.kept || !HAN.test(w.text))) break;
        const chars = [...span.map((w) => w.text).join('')];
        if (chars.length > MAX_WORD) break;
        if (chars.length < 2 || this.counts.has(chars.join(''))) continue;
        for (const key of wildcards(chars)) {
          for (const word of this.byWildcard.get(key) ?? []) {
            const known = [...word];
            const changed = chars.findIndex((c, i) => c !== known[i]);
            const alike = soundsAlike(chars[changed]!, known[changed]!);
            if (!alike && chars.length < 3) continue;
            candidates.push({
              start: span[0]!.start,
              end: span[0]!.start + chars.length,
              word,
              alike,
              count: this.counts.get(word)!,
            });
          }
        }
      }
    }
    candidates.sort(
      (a, b) =>
        Number(b.alike) - Number(a.alike) ||
        [...b.word].length - [...a.word].length ||
        b.count - a.count ||
        a.start - b.start,
    );
    const corrected = candidates.map((c) =>
      [...shown.slice(0, c.start), c.word, ...shown.slice(c.end)].join(''),
    );
    return [...new Set(corrected)].slice(0, limit);
  }
}
