import type { Contact } from '../domain/shared/fields.js';
import type { RenderedList } from '../export/list-export.js';
import { type ExportColumn, exportSheet, renderWorkbook } from '../export/table-export.js';
import type { SearchIndex } from '../search/port.js';
import type { AppDeps, RequestContext } from './deps.js';
import { type MyData, myData } from './my-data.js';
import { recordExport } from './security-log.js';
import { securityLogTime } from './security-log-export.js';

interface Line {
  group: string;
  item: string;
  value: string;
}

const columns: ExportColumn<Line>[] = [
  { header: '类别', width: 16, cell: (l) => l.group },
  { header: '项目', width: 24, cell: (l) => l.item },
  { header: '内容', width: 80, cell: (l) => l.value },
];

const time = (at: string | null) => (at ? securityLogTime(at) : '');
const contactText = (contact: Contact | null) =>
  contact ? [contact.name, contact.phone, contact.email].filter(Boolean).join('，') : '';

/** 我的数据 as one sheet of (类别, 项目, 内容) lines: what the JSON holds, in words, one fact a line. */
function lines(data: MyData): Line[] {
  const { account, organization: org, notificationSettings: settings } = data;
  const out: Line[] = [
    { group: '账号', item: '用户名', value: account.username },
    { group: '账号', item: '角色', value: account.role },
    { group: '账号', item: '状态', value: account.status },
    { group: '账号', item: '创建时间', value: time(account.createdAt) },
  ];
  if (account.name) out.push({ group: '账号', item: '姓名', value: account.name });
  if (org) {
    out.push(
      { group: '机构', item: '机构名称', value: org.name },
      { group: '机构', item: '统一社会信用代码', value: org.uscc },
      { group: '机构', item: '所在城市', value: org.city },
      { group: '机构', item: '状态', value: org.status },
      { group: '机构', item: '联系人', value: contactText(org.contact) },
      { group: '机构', item: '机构简介', value: org.description },
      { group: '机构', item: '注册时间', value: time(org.registeredAt) },
    );
  }
  for (const need of data.needContacts) {
    out.push({ group: '需求联系人', item: need.title, value: contactText(need.contact) });
  }
  out.push(
    { group: '通知设置', item: '本人通知邮箱', value: settings.email ?? '' },
    { group: '通知设置', item: '邮件发往', value: settings.sendsTo ?? '' },
  );
  if (data.consents) {
    const { accepted, at } = data.consents;
    out.push(
      { group: '同意记录', item: '隐私政策', value: `版本 ${accepted.privacyPolicy}，${time(at)}` },
      { group: '同意记录', item: '用户协议', value: `版本 ${accepted.userAgreement}，${time(at)}` },
    );
  }
  out.push(
    { group: '保存期限', item: '保存期限', value: data.policy.notice },
    { group: '保存期限', item: '个人信息保护联系人', value: data.policy.privacyContact },
  );
  return out;
}

/** GET /api/v1/me/data?format=xlsx and the page's download. */
export function myDataWorkbook(data: MyData, now: Date): Promise<RenderedList> {
  const day = securityLogTime(now.toISOString()).slice(0, 10);
  const rows = lines(data);
  return renderWorkbook(`我的数据-${data.account.username}-${day}`, [exportSheet('我的数据', columns, rows)]);
}

/** The workbook of the asker's own data; handing it out is recorded like every export. */
export async function exportMyData(
  deps: AppDeps,
  search: SearchIndex,
  ctx: RequestContext,
  privacyContact: string | undefined,
): Promise<RenderedList> {
  const file = await myDataWorkbook(await myData(deps, search, ctx, privacyContact), deps.clock());
  await recordExport(deps, ctx, file.filename);
  return file;
}
