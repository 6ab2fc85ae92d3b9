/**
 * Overlapping character bigrams inside each run of letters and digits, lower-cased. Chinese has no spaces,
 * so bigrams catch shared words whatever the segmenter does with them (a run of one character yields itself).
 */
export function charBigrams(text: string): string[] {
  const bigrams: string[] = [];
  for (const run of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = [...run];
    if (chars.length === 1) bigrams.push(run);
    for (let i = 0; i + 1 < chars.length; i++) bigrams.push(chars[i]! + chars[i + 1]!);
  }
  return bigrams;
}
