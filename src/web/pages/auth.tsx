import { Hono } from 'hono';
import { registerOrganization } from '../../application/organization-service.js';
import { confirmTotpEnrollment } from '../../application/totp-enrollment.js';
import { changeDuePassword, changePassword } from '../../application/user-service.js';
import { organizationRegistrationSchema } from '../../domain/organization/commands.js';
import { parseInput } from '../../domain/shared/validation.js';
import {
  changePasswordSchema,
  expiredPasswordSchema,
  PASSWORD_RULE,
  totpEnrollmentSchema,
} from '../../domain/user/commands.js';
import { clientIp } from '../../server/client-ip.js';
import { rateLimit } from '../../server/rate-limit.js';
import { attempt } from '../attempt.js';
import {
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  emptyForm,
  type FormState,
  SelectField,
  TextArea,
  TextField,
} from '../components/form.js';
import { PasswordChangeFields } from '../components/password-change-fields.js';
import { acceptedPolicies, PolicyConsent } from '../components/policy-consent.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { errorPage, requireUser } from '../errors.js';
import { readForm, toInput } from '../form-input.js';
import { webMessages } from '../messages.js';
import { cityOptions, orgKindOptions, qualificationOptions } from '../options.js';
import { currentUser, page, redirectWith, requestContext, type WebContext } from '../render.js';
import { safeNext } from '../session/next.js';
import { endSession, startSession } from '../session/session.js';
import {
  DuePasswordPage,
  RecoveryCodesPage,
  type SignInStep,
  signInStep,
  TotpEnrollPage,
  totpSetupOf,
} from './sign-in-steps.js';

const registrationFields = {
  name: '机构名称',
  uscc: '统一社会信用代码',
  kind: '机构类型',
  city: '所在城市',
  'contact.name': '联系人',
  'contact.phone': '联系电话',
  'contact.email': '电子邮箱',
  qualifications: '资质',
  description: '机构简介',
  'admin.username': '管理员用户名',
  'admin.password': '密码',
  passwordConfirm: '确认密码',
  accepted: '隐私政策与用户协议',
};

const registrationSpec = {
  name: 'text',
  uscc: 'text',
  kind: 'text',
  city: 'text',
  'contact.name': 'text',
  'contact.phone': 'text',
  'contact.email': 'text',
  qualifications: 'list',
  description: 'text',
  'admin.username': 'text',
  'admin.password': 'text',
} as const;

/** `askCode`: a staff member with an authenticator gives its code with the password. */
function LoginPage({
  form,
  next,
  csrfToken,
  askCode = null,
}: {
  form: FormState;
  next: string;
  csrfToken: string;
  askCode?: string | null;
}) {
  return (
    <section class="card" style="max-width:460px;margin:0 auto">
      <h1>登录</h1>
      {askCode ? <p class="notice">{askCode}</p> : null}
      <ErrorSummary
        errors={form.errors}
        fields={{ username: '用户名', password: '密码', code: '动态验证码' }}
      />
      <form method="post" action="/login" class="form" novalidate>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="next" value={next} />
        <TextField name="username" label="用户名" form={form} required autocomplete="username" />
        <TextField
          name="password"
          label="密码"
          type="password"
          form={form}
          required
          autocomplete="current-password"
        />
        {askCode || form.values.code !== undefined ? (
          <TextField
            name="code"
            label="动态验证码"
            form={{ values: {}, errors: form.errors }}
            required
            autocomplete="one-time-code"
            hint="身份验证器上的6位数字，或一个恢复码"
          />
        ) : null}
        <button type="submit">登录</button>
      </form>
      <p class="muted small" style="margin-top:12px">
        还没有账号？<a href="/register">注册机构</a>
      </p>
    </section>
  );
}

const passwordFields = {
  currentPassword: '当前密码',
  newPassword: '新密码',
  newPasswordConfirm: '确认新密码',
};

function PasswordPage({ form, csrfToken }: { form: FormState; csrfToken: string }) {
  return (
    <section class="card" style="max-width:460px;margin:0 auto">
      <h1>修改密码</h1>
      <p class="muted">修改后，其他设备和浏览器上的登录将全部失效，本浏览器保持登录。</p>
      <ErrorSummary errors={form.errors} fields={passwordFields} />
      <form method="post" action="/account/password" class="form" novalidate>
        <CsrfField token={csrfToken} />
        <PasswordChangeFields form={form} />
        <button type="submit">修改密码</button>
      </form>
    </section>
  );
}

function RegisterPage({ form, csrfToken }: { form: FormState; csrfToken: string }) {
  return (
    <section class="card">
      <h1>机构注册</h1>
      <p class="muted">
        企业、机关和事业单位注册为需求方，数字化服务商注册为服务商。注册后可立即登录；平台认证机构后才能提交需求或方案。
      </p>
      <ErrorSummary errors={form.errors} fields={registrationFields} />
      <form method="post" action="/register" class="form" novalidate>
        <CsrfField token={csrfToken} />
        <TextField name="name" label="机构名称" form={form} required maxLength={60} />
        <TextField
          name="uscc"
          label="统一社会信用代码"
          form={form}
          required
          maxLength={18}
          hint="18位，营业执照上的代码"
        />
        <div class="pair">
          <SelectField name="kind" label="机构类型" form={form} required options={orgKindOptions} />
          <SelectField name="city" label="所在城市" form={form} required options={cityOptions()} />
        </div>
        <fieldset>
          <legend>联系人</legend>
          <TextField name="contact.name" label="联系人" form={form} required maxLength={30} />
          <div class="pair">
            <TextField name="contact.phone" label="联系电话" type="tel" form={form} required />
            <TextField name="contact.email" label="电子邮箱" type="email" form={form} required />
          </div>
        </fieldset>
        <CheckboxGroup name="qualifications" label="资质" form={form} options={qualificationOptions} />
        <TextArea name="description" label="机构简介" form={form} maxLength={500} rows={4} />
        <fieldset>
          <legend>机构管理员账号</legend>
          <TextField
            name="admin.username"
            label="管理员用户名"
            form={form}
            required
            autocomplete="username"
            hint="3到32位字母、数字、下划线、点或连字符，以字母开头"
          />
          <div class="pair">
            <TextField
              name="admin.password"
              label="密码"
              type="password"
              form={form}
              required
              autocomplete="new-password"
              hint={PASSWORD_RULE}
            />
            <TextField
              name="passwordConfirm"
              label="确认密码"
              type="password"
              form={form}
              required
              autocomplete="new-password"
            />
          </div>
        </fieldset>
        <PolicyConsent form={form} />
        <button type="submit">注册</button>
      </form>
    </section>
  );
}

export function authPages({ http, app }: WebDeps) {
  const web = new Hono<WebEnv>();
  // Password routes draw from a per-IP bucket, like the API's token and registration routes.
  const limiter = rateLimit<WebEnv>({
    perMinute: http.rateLimits.authPerMinute,
    key: (c) => `web:${clientIp(c)}`,
    ...(http.now ? { now: http.now } : {}),
  });
  const limited = async (c: WebContext, next: () => Promise<void>) => {
    const refused = await limiter(c, next);
    // Past the limiter the chain's result is not a Response; only a refusal is.
    if (!(refused instanceof Response)) return;
    const seconds = Number(refused.headers.get('Retry-After') ?? '60');
    return errorPage(c, 429, webMessages.rateLimited(seconds));
  };

  web.get('/login', (c) => {
    const next = safeNext(c.req.query('next'));
    if (c.get('user')) return c.redirect(next === '/' ? '/my' : next, 303);
    return page(c, '登录', <LoginPage form={emptyForm} next={next} csrfToken={c.get('csrfToken')} />);
  });

  web.post('/login', limited, async (c) => {
    const values = await readForm(c);
    const next = safeNext(typeof values.next === 'string' ? values.next : undefined);
    const {
      username = '',
      password = '',
      code,
    } = toInput(values, {
      username: 'text',
      password: 'text',
      code: 'text',
    }) as Record<string, string | undefined>;
    const result = await attempt(
      () =>
        signInStep(app, requestContext(c), {
          username,
          password,
          ...(code ? { code } : {}),
        }),
      { signingIn: true },
    );
    if (!result.ok) {
      // The username stays so that only the password (and code) needs typing again.
      const form = {
        values: { username, ...(code === undefined ? {} : { code: '' }) },
        errors: result.errors,
      };
      return page(c, '登录', <LoginPage form={form} next={next} csrfToken={c.get('csrfToken')} />, 401);
    }
    return nextStep(c, result.value, username, next);
  });

  /** The page a sign-in with the right password leads to: the session, or the step before it. */
  function nextStep(c: WebContext, step: SignInStep, username: string, next: string) {
    const csrfToken = c.get('csrfToken');
    switch (step.step) {
      case 'signed-in': {
        startSession(c, http, step.user.id);
        const landing = next !== '/' ? next : step.user.role === 'staff' ? '/admin' : '/my';
        return redirectWith(c, landing, { tone: 'success', text: webMessages.signedIn(step.user.username) });
      }
      case 'code': {
        const form = { values: { username }, errors: [] };
        return page(
          c,
          '登录',
          <LoginPage form={form} next={next} csrfToken={csrfToken} askCode={step.message} />,
        );
      }
      case 'change-password': {
        const form = { values: { username }, errors: [] };
        const body = <DuePasswordPage form={form} notice={step.message} next={next} csrfToken={csrfToken} />;
        return page(c, '请修改密码', body);
      }
      case 'enroll': {
        const body = (
          <TotpEnrollPage
            username={username}
            setup={step.setup}
            form={emptyForm}
            next={next}
            csrfToken={csrfToken}
          />
        );
        return page(c, '绑定身份验证器', body);
      }
    }
  }

  web.get('/login/password', (c) => {
    const next = safeNext(c.req.query('next'));
    const form = { values: { username: c.req.query('username') ?? '' }, errors: [] };
    return page(
      c,
      '请修改密码',
      <DuePasswordPage form={form} notice={null} next={next} csrfToken={c.get('csrfToken')} />,
    );
  });

  // 请修改密码, then on with the sign-in under the new password (to the authenticator for staff without one).
  web.post('/login/password', limited, async (c) => {
    const values = await readForm(c);
    const next = safeNext(typeof values.next === 'string' ? values.next : undefined);
    const input = toInput(values, { username: 'text', currentPassword: 'text', newPassword: 'text' });
    const mismatch =
      values.newPassword && values.newPassword !== values.newPasswordConfirm
        ? [{ path: 'newPasswordConfirm', message: '两次输入的新密码不一致' }]
        : [];
    const username = typeof input.username === 'string' ? input.username : '';
    const result = await attempt(
      async () => {
        await changeDuePassword(app, requestContext(c), input);
        return signInStep(app, requestContext(c), { username, password: String(input.newPassword) });
      },
      {
        own: { errors: mismatch, validate: () => parseInput(expiredPasswordSchema, input) },
        signingIn: true,
      },
    );
    if (!result.ok) {
      // Password fields never echo what was typed.
      const form = { values: { username }, errors: result.errors };
      const body = <DuePasswordPage form={form} notice={null} next={next} csrfToken={c.get('csrfToken')} />;
      return page(c, '请修改密码', body, 422);
    }
    return nextStep(c, result.value, username, next);
  });

  web.post('/login/totp', limited, async (c) => {
    const values = await readForm(c);
    const next = safeNext(typeof values.next === 'string' ? values.next : undefined);
    const input = toInput(values, { username: 'text', password: 'text', secret: 'text', code: 'text' });
    const result = await attempt(() => confirmTotpEnrollment(app, requestContext(c), input), {
      signingIn: true,
    });
    const username = typeof input.username === 'string' ? input.username : '';
    if (!result.ok) {
      const secret = typeof input.secret === 'string' ? input.secret : '';
      const parsed = totpEnrollmentSchema.shape.secret.safeParse(secret);
      if (!parsed.success) return c.redirect('/login', 303);
      const setup = totpSetupOf(username, secret);
      const form = { values: {}, errors: result.errors };
      const body = (
        <TotpEnrollPage
          username={username}
          setup={setup}
          form={form}
          next={next}
          csrfToken={c.get('csrfToken')}
        />
      );
      return page(c, '绑定身份验证器', body, 422);
    }
    startSession(c, http, result.value.user.id);
    const landing = next !== '/' ? next : '/admin';
    return page(
      c,
      '身份验证器已绑定',
      <RecoveryCodesPage codes={result.value.recoveryCodes} next={landing} />,
    );
  });

  web.post('/logout', async (c) => {
    await endSession(c, http);
    return redirectWith(c, '/', { tone: 'info', text: webMessages.signedOut });
  });

  web.get('/account/password', requireUser(), (c) =>
    page(c, '修改密码', <PasswordPage form={emptyForm} csrfToken={c.get('csrfToken')} />),
  );

  // The change revokes every session of the user, this one included: this browser gets a new one.
  web.post('/account/password', requireUser(), limited, async (c) => {
    const values = await readForm(c);
    const input = toInput(values, { currentPassword: 'text', newPassword: 'text' });
    const mismatch =
      values.newPassword && values.newPassword !== values.newPasswordConfirm
        ? [{ path: 'newPasswordConfirm', message: '两次输入的新密码不一致' }]
        : [];
    const result = await attempt(() => changePassword(app, requestContext(c), input), {
      own: { errors: mismatch, validate: () => parseInput(changePasswordSchema, input) },
    });
    if (!result.ok) {
      // Password fields never echo what was typed.
      const form = { values: {}, errors: result.errors };
      return page(c, '修改密码', <PasswordPage form={form} csrfToken={c.get('csrfToken')} />, 422);
    }
    http.actors.forget(result.value.id);
    startSession(c, http, result.value.id);
    const home = currentUser(c).role === 'staff' ? '/admin' : '/my';
    return redirectWith(c, home, { tone: 'success', text: webMessages.passwordChanged });
  });

  web.get('/register', (c) =>
    page(c, '机构注册', <RegisterPage form={emptyForm} csrfToken={c.get('csrfToken')} />),
  );

  web.post('/register', limited, async (c) => {
    const values = await readForm(c);
    const input = {
      ...toInput(values, registrationSpec, ['contact', 'admin']),
      accepted: acceptedPolicies(values),
    };
    const mismatch =
      values['admin.password'] && values['admin.password'] !== values.passwordConfirm
        ? [{ path: 'passwordConfirm', message: '两次输入的密码不一致' }]
        : [];
    const result = await attempt(() => registerOrganization(app, requestContext(c), input), {
      own: { errors: mismatch, validate: () => parseInput(organizationRegistrationSchema, input) },
    });
    if (!result.ok) {
      // Password fields never echo what was typed.
      const form = { values, errors: result.errors };
      return page(c, '机构注册', <RegisterPage form={form} csrfToken={c.get('csrfToken')} />, 422);
    }
    startSession(c, http, result.value.user.id);
    return redirectWith(c, '/my', { tone: 'success', text: webMessages.registered });
  });

  return web;
}
