import type { PanelMember } from '../../application/panel-service.js';
import type { ReviewSummary } from '../../application/review-service.js';
import type { Criterion } from '../../domain/need/criteria.js';
import { reviewMessages as m } from '../review-messages.js';
import { CsrfField } from './form.js';

/** What the need page shows of expert review to this viewer. */
export interface NeedReviewsView {
  criteria: Criterion[];
  /** Staff only: the panel now, and whether it may be set in the need's state. */
  panel: { members: PanelMember[]; settable: boolean } | null;
  /** The need's owner and staff, once a panel is named. */
  summary: ReviewSummary | null;
}

function CriteriaTable({ criteria }: { criteria: Criterion[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{m.criterion}</th>
          <th scope="col">{m.weight}</th>
        </tr>
      </thead>
      <tbody>
        {criteria.map((c) => (
          <tr>
            <td>{c.name}</td>
            <td>{c.weight}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PanelForm({
  needId,
  members,
  settable,
  csrfToken,
}: {
  needId: string;
  members: PanelMember[];
  settable: boolean;
  csrfToken: string;
}) {
  return (
    <>
      <h3>{m.panel}</h3>
      {members.length === 0 ? (
        <p class="muted">{m.panelEmpty}</p>
      ) : (
        <ul>
          {members.map((member) => (
            <li>
              {member.name ?? member.username}（{member.username}）
            </li>
          ))}
        </ul>
      )}
      {settable ? (
        <form method="post" action={`/needs/${needId}/panel`} class="form">
          <CsrfField token={csrfToken} />
          <div class="field">
            <label for="f-experts">{m.panelField}</label>
            <textarea id="f-experts" name="experts" rows={4} aria-describedby="f-experts-hint">
              {members.map((member) => member.username).join('\n')}
            </textarea>
            <p class="hint" id="f-experts-hint">
              {m.panelHint}
            </p>
          </div>
          <button type="submit">{m.setPanel}</button>
        </form>
      ) : null}
    </>
  );
}

const score = (value: number | null) => (value === null ? m.notYet : String(value));

function SummaryTable({ summary }: { summary: ReviewSummary }) {
  if (summary.applications.length === 0) return <p class="muted">{m.summaryNone}</p>;
  // A column per criterion: on a phone the table scrolls in its box instead of widening the page.
  return (
    <div class="table-wrap">
      <table class="wide">
        <caption>{m.summary}</caption>
        <thead>
          <tr>
            <th scope="col">{m.vendor}</th>
            <th scope="col">{m.weightedMean}</th>
            {summary.criteria.map((c) => (
              <th scope="col">
                {c.name}（{c.weight}%）
              </th>
            ))}
            <th scope="col">{m.reviews}</th>
            <th scope="col">{m.conflicts}</th>
          </tr>
        </thead>
        <tbody>
          {summary.applications.map((a) => (
            <tr>
              <th scope="row">
                <a href={`/engagements/${a.engagementId}`}>{a.vendorName}</a>
              </th>
              <td>{score(a.weightedMean)}</td>
              {a.criterionMeans.map((c) => (
                <td>{score(c.mean)}</td>
              ))}
              <td>{a.reviews}</td>
              <td>{a.conflicts}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 专家评审 on the need page: its criteria for all, the panel for staff, the summary for owner and staff. */
export function NeedReviews({
  view,
  needId,
  csrfToken,
}: {
  view: NeedReviewsView;
  needId: string;
  csrfToken: string;
}) {
  if (view.criteria.length === 0 && !view.panel) return null;
  return (
    <section class="card" id="reviews" aria-labelledby="reviews-title">
      <h2 id="reviews-title">{m.section}</h2>
      {view.criteria.length > 0 ? (
        <CriteriaTable criteria={view.criteria} />
      ) : (
        <p class="muted">{m.noCriteria}</p>
      )}
      {view.panel && view.criteria.length > 0 ? (
        <PanelForm
          needId={needId}
          members={view.panel.members}
          settable={view.panel.settable}
          csrfToken={csrfToken}
        />
      ) : null}
      {view.summary ? <SummaryTable summary={view.summary} /> : null}
    </section>
  );
}
