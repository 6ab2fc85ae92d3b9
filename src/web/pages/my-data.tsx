import { Hono } from 'hono';
import { cancelAccount } from '../../application/account-cancellation.js';
import { type MyData, myData } from '../../application/my-data.js';
import { exportMyData } from '../../application/my-data-export.js';
import { updateOrganizationProfile } from '../../application/organization-service.js';
import { contentDisposition } from '../../export/list-export.js';
import { attempt } from '../attempt.js';
import { CsrfField, ErrorSummary, emptyForm, type FormState, TextField } from '../components/form.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { readForm, toInput } from '../form-input.js';
import { contactLine, formatDateTime } from '../format.js';
import { roleLabels, statusLabel } from '../labels.js';
import { page, redirectWith, requestContext } from '../render.js';
import { endSession } from '../session/session.js';

const text = {
  title: '我的数据',
  intro: '以下是平台保存的您本人及所在机构的个人信息。您可以下载副本、更正有误的信息，或注销账号。',
  contactSaved: '机构联系人已更正',
  cancelled: '账号已注销，您的个人信息已无法读取',
  cancelWarning:
    '注销后账号不能再登录，且不可恢复；您的个人信息立即无法读取，页面显示为“已注销”。如果您是机构最后一个正常使用的账号，机构将一并注销，其需求与方案不再参与匹配。',
  staffCancel: '平台工作人员的账号不能自行注销，请联系系统管理员删除账号。',
};

const contactFields = { 'contact.name': '联系人', 'contact.phone': '联系电话', 'contact.email': '电子邮箱' };
const cancelFields = { confirm: '用户名', password: '密码' };

interface Forms {
  contact: FormState;
  cancel: FormState;
}

/**
 * `/me/data` (我的数据, PIPL 查阅、复制、更正、注销): what the platform holds about the signed-in user, as JSON
 * or Excel downloads, the organization's contact corrected in place (the notification email on 通知设置),
 * and 注销账号. The same application functions as `GET /api/v1/me/data` and `POST /api/v1/me/cancel`.
 */
export function myDataPages({ app, http }: WebDeps) {
  const web = new Hono<WebEnv>();
  const read = (c: Parameters<typeof requestContext>[0]) =>
    myData(app, http.search, requestContext(c), http.privacyContact);
  const show = async (c: Parameters<typeof requestContext>[0], forms: Forms, status?: 422 | 403 | 409) => {
    const data = await read(c);
    const values = forms.contact.values;
    const contact = Object.keys(values).length > 0 ? forms.contact : contactForm(data);
    const body = <MyDataPage data={data} forms={{ ...forms, contact }} csrfToken={c.get('csrfToken')} />;
    return page(c, text.title, body, status);
  };

  web.get('/me/data', requireUser(), (c) => show(c, { contact: emptyForm, cancel: emptyForm }));

  web.get('/me/data.json', requireUser(), async (c) => {
    const data = await read(c);
    return c.body(JSON.stringify(data, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': contentDisposition(`我的数据-${data.account.username}.json`),
      'Cache-Control': 'no-store',
    });
  });

  web.get('/me/data.xlsx', requireUser(), async (c) => {
    const file = await exportMyData(app, http.search, requestContext(c), http.privacyContact);
    return c.body(new Uint8Array(file.body), 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': contentDisposition(file.filename),
      'Cache-Control': 'no-store',
    });
  });

  web.post('/me/data/contact', requireUser('demander', 'vendor'), async (c) => {
    const values = await readForm(c);
    const input = toInput(
      values,
      { 'contact.name': 'text', 'contact.phone': 'text', 'contact.email': 'text' },
      ['contact'],
    );
    const orgId = c.get('actor').orgId ?? '';
    const result = await attempt(() => updateOrganizationProfile(app, requestContext(c), orgId, input));
    if (result.ok) return redirectWith(c, '/me/data', { tone: 'success', text: text.contactSaved });
    return show(c, { contact: { values, errors: result.errors }, cancel: emptyForm }, 422);
  });

  web.post('/me/cancel', requireUser(), async (c) => {
    const values = await readForm(c);
    const input = toInput(values, { confirm: 'text', password: 'text' });
    const result = await attempt(() => cancelAccount(app, requestContext(c), input));
    if (!result.ok) {
      // The password is never echoed back.
      const cancel = { values: { confirm: values.confirm }, errors: result.errors };
      return show(c, { contact: emptyForm, cancel }, result.status === 403 ? 403 : 422);
    }
    http.actors.forget(result.value.userId);
    await endSession(c, http);
    return redirectWith(c, '/', { tone: 'success', text: text.cancelled });
  });
  return web;
}

function contactForm(data: MyData): FormState {
  const contact = data.organization?.contact;
  return contact
    ? {
        values: {
          'contact.name': contact.name,
          'contact.phone': contact.phone,
          'contact.email': contact.email,
        },
        errors: [],
      }
    : emptyForm;
}

function MyDataPage({ data, forms, csrfToken }: { data: MyData; forms: Forms; csrfToken: string }) {
  const { account, organization: org, notificationSettings: settings, policy } = data;
  return (
    <>
      <h1>{text.title}</h1>
      <p>{text.intro}</p>
      <p class="actions">
        <a class="button" href="/me/data.json" download>
          下载 JSON
        </a>
        <a class="button" href="/me/data.xlsx" download>
          下载 Excel
        </a>
      </p>
      <section class="card" aria-labelledby="my-account">
        <h2 id="my-account">账号</h2>
        <dl class="facts">
          <dt>用户名</dt>
          <dd>{account.username}</dd>
          <dt>角色</dt>
          <dd>{roleLabels[account.role] ?? account.role}</dd>
          {account.name ? (
            <>
              <dt>姓名</dt>
              <dd>{account.name}</dd>
            </>
          ) : null}
          <dt>创建时间</dt>
          <dd>{formatDateTime(account.createdAt)}</dd>
          <dt>通知邮箱</dt>
          <dd>
            {settings.email ?? '未设置（使用机构联系邮箱）'} ·{' '}
            <a href="/me/notification-settings">更正通知邮箱</a>
          </dd>
        </dl>
      </section>
      {org ? (
        <section class="card" aria-labelledby="my-org">
          <h2 id="my-org">所在机构</h2>
          <dl class="facts">
            <dt>机构名称</dt>
            <dd>{org.name}</dd>
            <dt>统一社会信用代码</dt>
            <dd>{org.uscc}</dd>
            <dt>状态</dt>
            <dd>{statusLabel('organization', org.status)}</dd>
            <dt>机构联系人</dt>
            <dd>{org.contact ? contactLine(org.contact) : '—'}</dd>
            <dt>注册时间</dt>
            <dd>{formatDateTime(org.registeredAt)}</dd>
            <dt>同意的政策</dt>
            <dd>
              {data.consents
                ? `《隐私政策》${data.consents.accepted.privacyPolicy}版、《用户协议》${data.consents.accepted.userAgreement}版，${formatDateTime(data.consents.at)}`
                : '注册时尚未要求同意'}
            </dd>
          </dl>
          <h3>更正机构联系人</h3>
          <ErrorSummary errors={forms.contact.errors} fields={contactFields} />
          <form method="post" action="/me/data/contact" class="form" novalidate>
            <CsrfField token={csrfToken} />
            <TextField name="contact.name" label="联系人" form={forms.contact} required maxLength={30} />
            <TextField name="contact.phone" label="联系电话" type="tel" form={forms.contact} required />
            <TextField name="contact.email" label="电子邮箱" type="email" form={forms.contact} required />
            <button type="submit">保存更正</button>
          </form>
        </section>
      ) : null}
      {data.needContacts.length > 0 ? (
        <section class="card" aria-labelledby="my-needs">
          <h2 id="my-needs">需求上的联系人</h2>
          <p class="muted">需求的联系人在需求编辑页更正（草稿或被退回时可编辑）。</p>
          <ul>
            {data.needContacts.map((need) => (
              <li>
                <a href={`/needs/${need.needId}`}>{need.title}</a>：
                {need.contact ? contactLine(need.contact) : '—'}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="card" aria-labelledby="my-retention">
        <h2 id="my-retention">保存期限与个人信息保护联系人</h2>
        <p>{policy.notice}</p>
        <p>{policy.privacyContact}</p>
      </section>
      <section class="card" aria-labelledby="my-cancel">
        <h2 id="my-cancel">注销账号</h2>
        {account.role === 'staff' ? (
          <p>{text.staffCancel}</p>
        ) : (
          <>
            <p>{text.cancelWarning}</p>
            <ErrorSummary errors={forms.cancel.errors} fields={cancelFields} />
            <form method="post" action="/me/cancel" class="form" novalidate>
              <CsrfField token={csrfToken} />
              <TextField
                name="confirm"
                label="请输入您的用户名以确认"
                form={forms.cancel}
                required
                autocomplete="off"
              />
              <TextField
                name="password"
                label="密码"
                type="password"
                form={forms.cancel}
                required
                autocomplete="current-password"
              />
              <button type="submit" class="danger">
                注销账号
              </button>
            </form>
          </>
        )}
      </section>
    </>
  );
}
