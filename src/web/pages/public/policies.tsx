import { Hono } from 'hono';
import {
  DEFAULT_PRIVACY_CONTACT,
  type PolicyKind,
  policies,
} from '../../../application/policies/policies.js';
import { dataPolicy } from '../../../application/policies/retention.js';
import type { WebDeps } from '../../deps.js';
import type { WebEnv } from '../../env.js';
import { page } from '../../render.js';

/** 隐私政策 (/privacy) and 用户协议 (/terms): the versions registration asks to accept. */
export function policyPages({ app, http }: WebDeps) {
  const web = new Hono<WebEnv>();
  const contact = http.privacyContact ?? DEFAULT_PRIVACY_CONTACT;
  // The configured period stands beside the versioned text, which changes only with a new version.
  const retention = dataPolicy(app, http.privacyContact);
  const show = (kind: PolicyKind) => {
    const { text } = policies[kind];
    return (
      <article class="card prose">
        <h1>{text.title}</h1>
        <p class="muted">
          版本 {text.version} · 生效日期 {text.effectiveDate}
        </p>
        {text.sections(contact).map((section) => (
          <section>
            <h2>{section.heading}</h2>
            {section.paragraphs.map((paragraph) => (
              <p>{paragraph}</p>
            ))}
          </section>
        ))}
        {kind === 'privacyPolicy' ? (
          <section>
            <h2>本平台的保存期限</h2>
            <p>{retention.notice}</p>
            <p>
              查阅、复制、更正您的个人信息或注销账号：登录后进入<a href="/me/data">我的数据</a>。
            </p>
          </section>
        ) : null}
      </article>
    );
  };
  web.get(policies.privacyPolicy.url, (c) =>
    page(c, policies.privacyPolicy.text.title, show('privacyPolicy')),
  );
  web.get(policies.userAgreement.url, (c) =>
    page(c, policies.userAgreement.text.title, show('userAgreement')),
  );
  return web;
}
