/**
 * The stream holding a need's review panel (评审专家组). Not `need-panel-…`: the need's own projections
 * take every stream starting `need-` for a need.
 */
export const panelStream = (needId: string) => `panel-${needId}`;
