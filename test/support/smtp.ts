/** A real SMTP server on loopback (the `smtp-server` package) that keeps what it receives, parsed. */
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  parsed: ParsedMail;
  raw: string;
  /** The text/calendar part, if any. */
  calendar: string | null;
}

export interface TestSmtp {
  port: number;
  url: string;
  received: ReceivedMail[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSmtp(port: number): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let server: SMTPServer | null = null;
  const t: TestSmtp = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', async () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            const parsed = await simpleParser(raw);
            const cal = parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
            const alt = /Content-Type: text\/calendar[\s\S]*?\r?\n\r?\n([\s\S]*?)\r?\n--/i.exec(raw)?.[1];
            received.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed, raw, calendar: cal ? cal.content.toString('utf8') : alt ? decode(alt, raw) : null });
            callback();
          });
        },
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, '127.0.0.1', () => resolve());
      });
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((r) => s.close(() => r()));
    },
  };
  await t.start();
  return t;
}

/** The calendar alternative's body, undone from its transfer encoding. */
function decode(body: string, raw: string): string {
  const base64 = /Content-Type: text\/calendar[\s\S]*?Content-Transfer-Encoding: base64/i.test(raw);
  return base64 ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}
