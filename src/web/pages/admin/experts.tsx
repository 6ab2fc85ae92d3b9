import { Hono } from 'hono';
import type { ErrorStatus } from '../../../application/errors/classify.js';
import { addExpertAccount } from '../../../application/expert-service.js';
import { attempt } from '../../attempt.js';
import { CheckboxGroup, emptyForm, type FormState, TextField } from '../../components/form.js';
import type { WebDeps } from '../../deps.js';
import type { WebEnv } from '../../env.js';
import { requireUser } from '../../errors.js';
import { readForm, toInput } from '../../form-input.js';
import { technologyOptions } from '../../options.js';
import { page, redirectWith, requestContext, type WebContext } from '../../render.js';
import { NewAccountForm, newAccountFields, newAccountInput, userCardPath } from './new-account.js';

const expertFields = {
  ...newAccountFields,
  technologies: '专业领域',
  affiliation: '所属机构',
};

/**
 * 新增评审专家: a 系统管理员 (province or city) creates an evaluation expert's account. The service decides
 * who may; the page only offers the form. 所属机构 is the 机构编号 shown on the organization's card in
 * 机构认证: the service checks it names a registered organization.
 */
export function expertPages({ app }: WebDeps) {
  const web = new Hono<WebEnv>();

  /** A refused form answers with the refusal's status: 422 for what was typed, 403 for who typed it. */
  const expertPage = (c: WebContext, form: FormState, status: 200 | ErrorStatus = 200) =>
    page(
      c,
      '新增评审专家',
      <>
        <h1>新增评审专家</h1>
        <NewAccountForm
          action="/admin/experts"
          form={form}
          fields={expertFields}
          csrfToken={c.get('csrfToken')}
        >
          <CheckboxGroup
            name="technologies"
            label={expertFields.technologies}
            form={form}
            required
            options={technologyOptions}
            hint="至少1项，最多8项"
          />
          <TextField
            name="affiliation"
            label={expertFields.affiliation}
            form={form}
            hint="可不填；填写“机构认证”中该机构卡片上的机构编号。专家不评审本机构服务商的申请"
          />
        </NewAccountForm>
      </>,
      status,
    );

  web.get('/admin/experts', requireUser('staff'), (c) => expertPage(c, emptyForm));

  web.post('/admin/experts', requireUser('staff'), async (c) => {
    const values = await readForm(c);
    const input = toInput(values, { ...newAccountInput, technologies: 'list', affiliation: 'text' });
    const created = await attempt(() => addExpertAccount(app, requestContext(c), input));
    if (!created.ok) return expertPage(c, { values, errors: created.errors }, created.status);
    const { username } = created.value.state;
    return redirectWith(c, userCardPath(username), {
      tone: 'success',
      text: `评审专家账号“${username}”已创建`,
    });
  });

  return web;
}
