/**
 * Who runs the site, as a government website states it in its footer (国办发〔2017〕47号): the sponsoring and
 * the operating body, the 网站标识码, the ICP and 公安机关 filing numbers, and how to reach the operator. The
 * deployment sets them (`YUNSUPEI_SITE_*`, README "Configuration"); the defaults read as a demonstration.
 */
export interface SiteIdentity {
  /** 主办单位. */
  sponsor: string;
  /** 承办单位. */
  operator: string;
  /** 网站标识码, issued with the 党政机关网站标识. */
  siteCode: string;
  /** ICP备案号, linked to the MIIT filing site. */
  icp: string;
  /** 公安机关备案号. */
  psb: string;
  contact: { address: string; phone: string; email: string; hours: string };
}

export const DEMO_SITE_IDENTITY: SiteIdentity = {
  sponsor: '某省大数据局（演示）',
  operator: '某省大数据中心（演示）',
  siteCode: '演示站点，未分配',
  icp: '演示站点，未备案',
  psb: '演示站点，未备案',
  contact: {
    address: '某省某市某区数据大道 1 号（演示地址）',
    phone: '0000-00000000（演示号码）',
    email: 'service@example.com',
    hours: '工作日 9:00—17:00',
  },
};

/** The `YUNSUPEI_SITE_*` settings as config.ts parses them: each one left out keeps its demonstration text. */
export interface SiteIdentitySettings {
  YUNSUPEI_SITE_SPONSOR?: string | undefined;
  YUNSUPEI_SITE_OPERATOR?: string | undefined;
  YUNSUPEI_SITE_CODE?: string | undefined;
  YUNSUPEI_SITE_ICP?: string | undefined;
  YUNSUPEI_SITE_PSB?: string | undefined;
  YUNSUPEI_SITE_CONTACT_ADDRESS?: string | undefined;
  YUNSUPEI_SITE_CONTACT_PHONE?: string | undefined;
  YUNSUPEI_SITE_CONTACT_EMAIL?: string | undefined;
  YUNSUPEI_SITE_CONTACT_HOURS?: string | undefined;
}

export function siteIdentityFrom(settings: SiteIdentitySettings): SiteIdentity {
  const demo = DEMO_SITE_IDENTITY;
  return {
    sponsor: settings.YUNSUPEI_SITE_SPONSOR ?? demo.sponsor,
    operator: settings.YUNSUPEI_SITE_OPERATOR ?? demo.operator,
    siteCode: settings.YUNSUPEI_SITE_CODE ?? demo.siteCode,
    icp: settings.YUNSUPEI_SITE_ICP ?? demo.icp,
    psb: settings.YUNSUPEI_SITE_PSB ?? demo.psb,
    contact: {
      address: settings.YUNSUPEI_SITE_CONTACT_ADDRESS ?? demo.contact.address,
      phone: settings.YUNSUPEI_SITE_CONTACT_PHONE ?? demo.contact.phone,
      email: settings.YUNSUPEI_SITE_CONTACT_EMAIL ?? demo.contact.email,
      hours: settings.YUNSUPEI_SITE_CONTACT_HOURS ?? demo.contact.hours,
    },
  };
}
