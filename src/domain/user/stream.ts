/** The stream holding a user account's events. */
export const userStream = (userId: string) => `user-${userId}`;
