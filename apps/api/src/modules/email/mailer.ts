import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../../logger.js';

export interface OutgoingMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface Mailer {
  send(message: OutgoingMessage): Promise<{ messageId: string; where: string }>;
  close(): void;
}

/**
 * SMTP_URL → a real SMTP server; without it (the embedded default) every message is written as an
 * .eml file into `<data>/mail/` and the log says where: still a successful send.
 */
export function createMailer(smtpUrl: string | undefined, dataDir: string, log: Logger): Mailer {
  if (smtpUrl) {
    const transport: Transporter = nodemailer.createTransport(smtpUrl);
    return {
      async send(message) {
        const info = await transport.sendMail(message);
        return { messageId: info.messageId, where: 'smtp' };
      },
      close: () => transport.close(),
    };
  }
  const folder = path.join(dataDir, 'mail');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail(message);
      fs.mkdirSync(folder, { recursive: true });
      const file = path.join(folder, `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`);
      fs.writeFileSync(file, info.message as Buffer);
      log.info({ file, to: message.to, subject: message.subject }, 'e-mail written to a file (set SMTP_URL to send it)');
      return { messageId: info.messageId, where: file };
    },
    close: () => undefined,
  };
}
