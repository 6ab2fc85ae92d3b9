import type { AppDeps, RequestContext } from '../../application/deps.js';
import { otpauthUri } from '../../application/totp.js';
import { startTotpEnrollment, TOTP_ISSUER, type TotpSetup } from '../../application/totp-enrollment.js';
import { type AuthenticatedUser, authenticate } from '../../application/user-service.js';
import { DomainError } from '../../domain/shared/errors.js';
import { CsrfField, ErrorSummary, type FormState, TextField } from '../components/form.js';
import { PasswordChangeFields } from '../components/password-change-fields.js';

/** Where a sign-in with the right password goes next (user-service.ts `authenticate`). */
export type SignInStep =
  | { step: 'signed-in'; user: AuthenticatedUser }
  | { step: 'change-password'; message: string }
  | { step: 'enroll'; setup: TotpSetup }
  | { step: 'code'; message: string };

/**
 * Signs in, turning the refusals that name a next step into that step; every other refusal (wrong
 * password, lock, wrong code) propagates to the form as before.
 */
export async function signInStep(
  app: AppDeps,
  ctx: RequestContext,
  credentials: { username: string; password: string; code?: string },
): Promise<SignInStep> {
  const { username, password, code } = credentials;
  try {
    return { step: 'signed-in', user: await authenticate(app, username, password, ctx, code) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'auth.password_expired' || error.code === 'auth.initial_password') {
      return { step: 'change-password', message: error.message };
    }
    if (error.code === 'auth.second_factor_required') return { step: 'code', message: error.message };
    if (error.code === 'auth.second_factor_enrollment_required') {
      return { step: 'enroll', setup: await startTotpEnrollment(app, ctx, { username, password }) };
    }
    throw error;
  }
}

export const duePasswordFields = {
  username: '用户名',
  currentPassword: '当前密码',
  newPassword: '新密码',
  newPasswordConfirm: '确认新密码',
};

/** 请修改密码: the user has no session yet, so the form names the account and its current password. */
export function DuePasswordPage({
  form,
  notice,
  next,
  csrfToken,
}: {
  form: FormState;
  notice: string | null;
  next: string;
  csrfToken: string;
}) {
  return (
    <section class="card" style="max-width:460px;margin:0 auto">
      <h1>请修改密码</h1>
      {notice ? <p class="notice">{notice}</p> : null}
      <ErrorSummary errors={form.errors} fields={duePasswordFields} />
      <form method="post" action="/login/password" class="form" novalidate>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="next" value={next} />
        <TextField name="username" label="用户名" form={form} required autocomplete="username" />
        <PasswordChangeFields form={form} />
        <button type="submit">修改密码并登录</button>
      </form>
    </section>
  );
}

/** The setup shown again when the code was wrong: the same secret, so the authenticator need not change. */
export function totpSetupOf(username: string, secret: string): TotpSetup {
  return { secret, otpauthUri: otpauthUri(TOTP_ISSUER, username, secret) };
}

export const enrollFields = { password: '密码', code: '动态验证码' };

/**
 * The secret in text and as an otpauth:// address: authenticator apps take either, typed or pasted, so
 * the page needs no QR code library.
 */
export function TotpEnrollPage({
  username,
  setup,
  form,
  next,
  csrfToken,
}: {
  username: string;
  setup: TotpSetup;
  form: FormState;
  next: string;
  csrfToken: string;
}) {
  return (
    <section class="card" style="max-width:560px;margin:0 auto">
      <h1>绑定身份验证器</h1>
      <p>
        平台工作人员登录须使用身份验证器（如 Microsoft Authenticator、Google
        身份验证器、FreeOTP）生成的动态验证码。
        请在身份验证器中选择“手动输入密钥”，填写下面的密钥（基于时间，6位数字，30秒），或导入下面的地址。
      </p>
      <dl>
        <dt>账号</dt>
        <dd>{username}</dd>
        <dt>密钥</dt>
        <dd>
          <code id="totp-secret">{setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
        </dd>
        <dt>导入地址</dt>
        <dd>
          <code id="totp-uri" style="word-break:break-all">
            {setup.otpauthUri}
          </code>
        </dd>
      </dl>
      <ErrorSummary errors={form.errors} fields={enrollFields} />
      <form method="post" action="/login/totp" class="form" novalidate>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="next" value={next} />
        <input type="hidden" name="username" value={username} />
        <input type="hidden" name="secret" value={setup.secret} />
        <TextField
          name="password"
          label="密码"
          type="password"
          form={form}
          required
          autocomplete="current-password"
          hint="再次输入登录密码，确认是您本人"
        />
        <TextField
          name="code"
          label="动态验证码"
          form={form}
          required
          autocomplete="one-time-code"
          hint="身份验证器上当前显示的6位数字"
        />
        <button type="submit">绑定并登录</button>
      </form>
    </section>
  );
}

/** Shown once: only the hashes are stored. */
export function RecoveryCodesPage({ codes, next }: { codes: string[]; next: string }) {
  return (
    <section class="card" style="max-width:560px;margin:0 auto">
      <h1>身份验证器已绑定</h1>
      <p>
        请抄写或打印下面10个恢复码并妥善保管。手机丢失或无法使用身份验证器时，每个恢复码可代替动态验证码登录一次。
        恢复码只显示这一次。
      </p>
      <ol class="recovery-codes">
        {codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <a class="button" href={next}>
          我已保存恢复码，继续
        </a>
      </p>
    </section>
  );
}
