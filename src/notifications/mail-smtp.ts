import nodemailer from 'nodemailer';
import { MailRefused, type MailTransport } from './mail-transport.js';

/**
 * Mail through an SMTP server (`YUNSUPEI_SMTP_URL`, e.g. smtps://user:pass@smtp.example.cn:465), over a
 * small pool of connections so that a burst of a thousand mails does not open a thousand sessions.
 */
export function smtpTransport(url: string, from: string): MailTransport {
  const pool = new URL(url);
  if (!pool.searchParams.has('pool')) pool.searchParams.set('pool', 'true');
  if (!pool.searchParams.has('maxConnections')) pool.searchParams.set('maxConnections', '4');
  const pooled = nodemailer.createTransport(pool.toString(), { from });
  return {
    async send(message) {
      try {
        await pooled.sendMail({
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          headers: message.headers,
          textEncoding: 'base64',
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500) throw new MailRefused((error as Error).message);
        throw error;
      }
    },
    async close() {
      pooled.close();
    },
  };
}
