/** The stream holding a 云速配 match round's events. */
export const matchRoundStream = (roundId: string) => `match-round-${roundId}`;
