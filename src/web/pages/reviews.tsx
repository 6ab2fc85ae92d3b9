import { Hono } from 'hono';
import type { NeedAsSeen } from '../../application/entity-views.js';
import { getPanel, panelMembers, setPanel } from '../../application/panel-service.js';
import {
  listMyReviews,
  type ReviewAssignment,
  reviewSummary,
  submitReview,
} from '../../application/review-service.js';
import { coversMatter, staffScopeOf } from '../../application/staff-scope.js';
import { findUserByUsername } from '../../application/user-service.js';
import { PANEL_NEED_STATUSES } from '../../domain/panel/state.js';
import type { Actor } from '../../domain/shared/actor.js';
import type { FieldError } from '../../domain/shared/errors.js';
import { runAction } from '../actions.js';
import { attempt } from '../attempt.js';
import { CsrfField, type FormValues } from '../components/form.js';
import type { NeedReviewsView } from '../components/need-reviews.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { readForm } from '../form-input.js';
import { page, redirectWith, requestContext, type WebContext } from '../render.js';
import { reviewMessages as m } from '../review-messages.js';

/**
 * What the need page shows of expert review to this actor (need-page.tsx renders it): the panel and the
 * summary to the need's owner and to staff covering its city.
 */
export async function needReviewsView(
  deps: WebDeps,
  c: WebContext,
  need: NeedAsSeen,
): Promise<NeedReviewsView> {
  const actor = c.get('actor');
  const scope = await staffScopeOf(deps.app, actor);
  const isStaff = scope !== null && coversMatter(scope, need.city);
  const isOwner = actor.role === 'demander' && actor.orgId === need.orgId;
  const panel = isStaff || isOwner ? await getPanel(deps.app, need.id) : null;
  return {
    criteria: need.criteria,
    panel:
      isStaff && panel
        ? { members: await panelMembers(deps.app, panel), settable: PANEL_NEED_STATUSES.has(need.status) }
        : null,
    summary:
      panel && panel.expertIds.length > 0
        ? await reviewSummary(deps.app, deps.http.search, requestContext(c), need.id)
        : null,
  };
}

const many = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);
const first = (value: string | string[] | undefined) => many(value)[0] ?? '';

/** The review form's posted fields as the service's input: a score per criterion row, or a conflict. */
function reviewInput(values: FormValues) {
  const conflict = first(values.conflict) === 'yes';
  const criteria = many(values.criterion);
  const scores = many(values.score);
  const comment = first(values.comment).trim();
  return {
    conflict,
    ...(conflict
      ? {}
      : {
          scores: criteria.map((criterion, i) => {
            const raw = (scores[i] ?? '').trim();
            return {
              criterion,
              score: raw === '' ? undefined : Number.isFinite(Number(raw)) ? Number(raw) : raw,
            };
          }),
        }),
    ...(comment ? { comment } : {}),
  };
}

/** A score's error names its criterion, as the form labels it. */
function formErrors(values: FormValues, errors: FieldError[]): string[] {
  const criteria = many(values.criterion);
  return errors.map((error) => {
    const row = /^scores\.(\d+)\./.exec(error.path);
    return row ? `${criteria[Number(row[1])] ?? ''}：${error.message}` : error.message;
  });
}

type Application = ReviewAssignment['applications'][number];

function ReviewForm({
  application,
  assignment,
  csrfToken,
  failed,
}: {
  application: Application;
  assignment: ReviewAssignment;
  csrfToken: string;
  failed: { values: FormValues; messages: string[] } | null;
}) {
  const values = failed?.values ?? {};
  const scores = many(values.score);
  const formId = `review-${application.engagementId}`;
  return (
    <form method="post" action={`/engagements/${application.engagementId}/reviews`} class="form" id={formId}>
      <CsrfField token={csrfToken} />
      {failed ? (
        <div class="form-summary" role="alert">
          <ul>
            {failed.messages.map((message) => (
              <li>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {assignment.criteria.map((criterion, i) => (
        <div class="field">
          <label for={`${formId}-score-${i}`}>{m.score(criterion.name, criterion.weight)}</label>
          <input type="hidden" name="criterion" value={criterion.name} />
          <input
            type="number"
            id={`${formId}-score-${i}`}
            name="score"
            min={0}
            max={100}
            step="1"
            value={scores[i] ?? ''}
          />
        </div>
      ))}
      <div class="field">
        <label>
          <input type="checkbox" name="conflict" value="yes" checked={first(values.conflict) === 'yes'} />{' '}
          {m.conflict}
        </label>
      </div>
      <div class="field">
        <label for={`${formId}-comment`}>{m.comment}</label>
        <textarea id={`${formId}-comment`} name="comment" rows={3} maxlength={1000}>
          {first(values.comment)}
        </textarea>
      </div>
      <button type="submit">{m.submit}</button>
    </form>
  );
}

function OwnReview({ review }: { review: NonNullable<Application['myReview']> }) {
  return (
    <div>
      <strong>{m.yourReview}：</strong>
      {review.conflict
        ? m.declaredConflict
        : review.scores.map((s) => `${s.criterion} ${s.score}`).join('，')}
      {review.comment ? <p>{review.comment}</p> : null}
    </div>
  );
}

async function workspace(
  deps: WebDeps,
  c: WebContext,
  actor: Actor,
  failed: { engagementId: string; values: FormValues; messages: string[] } | null = null,
) {
  const assignments = await listMyReviews(deps.app, deps.http.search, actor);
  const csrfToken = c.get('csrfToken');
  return page(
    c,
    m.workspace,
    <>
      <h1>{m.workspace}</h1>
      <p class="muted">{m.workspaceIntro}</p>
      {assignments.length === 0 ? <p>{m.nothing}</p> : null}
      {assignments.map((assignment) => (
        <section class="card" aria-labelledby={`assignment-${assignment.needId}`}>
          <h2 id={`assignment-${assignment.needId}`}>
            <a href={`/needs/${assignment.needId}`}>{assignment.needTitle}</a>
          </h2>
          {assignment.applications.length === 0 ? <p class="muted">{m.noApplications}</p> : null}
          {assignment.applications.map((application) => (
            <article class="review-item">
              <h3>
                {application.vendorName} · {application.solutionTitle}
              </h3>
              {application.quoteWan !== null ? (
                <p>
                  {m.quote}：{application.quoteWan}
                </p>
              ) : null}
              {application.proposal ? (
                <p>
                  {m.proposal}：{application.proposal}
                </p>
              ) : null}
              {application.myReview ? (
                <OwnReview review={application.myReview} />
              ) : application.mustRecuse ? (
                <p class="flash flash-info">{m.mustRecuse}</p>
              ) : (
                <ReviewForm
                  application={application}
                  assignment={assignment}
                  csrfToken={csrfToken}
                  failed={failed?.engagementId === application.engagementId ? failed : null}
                />
              )}
            </article>
          ))}
        </section>
      ))}
    </>,
    failed ? 422 : 200,
  );
}

/** 专家评审 pages: the expert's workspace with its review forms, and staff naming a need's panel. */
export function reviewPages(deps: WebDeps) {
  const web = new Hono<WebEnv>();

  web.get('/me/reviews', requireUser('expert'), (c) => workspace(deps, c, c.get('actor')));

  web.post('/engagements/:id/reviews', requireUser('expert'), async (c) => {
    const engagementId = c.req.param('id');
    const values = await readForm(c);
    const submitted = await attempt(() =>
      submitReview(deps.app, requestContext(c), engagementId, reviewInput(values)),
    );
    if (!submitted.ok) {
      const failed = { engagementId, values, messages: formErrors(values, submitted.errors) };
      return workspace(deps, c, c.get('actor'), failed);
    }
    return redirectWith(c, '/me/reviews', { tone: 'success', text: m.submitted });
  });

  web.post('/needs/:id/panel', requireUser('staff'), async (c) => {
    const needId = c.req.param('id');
    const values = await readForm(c);
    const usernames = first(values.experts)
      .split(/[\s,，、]+/)
      .filter(Boolean);
    const found = await Promise.all(usernames.map((name) => findUserByUsername(deps.app, name)));
    const unknown = usernames.filter((_, i) => !found[i]);
    if (unknown.length > 0)
      return redirectWith(c, `/needs/${needId}#reviews`, { tone: 'error', text: m.unknownExperts(unknown) });
    const expertIds = found.flatMap((user) => (user ? [user.id] : []));
    return runAction(c, () => setPanel(deps.app, requestContext(c), needId, { expertIds }), {
      to: `/needs/${needId}#reviews`,
      success: m.panelSaved,
    });
  });

  return web;
}
