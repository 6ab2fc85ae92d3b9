import type { Child } from 'hono/jsx';
import { CsrfField, ErrorSummary, type FormState, TextField } from '../../components/form.js';
import type { FormSpec } from '../../form-input.js';

/** The fields every account staff create starts with; the page adds what its kind of account needs. */
export const newAccountFields = { username: '用户名', password: '初始密码', name: '姓名' };

/** How the form's common fields become the command's input. */
export const newAccountInput = {
  username: 'text',
  password: 'text',
  name: 'text',
} as const satisfies FormSpec;

/** 用户名, 初始密码 (never echoed back into a refused form) and 姓名. */
function NewAccountFields({ form }: { form: FormState }) {
  return (
    <>
      <TextField name="username" label={newAccountFields.username} form={form} required maxLength={32} />
      <TextField
        name="password"
        label={newAccountFields.password}
        type="password"
        form={{ ...form, values: {} }}
        required
        hint="本人首次登录时须修改"
      />
      <TextField name="name" label={newAccountFields.name} form={form} required maxLength={30} />
    </>
  );
}

/**
 * A new account's form: what was refused, the common fields, then the fields of its kind (`children`).
 * `fields` names every field of the form, for the refusals.
 */
export function NewAccountForm(props: {
  action: string;
  form: FormState;
  fields: Record<string, string>;
  csrfToken: string;
  children: Child;
}) {
  return (
    <section class="card">
      <ErrorSummary errors={props.form.errors} fields={props.fields} />
      <form method="post" action={props.action} class="form" novalidate>
        <CsrfField token={props.csrfToken} />
        <NewAccountFields form={props.form} />
        {props.children}
        <button type="submit">创建账号</button>
      </form>
    </section>
  );
}

/** Where an account's card is shown: 用户管理 found by username. */
export const userCardPath = (username: string) => `/admin/users?username=${encodeURIComponent(username)}`;
