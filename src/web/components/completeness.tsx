import type { Completeness } from '../../application/need-completeness.js';

/** The reason a staff member sends a need back with: the hints, numbered, for the demander to work through. */
export function reasonFromHints(completeness: Completeness): string {
  if (completeness.hints.length === 0) return '';
  const lines = completeness.hints.map((hint, i) => `${i + 1}. ${hint.message}`);
  return ['请补充完善以下内容后重新提交：', ...lines].join('\n');
}

/**
 * 完整度 and the hints, for the owner and staff. On the need form the same markup is filled in as the
 * demander types (need-hints.js); the page shows it as of the last save.
 */
export function CompletenessPanel({ completeness }: { completeness: Completeness }) {
  return (
    <section class="card" aria-labelledby="completeness-title" id="completeness">
      <h2 id="completeness-title">
        需求完整度 <span data-score>{completeness.score}</span>/100
      </h2>
      <CompletenessHints completeness={completeness} />
    </section>
  );
}

export function CompletenessHints({ completeness }: { completeness: Completeness }) {
  if (completeness.hints.length === 0)
    return <p class="muted">需求说明已完整，便于服务商理解和云速配匹配。</p>;
  return (
    <ul class="hints">
      {completeness.hints.map((hint) => (
        <li data-field={hint.field}>{hint.message}</li>
      ))}
    </ul>
  );
}
