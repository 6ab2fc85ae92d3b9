import type { SiteIdentity } from '../../server/site-identity.js';
import { webMessages } from '../messages.js';

/** The MIIT's ICP filing site, where a visitor checks the number. */
export const ICP_FILING_SITE = 'https://beian.miit.gov.cn/';

/**
 * The 党政机关网站标识, drawn here (a red seal-like badge with the words) rather than fetched from the
 * issuer's site: pages load nothing from elsewhere, and the Content-Security-Policy would refuse it.
 */
function GovernmentSiteMark() {
  return (
    <svg
      class="gov-mark"
      viewBox="0 0 48 48"
      width="48"
      height="48"
      role="img"
      aria-label="党政机关网站标识"
      data-testid="gov-mark"
    >
      <rect x="1" y="1" width="46" height="46" rx="8" fill="#c8102e" />
      <rect x="5" y="5" width="38" height="38" rx="5" fill="none" stroke="#fff" stroke-width="1.5" />
      <text x="24" y="22" fill="#fff" font-size="12" font-weight="700" text-anchor="middle">
        党政
      </text>
      <text x="24" y="37" fill="#fff" font-size="12" font-weight="700" text-anchor="middle">
        机关
      </text>
    </svg>
  );
}

/** A government website's footer: who runs it, its identifiers and filing numbers, and the site's own pages. */
export function SiteFooter({ site }: { site: SiteIdentity }) {
  return (
    <footer class="site-footer" data-testid="site-footer">
      <div class="footer-inner">
        <nav class="footer-links" aria-label="页脚导航">
          <a href="/contact">联系我们</a>
          <a href="/sitemap">网站地图</a>
          <a href="/privacy">隐私政策</a>
          <a href="/terms">用户协议</a>
        </nav>
        <div class="footer-identity">
          <GovernmentSiteMark />
          <div>
            <p>
              <span>主办单位：{site.sponsor}</span>
              <span>承办单位：{site.operator}</span>
            </p>
            <p>
              <span>网站标识码：{site.siteCode}</span>
              <span>
                ICP备案号：
                <a href={ICP_FILING_SITE} rel="noopener noreferrer">
                  {site.icp}
                </a>
              </span>
              <span>公安机关备案号：{site.psb}</span>
            </p>
            <p>{webMessages.footer}</p>
          </div>
        </div>
      </div>
    </footer>
  );
}
