import { type FormState, TextField } from '../../components/form.js';

/** The fields every account staff create starts with; the page adds what its kind of account needs. */
export const newAccountFields = { username: '用户名', password: '初始密码', name: '姓名' };

/** 用户名, 初始密码 (never echoed back into a refused form) and 姓名. */
export function NewAccountFields({ form }: { form: FormState }) {
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

/** Where an account's card is shown: 用户管理 found by username. */
export const userCardPath = (username: string) => `/admin/users?username=${encodeURIComponent(username)}`;
