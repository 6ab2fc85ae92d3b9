/**
 * Every saved search of one user. Keeping them together makes the limit per user a check on one stream's
 * state, guarded by its revision like any other command.
 */
export const userSubscriptionsStream = (userId: string) => `subscriptions-${userId}`;
