/**
 * For fault tests only: `YUNSUPEI_FAULT_CRASH=<point>:<n>` makes the process SIGKILL itself once that point has
 * counted n, so that a test crashes it exactly where the proof needs it (notifications delivered, the
 * checkpoint that covers them not yet saved) rather than wherever a timer happens to land. Unset, it does
 * nothing.
 */
const [armedPoint, armedCount] = (process.env.YUNSUPEI_FAULT_CRASH ?? '').split(':');
let counted = 0;

export function crashPoint(point: string, count: number): void {
  if (point !== armedPoint) return;
  counted += count;
  if (counted >= Number(armedCount)) process.kill(process.pid, 'SIGKILL');
}
