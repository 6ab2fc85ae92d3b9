import { attempt } from './attempt.js';
import { redirectWith, type WebContext } from './render.js';

/**
 * A button's command (submit, approve, shortlist…): run it, then go back to `to` with its outcome as a
 * flash, the domain's own Chinese message when it refused.
 */
export async function runAction<T>(
  c: WebContext,
  run: () => Promise<T>,
  outcome: { to: string | ((value: T) => string); success: string },
): Promise<Response> {
  const result = await attempt(run);
  if (!result.ok) {
    const to = typeof outcome.to === 'string' ? outcome.to : c.req.path.replace(/\/[^/]+$/, '');
    return redirectWith(c, to, { tone: 'error', text: result.errors.map((e) => e.message).join('；') });
  }
  const to = typeof outcome.to === 'string' ? outcome.to : outcome.to(result.value);
  return redirectWith(c, to, { tone: 'success', text: outcome.success });
}
