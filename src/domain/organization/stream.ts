/** The stream holding an organization's events, demander or vendor alike. */
export const organizationStream = (orgId: string) => `org-${orgId}`;
