/**
 * The mail transport (contract §5): SMTP when HUB_SMTP_URL is set; otherwise
 * each mail is an RFC 5322 `.eml` file in the data folder's outbox/, so
 * nothing is lost and an administrator can read them. nodemailer builds the
 * messages in both cases; the Message-ID is the notice's own, so a mail sent
 * twice (a hub killed between sending and recording it) is the same mail.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import type { Mailer, MailMessage } from '../app/mail-outbox.js';
import { renderMail } from './render.js';

export interface MailConfig {
  /** smtp://host:port, smtps://user:pass@host:port; undefined: .eml files. */
  smtpUrl?: string;
  from: string;
  /** Where the .eml files go without SMTP. */
  outboxDir: string;
  publicUrl?: string;
}

export class NodemailerMailer implements Mailer {
  private transport: Promise<Transporter> | null = null;
  private readonly domain = hostname().replace(/[^A-Za-z0-9.-]/g, '') || 'meeting-hub';

  constructor(private readonly cfg: MailConfig) {}

  /** nodemailer is loaded with the first mail: about 6 MB resident a hub that sends none does not need (issue 13). */
  private transportOf(): Promise<Transporter> {
    this.transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      this.cfg.smtpUrl
        ? nodemailer.createTransport(this.cfg.smtpUrl)
        : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }),
    );
    return this.transport;
  }

  get mode(): 'smtp' | 'files' {
    return this.cfg.smtpUrl ? 'smtp' : 'files';
  }

  async send(m: MailMessage): Promise<void> {
    const mail = renderMail(m, this.cfg.publicUrl);
    const messageId = `<notice-${m.notificationId}@${this.domain}>`;
    const info = await (await this.transportOf()).sendMail({
      from: this.cfg.from,
      to: { name: m.to.name, address: m.to.email },
      subject: mail.subject,
      text: mail.text,
      messageId,
      headers: { 'Auto-Submitted': 'auto-generated' },
      ...(mail.calendar ? { icalEvent: { method: mail.calendar.method, content: mail.calendar.content, filename: 'invite.ics' } } : {}),
    });
    if (this.cfg.smtpUrl) return;
    // One file per notice, written whole (a retry rewrites the same file, never a second one).
    await mkdir(this.cfg.outboxDir, { recursive: true });
    const file = join(this.cfg.outboxDir, `notice-${String(m.notificationId).padStart(8, '0')}.eml`);
    await writeFile(`${file}.tmp`, (info as { message: Buffer }).message);
    await rename(`${file}.tmp`, file);
  }

  close(): void {
    void this.transport?.then((t) => t.close(), () => {});
  }
}
