/**
 * The door panel end to end in headless Chromium: a real hub, the built panel
 * served by it, MQTT over WebSocket, simulated readers. Screenshots of every
 * state go to test-output/panel/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimReader } from '../../firmware-sim/reader.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { chromiumAvailable, launchChromium, screenshotPath } from '../support/browser.js';
import { book, MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';

describe.skipIf(!chromiumAvailable)('door panel in Chromium', () => {
  let t: TestHub;
  let site: Site;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const status = () => page.locator('.screen').getAttribute('data-status');
  const waitStatus = (s: string, timeout = 5000) =>
    page.waitForSelector(`.screen[data-status="${s}"]`, { timeout }).then(() => undefined);
  const shot = (name: string) => page.screenshot({ path: screenshotPath(name) });

  beforeAll(async () => {
    t = await startTestHub('sqlite', {}, { pinPorts: true });
    site = await provisionRoom(t);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows a clear "not set up" screen without credentials (not a spinner)', async () => {
    const fresh = await browser.newPage();
    await fresh.goto(`http://127.0.0.1:${t.hub.httpPort}/panel/`);
    await fresh.waitForSelector('panel-setup');
    expect(await fresh.locator('panel-setup h1').textContent()).toContain('此面板尚未配置');
    await fresh.screenshot({ path: screenshotPath('not-provisioned') });
    await fresh.close();
  });

  it('opens provisioned from the provisioning link and keeps the credentials', async () => {
    expect(site.panel.provisioningUrl).toMatch(/\/panel\/#device=alpha-panel&token=/);
    await page.goto(site.panel.provisioningUrl!);
    await waitStatus('free');
    expect(page.url()).not.toContain('token='); // the token left the address bar
    expect(await page.locator('room-status .status').textContent()).toBe('空闲');
    expect(await page.locator('room-status .room').textContent()).toBe('Room alpha');
    await shot('free-1280x800');
    // A later visit to the plain address just works.
    await page.goto(`http://127.0.0.1:${t.hub.httpPort}/panel/`);
    await waitStatus('free');
  });

  it('looks right on 800x480 and in portrait: status and buttons on screen, nothing cut off', async () => {
    for (const [w, h] of [[800, 480], [800, 1280], [480, 800]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await waitStatus('free');
      const box = await page.locator('room-status .status').boundingBox();
      const button = await page.locator('panel-actions [data-minutes="30"]').boundingBox();
      expect(box && box.y + box.height <= h).toBe(true);
      expect(button && button.y + button.height <= h && button.x + button.width <= w).toBe(true);
      expect(button!.height).toBeGreaterThanOrEqual(48); // thumb-sized
      await shot(`free-${w}x${h}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('a walk-up booking turns the room in_use', async () => {
    await page.locator('panel-actions [data-minutes="30"]').click();
    await waitStatus('in_use');
    const bookings = (await t.api('GET', `/api/bookings?room=${site.room}`)).body as { type: string; status: string }[];
    expect(bookings.some((b) => b.type === 'adhoc' && b.status === 'checked_in')).toBe(true);
    await shot('in_use');
    // Ending asks first (issue 10): "keep it" changes nothing, "end" ends.
    await page.locator('panel-actions [data-action="end"]').click();
    await page.locator('panel-confirm [role="alertdialog"]').waitFor();
    expect(await page.locator('panel-confirm h2').textContent()).toBe('现在结束会议？');
    await shot('end-confirm');
    await page.locator('panel-confirm [data-action="keep"]').click();
    await page.locator('panel-confirm [role="alertdialog"]').waitFor({ state: 'detached' });
    expect(await status()).toBe('in_use');
    await page.locator('panel-actions [data-action="end"]').click();
    await page.locator('panel-confirm [data-action="confirm"]').click();
    await waitStatus('free');
  });

  it('walk-up lengths are limited to the free time before the next booking', async () => {
    await book(t, site, 40, 30); // next meeting in 40 minutes
    await waitFor(async () => (await page.locator('panel-actions [data-minutes="60"]').isDisabled()) || null, { what: '60 disabled' });
    expect(await page.locator('panel-actions [data-minutes="30"]').isEnabled()).toBe(true);
    expect(await page.locator('panel-actions [data-minutes="60"]').isDisabled()).toBe(true);
    expect(await page.locator('room-status .next').textContent()).toContain('Weekly review');
  });

  it('counts down to the check-in deadline and shows who signed in with their badge', async () => {
    t.clock.advance(35 * MIN); // the 40-minute booking's window is open
    await t.hub.tick();
    await waitStatus('awaiting_checkin');
    expect(await page.locator('room-status .countdown').textContent()).toMatch(/请在 1[45]分\d+秒 内签到/); // a duration, not a clock
    await shot('awaiting_checkin');
    const reader = await SimReader.connect({ url: t.mqttUrl, deviceId: site.reader.id, token: site.reader.token });
    // A card nobody holds: said on the panel, with where to go.
    await reader.tap('0BADCAFE', new Date(t.clock.now()));
    await page.waitForSelector('panel-toast .message:has-text("无法识别此卡")');
    expect(await page.locator('panel-toast .detail').textContent()).toBe('请联系行政部门');
    await shot('badge-unknown');
    await reader.tap(site.guestBadge, new Date(t.clock.now()));
    await page.waitForSelector('panel-toast .toast');
    expect(await page.locator('panel-toast .message').textContent()).toContain('Zhang Min');
    expect(await page.locator('panel-toast .detail').textContent()).toBe('准时');
    await waitStatus('in_use');
    await shot('badge-signed-in');
    await reader.close();
  });

  it('a fault report reaches the hub', async () => {
    await page.locator('panel-actions [data-action="report_fault"]').click();
    await page.locator('fault-dialog [data-equipment="projector"]').click();
    await page.locator('fault-dialog textarea').fill('投影仪无信号 / no HDMI signal');
    await shot('fault-dialog');
    await page.locator('fault-dialog [data-action="send"]').click();
    await page.waitForSelector('panel-toast .message:has-text("已通知行政部门")');
    const faults = (await t.api('GET', `/api/faults?room=${site.room}`)).body as { equipment: string; description: string; reportedBy: string }[];
    expect(faults).toHaveLength(1);
    expect(faults[0]).toMatchObject({ equipment: 'projector', description: '投影仪无信号 / no HDMI signal', reportedBy: `device:${site.panel.id}` });
    // The open fault shows on the panel (contract §6), in the door's words.
    await page.waitForSelector('room-status .faults li[data-fault="projector"]');
    expect(await page.locator('room-status .faults li').textContent()).toBe('投影仪：已报修');
  });

  it('shows seats and equipment, and the day\'s timeline with a pending after-hours request', async () => {
    expect(await page.locator('room-status .facts').textContent()).toBe('10 座 · 投影仪 · 白板');
    const member = await t.api('POST', '/api/session', { username: site.host.id, password: 'host-pass-1' }, null);
    const start = new Date(Date.parse('2026-12-01T18:30:00Z')).toISOString();
    const late = await t.api('POST', '/api/bookings', { room: site.room, title: '季度复盘', start, end: '2026-12-01T19:30:00Z', headcount: 4 }, member.body.token);
    expect(late.status).toBe(202); // after hours: waits for approval (R15)
    await page.waitForSelector(`day-timeline li.pending[data-booking="${late.body.id}"]`);
    expect(await page.locator(`day-timeline li[data-booking="${late.body.id}"]`).textContent()).toContain('待审批');
    expect(await page.locator('day-timeline li').count()).toBeGreaterThanOrEqual(2);
    await page.evaluate(() => ((document.querySelector('meeting-panel') as unknown as { toast: unknown }).toast = null)); // the fault toast, gone
    await page.locator('panel-toast .toast').waitFor({ state: 'detached' });
    await shot('timeline-pending');
    // No policy ids on screen, whatever the state.
    expect(await page.evaluate(() => document.querySelector('meeting-panel')!.shadowRoot!.textContent)).not.toMatch(/\([RMGC]\d+\)/);
  });

  it('switches between Chinese and English', async () => {
    await page.locator('[data-action="language"]').click();
    expect(await page.locator('room-status .status').textContent()).toBe('In use');
    expect(await page.locator('room-status .facts').textContent()).toBe('10 seats · Projector · Whiteboard');
    await shot('in_use-english');
    await page.locator('[data-action="language"]').click();
    expect(await page.locator('room-status .status').textContent()).toBe('使用中');
  });

  it('shows offline with the age of its state when the hub stops, and is current again within a second of its return', async () => {
    await t.hub.stop();
    await page.waitForSelector('connection-banner .bar', { timeout: 5000 });
    expect(await page.locator('connection-banner .bar').textContent()).toContain('离线');
    expect(await status()).toBe('in_use'); // keeps showing the last state
    await shot('offline');
    await t.startAgain(); // same database, same ports
    const back = performance.now();
    await page.waitForSelector('connection-banner .bar', { state: 'detached', timeout: 5000 });
    await waitStatus('in_use');
    const recoveredMs = performance.now() - back;
    console.log(`panel current again ${recoveredMs.toFixed(0)} ms after the hub came back`);
    expect(recoveredMs).toBeLessThan(1500);
  });

  it('shows the closed state dimmed outside opening hours, and out of service', async () => {
    await page.locator('panel-actions [data-action="end"]').click();
    await page.locator('panel-confirm [data-action="confirm"]').click();
    await waitStatus('free');
    t.clock.set('2026-12-01T19:00:00Z'); // after 18:00
    await t.hub.tick();
    await waitStatus('closed');
    expect(await page.locator('.screen.closed').count()).toBe(1);
    expect(await page.locator('panel-actions [data-minutes="15"]').count()).toBe(0); // no walk-up when closed
    await shot('closed');
    expect((await t.api('PATCH', `/api/rooms/${site.room}`, { outOfService: true })).status).toBe(200);
    await waitStatus('out_of_service');
    await shot('out_of_service');
  });

  it('a room open around the clock says so, and a next meeting on another day names the day', async () => {
    expect((await t.api('PATCH', `/api/rooms/${site.room}`, { outOfService: false, openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }] })).status).toBe(200);
    await waitStatus('free');
    await page.waitForSelector('room-status [part="free-until"]:has-text("全天 24 小时开放")');
    await shot('open-all-hours');
    const friday = await t.api('POST', '/api/bookings', { room: site.room, title: 'Design review', start: '2026-12-04T10:00:00Z', end: '2026-12-04T11:00:00Z', headcount: 3 });
    expect(friday.status).toBe(201);
    await page.waitForSelector('room-status .next:has-text("星期五")');
    expect(await page.locator('room-status [part="free-until"]').textContent()).toContain('空闲至 星期五 10:00');
    await page.locator('[data-action="language"]').click();
    expect((await page.locator('room-status .next').textContent())?.trim()).toBe('Next: Design review · Friday 10:00–11:00');
    await shot('next-another-day-english');
    await page.locator('[data-action="language"]').click();
  });

  it('a revoked panel shows that it must be provisioned again', async () => {
    expect((await t.api('DELETE', `/api/devices/${site.panel.id}`)).status).toBe(200);
    await page.reload();
    await page.waitForSelector('panel-setup[reason="rejected"]', { timeout: 5000 });
    expect(await page.locator('panel-setup p').textContent()).toContain('拒绝');
    await shot('rejected');
  });
});
