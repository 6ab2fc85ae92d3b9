import { DomainError, ForbiddenError } from '../shared/errors.js';
import { ATTACHMENT_TYPES, type AttachmentType } from './file-types.js';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_NAME_LENGTH, MAX_ATTACHMENTS_PER_LISTING } from './limits.js';
import type { ListingKind } from './state.js';

const listingLabels: Record<ListingKind, string> = { need: '需求', solution: '方案' };

/** "1.5 MB", "320 KB": sizes as a person reads them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const ALLOWED = 'PDF、Word、Excel 文件或 PNG、JPEG 图片';

/** What a user reads about a file on the upload form (field `file`). */
export const attachmentFieldMessages = {
  missing: '请选择要上传的文件',
  nameTooLong: `文件名不能超过${MAX_ATTACHMENT_NAME_LENGTH}个字，请改短后再上传`,
  nameNotText: '文件名不能含有控制字符或无效字符，请改名后再上传',
  empty: (name: string) => `文件“${name}”是空的，请选择有内容的文件`,
  tooLarge: (name: string, size: number) =>
    `文件“${name}”有 ${formatBytes(size)}，每个附件不能超过 ${formatBytes(MAX_ATTACHMENT_BYTES)}`,
  wrongType: (name: string) => `文件“${name}”不是${ALLOWED}（按文件内容识别），不能上传`,
  wrongExtension: (name: string, type: AttachmentType) =>
    `文件“${name}”的内容是${ATTACHMENT_TYPES[type].label}，扩展名应为 .${ATTACHMENT_TYPES[type].extensions[0]}，请改名后再上传`,
  infected: (name: string) => `文件“${name}”未通过安全检查，不能上传`,
} as const;

export const attachmentRules = { allowed: ALLOWED, maxBytes: formatBytes(MAX_ATTACHMENT_BYTES) } as const;

/** The refusals that are not about the file itself, worded for the listing's kind. */
export const attachmentError = {
  notOwner: (kind: ListingKind) =>
    new ForbiddenError('attachment.not_owner', `只有发布该${listingLabels[kind]}的机构可以上传或删除附件`),
  notEditable: (kind: ListingKind) =>
    new DomainError(
      'attachment.listing_not_editable',
      `${listingLabels[kind]}已提交审核或已发布，附件只能在草稿或被退回修改时上传或删除`,
      409,
    ),
  tooMany: (kind: ListingKind) =>
    new DomainError(
      'attachment.too_many',
      `每个${listingLabels[kind]}最多 ${MAX_ATTACHMENTS_PER_LISTING} 个附件，请先删除不需要的附件`,
      409,
    ),
  duplicate: (name: string) =>
    new DomainError('attachment.duplicate', `同样的文件已作为“${name}”上传过了`, 409),
  notFound: (id: string) =>
    new DomainError('attachment.not_found', '未找到该附件，可能已被删除', 404, { id }),
} as const;
