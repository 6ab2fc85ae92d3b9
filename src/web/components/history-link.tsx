import type { HistoryKind } from '../../application/history/subjects.js';

/** The link to an entity's history, for the pages of those who may read it (staff and its organization). */
export function HistoryLink({ kind, id }: { kind: HistoryKind; id: string }) {
  return (
    <a href={`/history/${kind}/${id}`} class="small" data-testid="history-link">
      历史记录
    </a>
  );
}
