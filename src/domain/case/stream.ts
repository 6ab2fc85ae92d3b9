/** The stream holding a case's (典型案例) events. */
export const caseStream = (caseId: string) => `case-${caseId}`;
