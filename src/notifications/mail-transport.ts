/** One mail as the dispatcher hands it to the transport: UTF-8 text and HTML, with its own Message-ID. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<…@host>`, derived from what the mail is about: a resend after a crash carries the same one. */
  messageId: string;
  headers: Record<string, string>;
}

/** The port mail leaves through; `mail-smtp.ts` is the SMTP adapter. */
export interface MailTransport {
  /** Resolves once the server accepted the message. Throws MailRefused when it never will. */
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** The server refused the message for good (a 5xx: no such mailbox, …): sending it again will not help. */
export class MailRefused extends Error {
  override name = 'MailRefused';
}
