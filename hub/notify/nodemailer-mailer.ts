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
import nodemailer, { type Transporter } from 'nodemailer';
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
  private readonly transport: Transporter;
  private readonly domain = hostname().replace(/[^A-Za-z0-9.-]/g, '') || 'meeting-hub';

  constructor(private readonly cfg: MailConfig) {
    this.transport = cfg.smtpUrl
      ? nodemailer.createTransport(cfg.smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  get mode(): 'smtp' | 'files' {
    return this.cfg.smtpUrl ? 'smtp' : 'files';
  }

  async send(m: MailMessage): Promise<void> {
    const mail = renderMail(m, this.cfg.publicUrl);
    const messageId = `<notice-${m.notificationId}@${this.domain}>`;
    const info = await this.transport.sendMail({
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
    this.transport.close();
  }
}
