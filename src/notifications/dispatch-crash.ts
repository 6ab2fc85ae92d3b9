/**
 * A crash on purpose at a named point, for the fault tests only: `YUNSUPEI_CRASH_AT=mail.before-send`
 * kills the process between the stored notification and its sending, where a real crash would hurt most.
 */
export function crashPoint(name: string): void {
  if (process.env.YUNSUPEI_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
