import { Hono } from 'hono';
import type { WebEnv } from '../../env.js';
import { page } from '../../render.js';
import { siteOf } from '../../site.js';

/** 联系我们: the operator's address, telephone, mail and hours, as the deployment configured them. */
export function contactPage() {
  const web = new Hono<WebEnv>();
  web.get('/contact', (c) => {
    const site = siteOf(c);
    return page(
      c,
      '联系我们',
      <section class="card">
        <h1>联系我们</h1>
        <p>对平台使用、需求发布、方案对接或个人信息保护有疑问，欢迎与平台运营单位联系。</p>
        <dl class="facts">
          <dt>主办单位</dt>
          <dd>{site.sponsor}</dd>
          <dt>承办单位</dt>
          <dd>{site.operator}</dd>
          <dt>联系地址</dt>
          <dd>{site.contact.address}</dd>
          <dt>联系电话</dt>
          <dd>{site.contact.phone}</dd>
          <dt>电子邮箱</dt>
          <dd>
            <a href={`mailto:${site.contact.email}`}>{site.contact.email}</a>
          </dd>
          <dt>服务时间</dt>
          <dd>{site.contact.hours}</dd>
        </dl>
      </section>,
    );
  });
  return web;
}
