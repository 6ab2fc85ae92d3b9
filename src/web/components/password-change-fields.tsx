import { PASSWORD_RULE } from '../../domain/user/commands.js';
import { type FormState, TextField } from './form.js';

/** The current password, a new one under the rule, and the new one again: every form that changes a password. */
export function PasswordChangeFields({ form }: { form: FormState }) {
  return (
    <>
      <TextField
        name="currentPassword"
        label="当前密码"
        type="password"
        form={form}
        required
        autocomplete="current-password"
      />
      <TextField
        name="newPassword"
        label="新密码"
        type="password"
        form={form}
        required
        autocomplete="new-password"
        hint={PASSWORD_RULE}
      />
      <TextField
        name="newPasswordConfirm"
        label="确认新密码"
        type="password"
        form={form}
        required
        autocomplete="new-password"
      />
    </>
  );
}
