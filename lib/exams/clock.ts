/** The current time on the server. The exam rules never read the browser's clock. */
export function serverNow(): Date {
  return new Date();
}

/** hh:mm:ss of `date` in UTC, as the exam messages state times. */
export function formatClockTimeUtc(date: Date): string {
  return date.toISOString().slice(11, 19);
}
