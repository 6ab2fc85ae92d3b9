import type { ReviewSubmitted } from './events.js';

/** One expert's review of one application; null until submitted. */
export interface Review {
  submitted: ReviewSubmitted['data'] | null;
}
