import { Hono } from 'hono';
import type { NeedAsSeen } from '../../application/entity-views.js';
import { selectPilot } from '../../application/race-service.js';
import { runAction } from '../actions.js';
import { CsrfField, type FormState, type FormValues, NumberField } from '../components/form.js';
import type { WebDeps } from '../deps.js';
import type { EngagementSummary } from '../documents.js';
import type { WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { readForm } from '../form-input.js';
import { webMessages } from '../messages.js';
import { requestContext } from '../render.js';

/** 赛马 on the need form: a box to tick, and how many vendors may run pilots side by side. */
export function RaceFields({ form }: { form: FormState }) {
  const checked = form.values.race === 'on';
  return (
    <fieldset>
      <legend>赛马（并行试点）</legend>
      <div class="field">
        <label>
          <input type="checkbox" id="f-race" name="race" value="on" checked={checked} />
          允许多家服务商并行试点，试点后再选定一家
        </label>
        <p class="hint">不勾选时，首家签约的服务商即进入实施。</p>
      </div>
      <NumberField
        name="race.maxParallel"
        label={raceFieldLabels['race.maxParallel']}
        form={form}
        min={2}
        step="1"
        hint="2到10家：可同时签约试点协议的服务商数"
      />
    </fieldset>
  );
}

export const raceFieldLabels = { 'race.maxParallel': '并行试点数' };

/**
 * The race part of a need's input: the number goes only when the box is ticked. Unticked, a new need has
 * no race and an edit removes it (`null`); a number that does not parse goes as typed, for the schema's words.
 */
export function raceInput(values: FormValues, unticked: 'omit' | 'null'): { race?: unknown } {
  if (values.race !== 'on') return unticked === 'null' ? { race: null } : {};
  const typed = String(values['race.maxParallel'] ?? '').trim();
  const number = Number(typed);
  return { race: { maxParallel: typed !== '' && Number.isFinite(number) ? number : typed } };
}

/** An edit form's first values: the box ticked when the need has a race. */
export function raceValues(need: NeedAsSeen): FormValues {
  return need.race ? { race: 'on', 'race.maxParallel': String(need.race.maxParallel) } : {};
}

function outcomeOf(need: NeedAsSeen, engagementId: string): string {
  if (need.engagementId === null) return '试点中';
  return need.engagementId === engagementId ? '已入选' : '试点结束（未入选）';
}

/**
 * The race on the need page: the places, and to the owner and staff the signed pilots; the owner selects
 * one with 选定 while none is selected.
 */
export function PilotsSection({
  need,
  engagements,
  seesPilots,
  canSelect,
  csrfToken,
}: {
  need: NeedAsSeen;
  engagements: EngagementSummary[];
  seesPilots: boolean;
  canSelect: boolean;
  csrfToken: string;
}) {
  if (!need.race) return null;
  const names = new Map(engagements.map((e) => [e.id, e]));
  const selecting = canSelect && need.status === 'published' && need.engagementId === null;
  return (
    <section class="card" aria-labelledby="race-title">
      <h2 id="race-title">赛马（并行试点）</h2>
      <p>
        最多 {need.race.maxParallel} 家服务商并行试点，已签约 {need.pilots.length} 家
        {need.engagementId ? '，已选定一家。' : '。'}
      </p>
      {seesPilots && need.pilots.length > 0 ? (
        <div class="table-wrap">
          <table class="wide">
            <thead>
              <tr>
                <th scope="col">试点服务商</th>
                <th scope="col">结果</th>
                {selecting ? <th scope="col">操作</th> : null}
              </tr>
            </thead>
            <tbody>
              {need.pilots.map((id) => (
                <tr>
                  <td>
                    <a href={`/engagements/${id}`}>{names.get(id)?.vendorName ?? '服务商'}</a>
                    {names.get(id)?.solutionTitle ? (
                      <div class="small muted">{names.get(id)?.solutionTitle}</div>
                    ) : null}
                  </td>
                  <td>{outcomeOf(need, id)}</td>
                  {selecting ? (
                    <td>
                      <form method="post" action={`/needs/${need.id}/select`}>
                        <CsrfField token={csrfToken} />
                        <input type="hidden" name="engagementId" value={id} />
                        <button type="submit">选定</button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** The demander's 选定: ends the race with one pilot, the others end not selected. */
export function racePages(deps: WebDeps) {
  const web = new Hono<WebEnv>();
  web.post('/needs/:id/select', requireUser('demander'), async (c) => {
    const id = c.req.param('id');
    const { engagementId } = await readForm(c);
    return runAction(
      c,
      () => selectPilot(deps.app, requestContext(c), id, { engagementId: String(engagementId ?? '') }),
      {
        to: `/needs/${id}`,
        success: webMessages.pilotSelected,
      },
    );
  });
  return web;
}
