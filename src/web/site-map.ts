/** One page of the site as the navigation and the 网站地图 list it. */
export interface SitePage {
  href: string;
  label: string;
}

export interface SiteSection {
  title: string;
  pages: SitePage[];
}

/** The public columns, in the order of the main navigation. */
export const PUBLIC_COLUMNS: SitePage[] = [
  { href: '/', label: '首页' },
  { href: '/needs', label: '场景需求' },
  { href: '/solutions', label: '解决方案' },
  { href: '/vendors', label: '服务商库' },
  { href: '/campaigns', label: '征集清单' },
  { href: '/cases', label: '典型案例' },
  { href: '/rankings', label: '城市打榜' },
];

/**
 * 网站地图: every page a visitor reaches without signing in, grouped. test/web/site-conventions.test.ts checks
 * that each link answers and that no public page the routes serve is missing here.
 */
export const SITE_MAP: SiteSection[] = [
  { title: '平台栏目', pages: PUBLIC_COLUMNS },
  {
    title: '机构服务',
    pages: [
      { href: '/register', label: '机构注册' },
      { href: '/login', label: '登录' },
    ],
  },
  {
    title: '关于本站',
    pages: [
      { href: '/contact', label: '联系我们' },
      { href: '/sitemap', label: '网站地图' },
      { href: '/privacy', label: '隐私政策' },
      { href: '/terms', label: '用户协议' },
    ],
  },
];
