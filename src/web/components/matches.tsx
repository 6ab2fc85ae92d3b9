import type { InvitationStatus } from '../../domain/invitation/state.js';
import type { SolutionMatch } from '../../matching/types.js';
import { formatWanRange, regionsLabel } from '../format.js';
import { webMessages } from '../messages.js';
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
 * Staff may turn a result into an engagement (a recommendation the need owner then sees); the owner may
 * invite its vendor to apply (邀请揭榜).
 */
export function MatchList({
  matches,
  recommendAction,
  invite,
  csrfToken,
}: {
  matches: MatchView[];
  /** The form action that recommends a solution, for staff; none for others. */
  recommendAction?: string;
  /** For the need's owner: the form action that invites, and each invited vendor's latest invitation. */
  invite?: { action: string; invited: ReadonlyMap<string, InvitationStatus> };
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
          {invite ? <InviteButton invite={invite} match={m.match} csrfToken={csrfToken} /> : null}
        </li>
      ))}
    </ol>
  );
}

function InviteButton({
  invite,
  match,
  csrfToken,
}: {
  invite: NonNullable<Parameters<typeof MatchList>[0]['invite']>;
  match: SolutionMatch;
  csrfToken: string;
}) {
  const status = invite.invited.get(match.vendorId);
  if (status) return <p class="small muted">{webMessages.invitation[status]}</p>;
  return (
    <form method="post" action={invite.action} class="actions">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="solutionId" value={match.solutionId} />
      <button type="submit" class="secondary">
        邀请揭榜
      </button>
    </form>
  );
}
