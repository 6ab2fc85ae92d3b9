/** 北京时间 is UTC+8 all year (no daylight saving). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

const chinaDay = (ms: number) => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/**
 * Whether the day of the meeting has come, in 北京时间: delivery cannot be confirmed on an engagement
 * whose parties have not met yet. By the day, not the hour, so that a meeting this afternoon does not
 * hold up a delivery confirmed this morning after the parties met earlier than planned.
 */
export function meetingDayReached(meeting: { at: string } | null, now: Date): boolean {
  return meeting === null || chinaDay(now.getTime()) >= chinaDay(Date.parse(meeting.at));
}
