/** A day's log holds nothing a record depends on: how many lines it has is all there is to fold. */
export interface SecurityLogDay {
  recorded: number;
}
