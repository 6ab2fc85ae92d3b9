import type { AttachmentDownload } from '../application/attachment-service.js';
import { ATTACHMENT_TYPES } from '../domain/attachment/file-types.js';

/** RFC 5987 `value-chars`: what encodeURIComponent leaves alone, less the few it keeps that 5987 does not. */
const encode5987 = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `attachment` with the name twice: `filename*` in UTF-8 (RFC 6266/5987) for every current browser, and an
 * ASCII stand-in for old clients, with anything that could end or bend the quoted string replaced.
 */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encode5987(name)}`;
}

/**
 * A stored file as a download, for the API and the pages alike. Never shown inline: always a download,
 * typed by what its bytes are (not what the uploader claimed), with sniffing off and, should a browser
 * render it anyway, a sandbox that runs nothing and reaches nothing (the security headers middleware
 * sets the same policy on every response that is not a page).
 */
export function attachmentResponse({ attachment, bytes }: AttachmentDownload): Response {
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: {
      'Content-Type': ATTACHMENT_TYPES[attachment.type].mediaType,
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': contentDisposition(attachment.name),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Cache-Control': 'private, no-cache',
    },
  });
}
