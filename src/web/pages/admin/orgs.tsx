import { Hono } from 'hono';
import {
  getOrganization,
  reinstateOrganization,
  suspendOrganization,
  verifyOrganization,
} from '../../../application/organization-service.js';
import { pendingOrganizations } from '../../../application/queries/scoped-queues.js';
import { staffScopeOf } from '../../../application/staff-scope.js';
import type { Organization } from '../../../domain/organization/state.js';
import { DomainError } from '../../../domain/shared/errors.js';
import { PROVINCE } from '../../../domain/shared/scope.js';
import { runAction } from '../../actions.js';
import { cityLabel, scopeName } from '../../city-names.js';
import { StatusBadge } from '../../components/badge.js';
import { CsrfField, emptyForm, TextArea } from '../../components/form.js';
import { HistoryLink } from '../../components/history-link.js';
import type { WebDeps } from '../../deps.js';
import type { WebEnv } from '../../env.js';
import { requireUser } from '../../errors.js';
import { readForm, toInput } from '../../form-input.js';
import { formatDateTime, labelsOf } from '../../format.js';
import { orgKindLabels } from '../../labels.js';
import { webMessages } from '../../messages.js';
import { page, requestContext } from '../../render.js';

const ID = /^[0-9a-f-]{36}$/i;

function OrgCard({ org, csrfToken }: { org: Organization; csrfToken: string }) {
  return (
    <section class="card" aria-labelledby="org-title">
      <div class="spread">
        <h2 id="org-title">{org.name}</h2>
        <StatusBadge kind="organization" status={org.status} />
      </div>
      <HistoryLink kind="org" id={org.id} />
      <dl class="facts">
        <dt>机构编号</dt>
        <dd>{org.id}</dd>
        <dt>机构类型</dt>
        <dd>{orgKindLabels[org.kind]}</dd>
        <dt>统一社会信用代码</dt>
        <dd>{org.uscc}</dd>
        <dt>所在城市</dt>
        <dd>{cityLabel(org.city)}市</dd>
        <dt>资质</dt>
        <dd>{labelsOf('qualification', org.qualifications)}</dd>
        <dt>联系人</dt>
        <dd>{org.contact ? `${org.contact.name} · ${org.contact.phone} · ${org.contact.email}` : '—'}</dd>
        <dt>注册时间</dt>
        <dd>{formatDateTime(org.registeredAt)}</dd>
        {org.suspensionReason ? (
          <>
            <dt>暂停原因</dt>
            <dd>{org.suspensionReason}</dd>
          </>
        ) : null}
      </dl>
      <div class="actions">
        {org.status === 'pending' ? (
          <form method="post" action={`/admin/orgs/${org.id}/verify`}>
            <CsrfField token={csrfToken} />
            <button type="submit">通过认证</button>
          </form>
        ) : null}
        {org.status === 'suspended' ? (
          <form method="post" action={`/admin/orgs/${org.id}/reinstate`}>
            <CsrfField token={csrfToken} />
            <button type="submit">恢复</button>
          </form>
        ) : null}
        <a class="button secondary" href={`/admin/audit?stream=org-${org.id}`}>
          审计记录
        </a>
      </div>
      {org.status === 'verified' ? (
        <form
          method="post"
          action={`/admin/orgs/${org.id}/suspend`}
          class="form"
          style="margin-top:16px"
          novalidate
        >
          <CsrfField token={csrfToken} />
          <TextArea name="reason" label="暂停原因" form={emptyForm} required rows={2} maxLength={500} />
          <button type="submit" class="danger">
            暂停机构
          </button>
        </form>
      ) : null}
    </section>
  );
}

/**
 * 机构认证: organizations awaiting verification, demanders and vendors, newest registration first; any
 * organization is also found by its 机构编号, shown on its own workspace page.
 */
export function organizationPages({ http, app }: WebDeps) {
  const { search } = http;
  const web = new Hono<WebEnv>();

  web.get('/admin/orgs', requireUser('staff'), async (c) => {
    const id = c.req.query('id')?.trim() ?? '';
    const actor = c.get('actor');
    const scope = (await staffScopeOf(app, actor)) ?? PROVINCE;
    const [pending, found] = await Promise.all([
      pendingOrganizations(search, actor, scope, 100),
      ID.test(id)
        ? getOrganization(app, id).then(
            (r) => r.state,
            (error: unknown) => {
              if (error instanceof DomainError && error.status === 404) return null;
              throw error;
            },
          )
        : null,
    ]);
    const csrfToken = c.get('csrfToken');
    return page(
      c,
      '机构认证',
      <>
        <h1>机构认证</h1>
        <section class="card">
          <search>
            <form method="get" action="/admin/orgs" class="inline-form">
              <div class="field">
                <label for="org-id">机构编号</label>
                <input
                  type="text"
                  id="org-id"
                  name="id"
                  value={id}
                  placeholder="机构在“我的工作台”看到的编号"
                />
              </div>
              <button type="submit">查找机构</button>
            </form>
          </search>
          {id && !found ? <p class="field-error">没有找到编号为 {id} 的机构</p> : null}
        </section>
        {found ? <OrgCard org={found} csrfToken={csrfToken} /> : null}
        <section class="card" aria-labelledby="pending-orgs">
          <h2 id="pending-orgs">
            待认证机构（{pending.total}）<span class="muted small"> 范围：{scopeName(scope)}</span>
          </h2>
          {pending.total === 0 ? (
            <p class="muted">没有待认证的机构。</p>
          ) : (
            <ul class="listing">
              {pending.hits.map((org) => (
                <li class="spread">
                  <a href={`/admin/orgs?id=${org.id}`}>{org.name}</a>
                  <span class="muted small">
                    {orgKindLabels[org.kind]} · {cityLabel(org.city)} · 注册于{' '}
                    {formatDateTime(org.registeredAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </>,
    );
  });

  web.post('/admin/orgs/:id/verify', requireUser('staff'), (c) => {
    const id = c.req.param('id');
    return runAction(c, () => verifyOrganization(app, requestContext(c), id), {
      to: `/admin/orgs?id=${id}`,
      success: webMessages.orgVerified,
    });
  });

  web.post('/admin/orgs/:id/reinstate', requireUser('staff'), (c) => {
    const id = c.req.param('id');
    return runAction(c, () => reinstateOrganization(app, requestContext(c), id), {
      to: `/admin/orgs?id=${id}`,
      success: webMessages.orgReinstated,
    });
  });

  web.post('/admin/orgs/:id/suspend', requireUser('staff'), async (c) => {
    const id = c.req.param('id');
    const input = toInput(await readForm(c), { reason: 'text' });
    return runAction(c, () => suspendOrganization(app, requestContext(c), id, input), {
      to: `/admin/orgs?id=${id}`,
      success: webMessages.orgSuspended,
    });
  });

  return web;
}
