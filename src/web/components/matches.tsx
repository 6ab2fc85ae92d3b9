import type { SolutionMatch } from '../../matching/types.js';
import { formatWanRange, regionsLabel } from '../format.js';
import { FactorBars } from './factor-bars.js';
import { CsrfField } from './form.js';

export interface MatchView {
  match: SolutionMatch;
  title: string;
  vendorName: string;
  priceWan: { min: number; max: number } | null;
  regionsServed: string[];
}

/**
 * 云速配 results for a need: rank, score, the solution and its vendor, and the reasons as factor bars.
 * Staff may turn a result into an engagement (a recommendation the need owner then sees).
 */
export function MatchList({
  matches,
  recommendAction,
  csrfToken,
}: {
  matches: MatchView[];
  /** The form action that recommends a solution, for staff; none for others. */
  recommendAction?: string;
  csrfToken: string;
}) {
  if (matches.length === 0) return <p class="muted">暂无匹配的方案。</p>;
  return (
    <ol class="listing">
      {matches.map((m, i) => (
        <li>
          <div class="spread">
            <h3>
              <span class="muted">{i + 1}. </span>
              <a href={`/solutions/${m.match.solutionId}`}>{m.title}</a>
            </h3>
            <span class="score" title="综合匹配度">
              {Math.round(m.match.score * 100)}
              <span class="small muted"> 分</span>
            </span>
          </div>
          <div class="meta">
            <a href={`/vendors/${m.match.vendorId}`}>{m.vendorName}</a>
            {m.priceWan ? <span>报价 {formatWanRange(m.priceWan)}</span> : null}
            <span>服务地域 {regionsLabel(m.regionsServed)}</span>
          </div>
          <details open={i < 3}>
            <summary>匹配理由</summary>
            <FactorBars reasons={m.match.reasons} />
          </details>
          {recommendAction ? (
            <form method="post" action={recommendAction} class="actions">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="solutionId" value={m.match.solutionId} />
              <button type="submit" class="secondary">
                推荐给需求方
              </button>
            </form>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
