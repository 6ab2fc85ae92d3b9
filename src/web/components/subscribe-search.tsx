import { CsrfField } from './form.js';

/** The filters of a search page a saved search keeps, by their query parameter. */
const KEPT = ['q', 'industry', 'technology', 'city'] as const;

/**
 * 订阅此搜索: posts the page's keywords and filters as a saved search, so that listings published later that
 * this search finds are told to the user. Someone not signed in is sent to sign in and back to this search.
 */
export function SubscribeSearch(props: {
  kind: 'needs' | 'solutions';
  params: Record<string, string | undefined>;
  /** Null when nobody is signed in. */
  csrfToken: string | null;
  /** The search page's own address, to come back to after signing in. */
  back: string;
}) {
  if (props.csrfToken === null) {
    return (
      <a href={`/login?next=${encodeURIComponent(props.back)}`} class="small" data-testid="subscribe-search">
        登录后订阅此搜索
      </a>
    );
  }
  return (
    <form method="post" action="/me/subscriptions" class="inline-form">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="kind" value={props.kind} />
      <input type="hidden" name="back" value={props.back} />
      {KEPT.map((name) => {
        const value = props.params[name];
        return value ? <input type="hidden" name={name} value={value} /> : null;
      })}
      <button type="submit" class="secondary small" data-testid="subscribe-search">
        订阅此搜索
      </button>
    </form>
  );
}
