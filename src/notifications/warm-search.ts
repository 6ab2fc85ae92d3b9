import { defaultStopWords, termWeight } from '../search/tokenizer.js';

/**
 * Loads what a process's first search loads (the segmenter and jieba's word weights: 1–2 s of CPU, once), so
 * that the first listing checked against the saved searches after a start is not the one to pay for it.
 */
export function warmSearch(): void {
  defaultStopWords();
  termWeight('');
}
