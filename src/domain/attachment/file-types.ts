/** The kinds of file a listing may carry, recognised by their content (src/attachments/sniff.ts). */
export type AttachmentType = 'pdf' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'png' | 'jpeg';

export interface AttachmentTypeInfo {
  /** What the list shows, in the words a user knows the file by. */
  label: string;
  /** The Content-Type it is served with: the sniffed type, never what the client claimed. */
  mediaType: string;
  /** The endings its name may have; the first is the one to suggest. */
  extensions: readonly string[];
}

export const ATTACHMENT_TYPES: Readonly<Record<AttachmentType, AttachmentTypeInfo>> = {
  pdf: { label: 'PDF 文档', mediaType: 'application/pdf', extensions: ['pdf'] },
  doc: { label: 'Word 文档', mediaType: 'application/msword', extensions: ['doc'] },
  docx: {
    label: 'Word 文档',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xls: { label: 'Excel 表格', mediaType: 'application/vnd.ms-excel', extensions: ['xls'] },
  xlsx: {
    label: 'Excel 表格',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  png: { label: 'PNG 图片', mediaType: 'image/png', extensions: ['png'] },
  jpeg: { label: 'JPEG 图片', mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
};

/** The lowercase ending of a file name ("报告.PDF" → "pdf"), or '' when it has none. */
export function extensionOf(name: string): string {
  return name.match(/\.([A-Za-z0-9]+)$/)?.[1]?.toLowerCase() ?? '';
}
