/** The stream holding a need's events. */
export const needStream = (needId: string) => `need-${needId}`;
