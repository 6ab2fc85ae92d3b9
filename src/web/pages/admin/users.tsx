import { Hono } from 'hono';
import { resetSecondFactor, unlockAccount } from '../../../application/account-security.js';
import { staffDutiesOf } from '../../../application/staff-duties.js';
import { disableUser, enableUser, findUserByUsername } from '../../../application/user-service.js';
import { dutiesLabel } from '../../../domain/shared/duties.js';
import type { UserView } from '../../../domain/user/state.js';
import { runAction } from '../../actions.js';
import { StatusBadge } from '../../components/badge.js';
import { CsrfField, emptyForm, TextArea } from '../../components/form.js';
import type { WebDeps } from '../../deps.js';
import type { WebEnv } from '../../env.js';
import { requireUser } from '../../errors.js';
import { readForm, toInput } from '../../form-input.js';
import { formatDateTime } from '../../format.js';
import { roleLabels } from '../../labels.js';
import { webMessages } from '../../messages.js';
import { page, requestContext } from '../../render.js';
import { userCardPath } from './new-account.js';
import { DutiesForm } from './staff.js';

/** The 安全管理员's actions on an account: lifting a sign-in lock, and for staff a new authenticator. */
function SecurityActions({ user, csrfToken }: { user: UserView; csrfToken: string }) {
  return (
    <div class="actions">
      <form method="post" action={`/admin/users/${user.id}/unlock`}>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="username" value={user.username} />
        <button type="submit">解除锁定</button>
      </form>
      {user.role === 'staff' ? (
        <form method="post" action={`/admin/users/${user.id}/second-factor/reset`}>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="username" value={user.username} />
          <button type="submit" class="danger">
            重置身份验证器
          </button>
        </form>
      ) : null}
    </div>
  );
}

function UserCard({ user, csrfToken, security }: { user: UserView; csrfToken: string; security: boolean }) {
  return (
    <section class="card" aria-labelledby="user-title">
      <div class="spread">
        <h2 id="user-title">{user.username}</h2>
        <StatusBadge kind="user" status={user.status} />
      </div>
      <dl class="facts">
        <dt>用户编号</dt>
        <dd>{user.id}</dd>
        <dt>角色</dt>
        <dd>{roleLabels[user.role]}</dd>
        <dt>所属机构</dt>
        <dd>{user.orgId ? <a href={`/admin/orgs?id=${user.orgId}`}>{user.orgId}</a> : '—'}</dd>
        {user.duties ? (
          <>
            <dt>职责</dt>
            <dd data-testid="duties">{dutiesLabel(user.duties)}</dd>
          </>
        ) : null}
        <dt>注册时间</dt>
        <dd>{user.createdAt ? formatDateTime(user.createdAt) : '—'}</dd>
        {user.disabledAt ? (
          <>
            <dt>停用时间</dt>
            <dd>{formatDateTime(user.disabledAt)}</dd>
            <dt>停用原因</dt>
            <dd>{user.disabledReason ?? '—'}</dd>
          </>
        ) : null}
      </dl>
      {user.duties ? (
        <DutiesForm
          userId={user.id}
          username={user.username}
          form={{ values: { duties: user.duties }, errors: [] }}
          csrfToken={csrfToken}
        />
      ) : null}
      {security ? <SecurityActions user={user} csrfToken={csrfToken} /> : null}
      {user.status === 'disabled' ? (
        <form method="post" action={`/admin/users/${user.id}/enable`}>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="username" value={user.username} />
          <button type="submit">恢复用户</button>
        </form>
      ) : (
        <form method="post" action={`/admin/users/${user.id}/disable`} class="form" novalidate>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="username" value={user.username} />
          <TextArea name="reason" label="停用原因" form={emptyForm} rows={2} maxLength={500} />
          <button type="submit" class="danger">
            停用用户
          </button>
        </form>
      )}
    </section>
  );
}

function backTo(username: string | string[] | undefined): string {
  return typeof username === 'string' ? userCardPath(username) : '/admin/users';
}

/**
 * 用户管理: staff find an account by its username and disable it (every session of the user ends at
 * once) or enable it again; a 安全管理员 also unlocks it, or resets a staff member's authenticator.
 */
export function userPages({ http, app }: WebDeps) {
  const web = new Hono<WebEnv>();

  web.get('/admin/users', requireUser('staff'), async (c) => {
    const username = c.req.query('username')?.trim() ?? '';
    const found = username ? await findUserByUsername(app, username) : null;
    const security = ((await staffDutiesOf(app, c.get('actor'))) ?? []).includes('security');
    return page(
      c,
      '用户管理',
      <>
        <h1>用户管理</h1>
        <section class="card">
          <search>
            <form method="get" action="/admin/users" class="inline-form">
              <div class="field">
                <label for="username">用户名</label>
                <input type="text" id="username" name="username" value={username} />
              </div>
              <button type="submit">查找用户</button>
            </form>
          </search>
          {username && !found ? <p class="field-error">没有找到用户名为 {username} 的用户</p> : null}
        </section>
        {found ? <UserCard user={found} csrfToken={c.get('csrfToken')} security={security} /> : null}
      </>,
    );
  });

  // Every form carries the username, so that the outcome, success or refusal, is shown on the user's card.
  web.post('/admin/users/:id/disable', requireUser('staff'), async (c) => {
    const id = c.req.param('id');
    const values = await readForm(c);
    const input = toInput(values, { reason: 'text' });
    const disable = async () => {
      const user = await disableUser(app, requestContext(c), id, input);
      http.actors.forget(id);
      return user;
    };
    return runAction(c, disable, { to: backTo(values.username), success: webMessages.userDisabled });
  });

  web.post('/admin/users/:id/enable', requireUser('staff'), async (c) => {
    const id = c.req.param('id');
    const values = await readForm(c);
    const enable = async () => {
      const user = await enableUser(app, requestContext(c), id);
      http.actors.forget(id);
      return user;
    };
    return runAction(c, enable, { to: backTo(values.username), success: webMessages.userEnabled });
  });

  web.post('/admin/users/:id/unlock', requireUser('staff'), async (c) => {
    const values = await readForm(c);
    const unlock = () => unlockAccount(app, requestContext(c), c.req.param('id'));
    return runAction(c, unlock, { to: backTo(values.username), success: webMessages.accountUnlocked });
  });

  web.post('/admin/users/:id/second-factor/reset', requireUser('staff'), async (c) => {
    const values = await readForm(c);
    const reset = () => resetSecondFactor(app, requestContext(c), c.req.param('id'));
    return runAction(c, reset, { to: backTo(values.username), success: webMessages.secondFactorReset });
  });

  return web;
}
