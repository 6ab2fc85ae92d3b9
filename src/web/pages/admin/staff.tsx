import { Hono } from 'hono';
import type { ErrorStatus } from '../../../application/errors/classify.js';
import { addStaffAccount, changeStaffDuties } from '../../../application/user-service.js';
import { DUTIES, dutyLabels } from '../../../domain/shared/duties.js';
import { PROVINCE } from '../../../domain/shared/scope.js';
import { runAction } from '../../actions.js';
import { attempt } from '../../attempt.js';
import {
  CheckboxGroup,
  CsrfField,
  emptyForm,
  type FormState,
  type Option,
  SelectField,
} from '../../components/form.js';
import type { WebDeps } from '../../deps.js';
import type { WebEnv } from '../../env.js';
import { requireUser } from '../../errors.js';
import { readForm, toInput } from '../../form-input.js';
import { cityOptions } from '../../options.js';
import { page, redirectWith, requestContext, type WebContext } from '../../render.js';
import { NewAccountForm, newAccountFields, newAccountInput, userCardPath } from './new-account.js';

const dutyOptions: Option[] = DUTIES.map((duty) => ({ value: duty, label: dutyLabels[duty] }));

const DUTY_HINT = '系统管理员与审计管理员不能由同一账号兼任';

const staffFields = {
  ...newAccountFields,
  scope: '范围',
  duties: '职责',
};

/** The duty checkboxes of an existing staff account: the whole set is sent, as PUT replaces it. */
export function DutiesForm(props: { userId: string; username: string; form: FormState; csrfToken: string }) {
  return (
    <form method="post" action={`/admin/staff/${props.userId}/duties`} class="form" novalidate>
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="username" value={props.username} />
      <CheckboxGroup name="duties" label="职责" form={props.form} options={dutyOptions} hint={DUTY_HINT} />
      <button type="submit">保存职责</button>
    </form>
  );
}

/**
 * 新增工作人员: a province 系统管理员 creates a staff account for the province or one city, with its duties
 * (三员分立). The service decides who may; the page only offers the form.
 */
export function staffPages({ app }: WebDeps) {
  const web = new Hono<WebEnv>();

  /** A refused form answers with the refusal's status: 422 for what was typed, 403 for who typed it. */
  const staffPage = (c: WebContext, form: FormState, status: 200 | ErrorStatus = 200) =>
    page(
      c,
      '新增工作人员',
      <>
        <h1>新增工作人员</h1>
        <NewAccountForm action="/admin/staff" form={form} fields={staffFields} csrfToken={c.get('csrfToken')}>
          <SelectField
            name="scope"
            label={staffFields.scope}
            form={form}
            required
            options={[{ value: PROVINCE, label: '全省' }, ...cityOptions()]}
          />
          <CheckboxGroup
            name="duties"
            label={staffFields.duties}
            form={form}
            required
            options={dutyOptions}
            hint={DUTY_HINT}
          />
        </NewAccountForm>
      </>,
      status,
    );

  // A new account is 业务人员 unless the 系统管理员 chooses otherwise.
  web.get('/admin/staff', requireUser('staff'), (c) =>
    staffPage(c, { ...emptyForm, values: { duties: ['business'] } }),
  );

  web.post('/admin/staff', requireUser('staff'), async (c) => {
    const values = await readForm(c);
    const input = toInput(values, { ...newAccountInput, scope: 'text', duties: 'list' });
    const created = await attempt(() => addStaffAccount(app, requestContext(c), input));
    if (!created.ok) return staffPage(c, { values, errors: created.errors }, created.status);
    return redirectWith(c, userCardPath(created.value.state.username), {
      tone: 'success',
      text: '工作人员账号已创建',
    });
  });

  web.post('/admin/staff/:id/duties', requireUser('staff'), async (c) => {
    const values = await readForm(c);
    const input = toInput(values, { duties: 'list' });
    const username = typeof values.username === 'string' ? values.username : '';
    return runAction(c, () => changeStaffDuties(app, requestContext(c), c.req.param('id'), input), {
      to: username ? userCardPath(username) : '/admin/users',
      success: '职责已保存',
    });
  });

  return web;
}
