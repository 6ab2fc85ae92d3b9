/** The stream holding a solution's events. */
export const solutionStream = (solutionId: string) => `solution-${solutionId}`;
