import { Hono } from 'hono';
import {
  emailChoiceLabels,
  notificationTypeLabels,
  notificationTypes,
} from '../../notifications/settings-messages.js';
import {
  changeNotificationSettings,
  getNotificationSettings,
  type NotificationSettingsView,
  readUnsubscribeLink,
  stopEmailsByLink,
} from '../../notifications/settings-service.js';
import { attempt } from '../attempt.js';
import { CsrfField, ErrorSummary, type FormState, fieldId, TextField } from '../components/form.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { page, redirectWith, requestContext } from '../render.js';

const text = {
  title: '通知设置',
  choicesLegend: '每类通知的邮件',
  kindColumn: '通知',
  saved: '通知设置已保存',
  intro:
    '站内通知总会送到“我的通知”。下面选择每类通知是否同时发邮件：立即、每日汇总（次日早 8 点一封），或不发送。',
  emailHint: (orgEmail: string | null) =>
    orgEmail ? `留空则使用机构联系邮箱 ${orgEmail}` : '您不属于任何机构，填写邮箱后才会收到邮件',
  sendsTo: (to: string | null) => (to ? `邮件发往：${to}` : '目前没有可用的邮箱，不会发送邮件。'),
  unsubscribeTitle: '退订通知邮件',
  unsubscribeAsk: '确认后，将不再收到以下几类通知的邮件（站内通知照常）：',
  unsubscribeButton: '确认退订',
  unsubscribed: '已退订。以后不再收到以下几类通知的邮件：',
  changeLater: '如需恢复，请登录后在“通知设置”中修改。',
};

const choiceOptions = Object.entries(emailChoiceLabels).map(([value, label]) => ({ value, label }));

/** Row headers read as plain text beside the radios, not as the blue column headers of a data table. */
const rowHeader = 'white-space:normal;background:none;color:inherit;font-weight:400';
const radioCell = 'text-align:center;vertical-align:middle;padding:8px 4px';
/** The table is the group's frame on a phone's narrow card: no second border and padding around it. */
const bareFieldset = 'border:0;padding:0;margin:0;min-width:0';

/**
 * One row per kind of notification and one radio per way of mailing it: the whole choice fits on a phone
 * screen or two, where a drop-down per kind made a page of twenty selects whose values could not be seen
 * side by side.
 */
function ChoiceTable({ form }: { form: FormState }) {
  return (
    <fieldset class="field" style={bareFieldset}>
      <legend>{text.choicesLegend}</legend>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{text.kindColumn}</th>
              {choiceOptions.map((choice) => (
                <th scope="col" style="text-align:center;padding:8px 4px">
                  {choice.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {notificationTypes.map((type) => {
              const name = `choices.${type}`;
              const label = notificationTypeLabels[type];
              return (
                <tr id={fieldId(name)} data-testid="choice">
                  <th scope="row" style={rowHeader}>
                    {label}
                  </th>
                  {choiceOptions.map((choice) => (
                    <td style={radioCell}>
                      <input
                        type="radio"
                        name={name}
                        value={choice.value}
                        checked={form.values[name] === choice.value}
                        aria-label={`${label}：${choice.label}`}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

const fieldLabels = {
  email: '接收邮箱',
  ...Object.fromEntries(notificationTypes.map((type) => [`choices.${type}`, notificationTypeLabels[type]])),
};

function formOf(settings: NotificationSettingsView): FormState {
  return {
    values: {
      email: settings.email ?? '',
      ...Object.fromEntries(notificationTypes.map((type) => [`choices.${type}`, settings.choices[type]])),
    },
    errors: [],
  };
}

function SettingsPage(props: { form: FormState; settings: NotificationSettingsView; csrfToken: string }) {
  const { form, settings } = props;
  return (
    <section class="card" style="max-width:640px;margin:0 auto">
      <h1>{text.title}</h1>
      <p class="muted">{text.intro}</p>
      <p data-testid="sends-to">{text.sendsTo(settings.sendsTo)}</p>
      <ErrorSummary errors={form.errors} fields={fieldLabels} />
      <form method="post" action="/me/notification-settings" class="form" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          name="email"
          label="接收邮箱"
          type="email"
          form={form}
          maxLength={254}
          autocomplete="email"
          hint={text.emailHint(settings.orgEmail)}
        />
        <ChoiceTable form={form} />
        <button type="submit">保存</button>
      </form>
    </section>
  );
}

const labelsOf = (types: string[]) =>
  types.map((type) => notificationTypeLabels[type as keyof typeof notificationTypeLabels] ?? type);

/**
 * `/me/notification-settings` (通知设置): where mail goes and how each kind is sent. `/unsubscribe`: the
 * page a mail's unsubscribe link opens, which works without signing in; it asks for one click, so that a
 * mail scanner following the link stops nothing.
 */
export function notificationSettingsPages(deps: WebDeps) {
  const { app } = deps;
  const { unsubscribe } = deps.http;
  const web = new Hono<WebEnv>();

  web.get('/me/notification-settings', requireUser(), async (c) => {
    const settings = await getNotificationSettings(app, c.get('actor'));
    return page(
      c,
      text.title,
      <SettingsPage form={formOf(settings)} settings={settings} csrfToken={c.get('csrfToken')} />,
    );
  });

  web.post('/me/notification-settings', requireUser(), async (c) => {
    const body = await c.req.parseBody();
    const choices: Record<string, string> = {};
    for (const type of notificationTypes) {
      const value = body[`choices.${type}`];
      if (typeof value === 'string' && value !== '') choices[type] = value;
    }
    const email = typeof body.email === 'string' ? body.email : '';
    const result = await attempt(() =>
      changeNotificationSettings(app, requestContext(c), { email, choices }),
    );
    if (result.ok) return redirectWith(c, '/me/notification-settings', { tone: 'success', text: text.saved });
    const settings = await getNotificationSettings(app, c.get('actor'));
    const values = {
      email,
      ...Object.fromEntries(Object.entries(choices).map(([k, v]) => [`choices.${k}`, v])),
    };
    return page(
      c,
      text.title,
      <SettingsPage
        form={{ values, errors: result.errors }}
        settings={settings}
        csrfToken={c.get('csrfToken')}
      />,
      result.status,
    );
  });

  web.get('/unsubscribe', (c) => {
    const token = c.req.query('token') ?? '';
    const link = readUnsubscribeLink(unsubscribe, token);
    return page(
      c,
      text.unsubscribeTitle,
      <section class="card" style="max-width:560px;margin:0 auto">
        <h1>{text.unsubscribeTitle}</h1>
        <p>{text.unsubscribeAsk}</p>
        <ul>
          {labelsOf(link.types).map((label) => (
            <li>{label}</li>
          ))}
        </ul>
        <form method="post" action="/unsubscribe">
          <CsrfField token={c.get('csrfToken')} />
          <input type="hidden" name="token" value={token} />
          <button type="submit">{text.unsubscribeButton}</button>
        </form>
      </section>,
    );
  });

  web.post('/unsubscribe', async (c) => {
    const body = await c.req.parseBody();
    const token = typeof body.token === 'string' ? body.token : '';
    const { types } = await stopEmailsByLink(app, requestContext(c), unsubscribe, token);
    return page(
      c,
      text.unsubscribeTitle,
      <section class="card" style="max-width:560px;margin:0 auto">
        <h1>{text.unsubscribeTitle}</h1>
        <p data-testid="unsubscribed">{text.unsubscribed}</p>
        <ul>
          {labelsOf(types).map((label) => (
            <li>{label}</li>
          ))}
        </ul>
        <p class="muted">{text.changeLater}</p>
      </section>,
    );
  });

  return web;
}
