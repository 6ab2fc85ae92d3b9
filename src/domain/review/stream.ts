/**
 * One expert's review of one application (对接). A stream per pair makes "once per expert" the stream's
 * own check, and keeps each expert's scores apart from the others' until they are summed up.
 */
export const reviewStream = (engagementId: string, expertId: string) => `review-${engagementId}-${expertId}`;
