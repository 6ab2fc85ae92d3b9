import { type StatusKind, statusLabel, statusTone } from '../labels.js';

export function StatusBadge({ kind, status }: { kind: StatusKind; status: string }) {
  return <span class={`badge tone-${statusTone(kind, status)}`}>{statusLabel(kind, status)}</span>;
}
