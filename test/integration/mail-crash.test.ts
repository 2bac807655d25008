/**
 * Contract §5: a hub killed while mail is waiting in its outbox delivers it
 * after it restarts, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/hub-fixture.js';
import { type HubProcess, startHubProcess } from '../support/hub-process.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';

const MIN = 60_000;

describe('mail survives a killed hub', () => {
  let smtp: TestSmtp;
  let hub: HubProcess;
  beforeAll(async () => {
    smtp = await startSmtp(await freePort());
    // The mailer does not run before the kill: the mail is surely still in the outbox then.
    hub = await startHubProcess({ provider: 'sqlite', env: { HUB_SMTP_URL: smtp.url, HUB_MAIL_INTERVAL: '1h', HUB_SWEEP_INTERVAL: '1h' } });
  });
  afterAll(async () => {
    await hub?.stop();
    await smtp.stop();
  });

  it('sends what was waiting after a SIGKILL, once to each recipient', async () => {
    const ALL_WEEK = [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }];
    expect((await hub.api('POST', '/api/rooms', { id: 'mailroom', name: 'Mail room', capacity: 5, openingHours: ALL_WEEK })).status).toBe(201);
    for (const [id, email] of [['ana', 'ana@example.test'], ['bo', 'bo@example.test']]) {
      expect((await hub.api('POST', '/api/users', { id, username: id, name: id, email })).status).toBe(201);
    }
    const start = Date.now() + 4 * 60 * MIN;
    const booked = await hub.api('POST', '/api/bookings', { room: 'mailroom', title: 'Survives', start: new Date(start).toISOString(), end: new Date(start + 30 * MIN).toISOString(), headcount: 2, host: 'ana', attendees: ['bo'] });
    expect(booked.status).toBe(201);
    await hub.kill('SIGKILL');
    expect(smtp.received).toHaveLength(0);
    // Start-up runs a scheduler pass, which delivers the outbox.
    await hub.restart({ HUB_MAIL_INTERVAL: '200ms' });
    const deadline = Date.now() + 10_000;
    while (smtp.received.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1500)); // several more mail passes: nothing more may come
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['ana@example.test', 'bo@example.test']);
    expect(smtp.received.every((m) => m.parsed.subject?.includes('Survives'))).toBe(true);
  });
});
