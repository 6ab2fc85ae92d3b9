/** The stream holding a user account's events. */
export const userStream = (userId: string) => `user-${userId}`;

/** The failed sign-ins and locks of one account (sign-in-attempts.ts). */
export const signInStream = (userId: string) => `signin-${userId}`;
