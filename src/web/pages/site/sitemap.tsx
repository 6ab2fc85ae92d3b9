import { Hono } from 'hono';
import type { WebEnv } from '../../env.js';
import { page } from '../../render.js';
import { SITE_MAP } from '../../site-map.js';

/** 网站地图: every public page, grouped as in src/web/site-map.ts. */
export function sitemapPage() {
  const web = new Hono<WebEnv>();
  web.get('/sitemap', (c) =>
    page(
      c,
      '网站地图',
      <>
        <h1>网站地图</h1>
        <div class="grid sitemap">
          {SITE_MAP.map((section) => (
            <section class="card" aria-labelledby={`sitemap-${section.title}`}>
              <h2 id={`sitemap-${section.title}`}>{section.title}</h2>
              <ul>
                {section.pages.map((item) => (
                  <li>
                    <a href={item.href}>{item.label}</a>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </>,
    ),
  );
  return web;
}
