/** Applications come while a need is published; naming the panel at approval lets experts prepare. */
export const PANEL_NEED_STATUSES: ReadonlySet<string> = new Set(['approved', 'published']);

/** A need's review panel: the experts who review its applications. Empty until staff name one. */
export interface Panel {
  needId: string;
  expertIds: string[];
  setAt: string | null;
}
