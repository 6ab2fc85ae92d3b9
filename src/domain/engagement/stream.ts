/** The stream holding an engagement's events. */
export const engagementStream = (engagementId: string) => `engagement-${engagementId}`;
