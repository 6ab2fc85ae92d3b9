/**
 * The stream holding every invitation on one need. Keeping them together makes "one open invitation per
 * need and vendor" a check on one stream's state, guarded by its revision like any other command.
 */
export const needInvitationsStream = (needId: string) => `invitations-${needId}`;
