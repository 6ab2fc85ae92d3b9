import { Hono } from 'hono';
import { assessDraft } from '../../application/need-completeness.js';
import { attempt } from '../attempt.js';
import { CompletenessPanel } from '../components/completeness.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { readForm } from '../form-input.js';
import { createNeedSpec, needInput } from './need-form.js';

/**
 * POST /needs/assess: the need form's fields as they stand, answered with the completeness panel's markup
 * for the form's script (static/need-hints.js) to show as the demander types. Saves nothing. A field not
 * yet in shape (a period typed as words) is answered with its error in place of the hints.
 */
export function needAssessPage(_deps: WebDeps) {
  const web = new Hono<WebEnv>();
  web.post('/needs/assess', requireUser('demander'), async (c) => {
    const values = await readForm(c);
    const assessed = await attempt(async () => assessDraft(needInput(values, createNeedSpec)));
    if (assessed.ok) return c.html(<CompletenessPanel completeness={assessed.value} />);
    return c.html(
      <ul class="hints">
        {assessed.errors.map((error) => (
          <li>{error.message}</li>
        ))}
      </ul>,
      422,
    );
  });
  return web;
}
