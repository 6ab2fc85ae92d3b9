import type { Role } from '../domain/shared/actor.js';
import type { HttpVariables } from '../server/env.js';
import type { SiteIdentity } from '../server/site-identity.js';

/** The signed-in person as the pages show them: their account and, for members, their organization. */
export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  orgId: string | null;
  orgName: string | null;
  orgKind: 'demander' | 'vendor' | null;
  orgStatus: string | null;
}

export interface Flash {
  tone: 'success' | 'error' | 'info';
  text: string;
}

/** What the web middleware puts on every page request, on top of the HTTP layer's variables. */
export interface WebVariables extends HttpVariables {
  user: SessionUser | null;
  /** The value every form posts back in `_csrf`. */
  csrfToken: string;
  flash: Flash | null;
  /** The signed-in user's unread notifications, for the bell in the header. */
  unread?: number;
  /** Who runs the site (footer, 联系我们); set on every page request. */
  site?: SiteIdentity;
}

export interface WebEnv {
  Variables: WebVariables;
}
