/**
 * Booking for everyone (issue 10) end to end in headless Chromium against a
 * real hub: a member finds a room for 6 with a projector and books it (the
 * attendees chosen from the directory with the keyboard, the clash check live
 * before saving), changes it; books a weekly series and sees the clash list,
 * cancels this and the following meetings; an after-hours request is approved
 * by an admin from the queue (its count in the navigation) and the member sees
 * it approved; the room calendar shows it; usage analytics from a small known
 * set. axe-core on every page and state; screenshots in test-output/app/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SimReader } from '../../firmware-sim/reader.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { appShotPath, checkBothLanguages, checkBothLanguagesInPlace, DESK, expectAccessible, focusPath, signIn, text } from '../support/app-browser.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, MIN, provisionRoom, type Site, startTestHub, type TestHub, T0 } from '../support/hub-fixture.js';

describe.skipIf(!chromiumAvailable)('office web app: booking for everyone', () => {
  let t: TestHub;
  let alpha: Site;
  let browser: Browser;
  let memberCtx: BrowserContext;
  let page: Page;
  let base: string;
  let mei: { id: string };
  let wang: { id: string };
  let zhao: { id: string };
  let booked: { id: string };
  const ok = <T = any>(r: { status: number; body: T }, status = 201): T => {
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const go = async (p: Page, hash: string, ready: string) => {
    await p.goto(`${base}/#/${hash}`);
    await p.locator(ready).first().waitFor();
  };

  beforeAll(async () => {
    t = await startTestHub('sqlite');
    base = `http://127.0.0.1:${t.hub.httpPort}`;
    alpha = await provisionRoom(t, 'alpha');
    const room = (id: string, name: string, capacity: number, equipment: string[]) =>
      t.api('POST', '/api/rooms', { id, name, capacity, equipment, building: 'A座', floor: '3', timeZone: 'UTC' }).then((r) => ok(r));
    await room('huddle', '小会议室', 4, ['projector']);
    await room('six', '六人间', 6, ['projector', 'whiteboard']);
    await room('board', '董事会议室', 14, ['projector', 'tv', 'video_conference']);
    await room('garden', '花园厅', 8, ['whiteboard']);
    const user = (username: string, name: string, department: string, password?: string) =>
      t.api('POST', '/api/users', { username, name, department, email: `${username}@example.com`, role: 'member', ...(password ? { password } : {}) }).then((r) => ok<{ id: string }>(r));
    mei = await user('mei', '李梅', '客服部', 'member-pass-1');
    wang = await user('wang', '王芳', '客服部');
    zhao = await user('zhao', '赵磊', '市场部');
    browser = await launchChromium();
    memberCtx = await browser.newContext({ viewport: DESK });
    page = await memberCtx.newPage();
    page.setDefaultTimeout(8000);
    page.on('pageerror', (e) => console.error('page error:', e));
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: appShotPath(`failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`), fullPage: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('a member lands on their meetings, with their calendar feed to copy', async () => {
    await signIn(page, base, 'mei', 'member-pass-1');
    await page.locator('meetings-page [data-meetings="0"]').waitFor();
    const url = await text(page.locator('meetings-page calendar-feed [data-feed-url]'));
    expect(url).toMatch(new RegExp(`^${base}/calendar/[A-Za-z0-9_-]{20,}\\.ics$`));
    const ics = await (await fetch(url!)).text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    await checkBothLanguages(page, 'meetings-empty');
  });

  it('finds a room for 6 with a projector (ranked: the smallest that fits first) and books it, attendees chosen by keyboard, the clash check live', async () => {
    // 王芳 is already in a meeting then (M1).
    ok(await t.api('POST', '/api/bookings', { room: 'garden', title: 'Training', start: '2026-12-02T10:30:00Z', end: '2026-12-02T11:30:00Z', headcount: 2, host: wang.id }));
    await go(page, 'find', 'find-page form.card');
    const find = page.locator('find-page');
    const form = find.locator('form.card');
    await form.locator('#date').fill('2026-12-02');
    await form.locator('#time').fill('10:00');
    await form.locator('#headcount').fill('6');
    await find.locator('input[data-equipment="projector"]').check();
    await find.locator('[data-action="find"]').click();
    await find.locator('ol.results').waitFor();
    // huddle is too small, garden has no projector: six (6 seats) before board (14).
    expect(await find.locator('ol.results > li').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-room')))).toEqual(['six', 'alpha', 'board']);
    await checkBothLanguages(page, 'find-results');

    await find.locator('li[data-room="six"] [data-action="book"]').click();
    const editor = page.locator('find-page booking-editor');
    await editor.locator('app-dialog dialog[open]').waitFor();
    await editor.locator('#title').fill('季度规划 Quarterly planning');
    // The directory combobox, from the keyboard: type, arrow, Enter.
    const combo = editor.locator('people-picker #people-input');
    await combo.focus();
    await page.keyboard.type('王');
    expect(await combo.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await combo.getAttribute('aria-activedescendant')).toBe(`person-${wang.id}`);
    await page.keyboard.press('Enter');
    await page.keyboard.type('市场');
    await page.keyboard.press('Enter');
    expect(await editor.locator('people-picker .chosen li').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-person')))).toEqual([wang.id, zhao.id]);
    // Escape closes the list, not the dialog.
    await page.keyboard.type('x');
    await page.keyboard.press('Escape');
    expect(await combo.getAttribute('aria-expanded')).toBe('false');
    expect(await editor.locator('app-dialog dialog[open]').count()).toBe(1);
    await combo.fill('');
    await page.keyboard.press('Escape');
    // The check names who is busy before anything is saved.
    await editor.locator('clash-check [data-problem="attendee_busy"]').waitFor();
    expect(await text(editor.locator('clash-check [data-problem="attendee_busy"]'))).toBe('届时已有其他会议：王芳。');
    await checkBothLanguagesInPlace(page, 'booking-editor-clash');
    await editor.locator(`people-picker li[data-person="${wang.id}"] [data-action="remove-person"]`).click();
    await editor.locator('clash-check [data-check="ok"]').waitFor();
    await checkBothLanguagesInPlace(page, 'booking-editor-free');
    await editor.locator('[data-action="save-booking"]').click();
    await find.locator('[data-message]').waitFor();
    expect(await text(find.locator('[data-message]'))).toContain('已预订');
    const mine = ok<any[]>(await t.api('GET', `/api/bookings?room=six`), 200);
    expect(mine).toHaveLength(1);
    booked = mine[0];
    expect(mine[0]).toMatchObject({ title: '季度规划 Quarterly planning', start: '2026-12-02T10:00:00.000Z', end: '2026-12-02T11:00:00.000Z', headcount: 6, host: mei.id, attendees: [zhao.id], status: 'confirmed' });
  });

  it('shows the meeting in my meetings and changes its time from its page', async () => {
    await go(page, 'meetings', `meetings-page li[data-booking="${booked.id}"]`);
    await checkBothLanguages(page, 'meetings');
    await page.locator(`meetings-page li[data-booking="${booked.id}"] a`).click();
    await page.locator('booking-detail h1').waitFor();
    expect(await text(page.locator('booking-detail [data-field="when"]'))).toContain('10:00–11:00');
    await checkBothLanguages(page, 'meeting-detail');
    await page.locator('booking-detail [data-action="edit-booking"]').click();
    const editor = page.locator('booking-detail booking-editor');
    await editor.locator('app-dialog dialog[open]').waitFor();
    await editor.locator('#end').fill('11:30');
    await editor.locator('clash-check [data-check="ok"]').waitFor(); // its own slot is no clash
    await editor.locator('[data-action="save-booking"]').click();
    await page.locator('booking-detail [data-message]').waitFor();
    expect(ok(await t.api('GET', `/api/bookings/${booked.id}`), 200).end).toBe('2026-12-02T11:30:00.000Z');
  });

  it('books a weekly series and sees which meetings clash and why; cancels this and the following ones', async () => {
    ok(await t.api('POST', '/api/bookings', { room: 'six', title: 'Board prep', start: '2026-12-15T14:00:00Z', end: '2026-12-15T15:00:00Z', headcount: 3 }));
    await go(page, 'calendar/six', 'room-calendar .day');
    // From the room's calendar: its free time, a week at a time, then a free slot books.
    await page.locator('room-calendar [data-action="next"]').click();
    await page.locator('room-calendar section[data-day="2026-12-08"]').waitFor();
    await page.locator('room-calendar section[data-day="2026-12-08"] button.free').first().click();
    const editor = page.locator('room-calendar booking-editor');
    await editor.locator('app-dialog dialog[open]').waitFor();
    await editor.locator('#title').fill('周会 Weekly team meeting');
    await editor.locator('#start').fill('14:00');
    await editor.locator('#end').fill('15:00');
    await editor.locator('#headcount').fill('3');
    await editor.locator('repeat-editor #repeat-freq').selectOption('weekly');
    await editor.locator('repeat-editor [data-field="count"]').fill('4');
    await editor.locator('repeat-editor [data-field="count"]').dispatchEvent('change');
    expect(await text(editor.locator('repeat-editor [data-summary]'))).toBe('每周周二 · 共 4 次');
    await editor.locator('clash-check [data-check="ok"]').waitFor();
    await checkBothLanguagesInPlace(page, 'series-editor');
    await editor.locator('[data-action="save-booking"]').click();
    const outcome = editor.locator('series-outcome');
    await outcome.locator('[data-booked]').waitFor();
    expect(await outcome.locator('[data-booked]').getAttribute('data-booked')).toBe('3');
    expect(await outcome.locator('[data-booked]').getAttribute('data-clashes')).toBe('1');
    const clash = outcome.locator('li[data-state="clash"]');
    expect(await clash.getAttribute('data-occurrence')).toBe('2026-12-15T14:00:00.000Z');
    expect(await text(clash.locator('.why'))).toBe('该时间段会议室已被预订。');
    await checkBothLanguagesInPlace(page, 'series-clashes');
    // The first meeting and those after it: a new topic for all of them.
    await outcome.locator('li[data-state="booked"] a').first().click();
    await page.locator('booking-detail [data-action="edit-booking"]').click();
    const change = page.locator('booking-detail booking-editor');
    await change.locator('input[name="scope"][value="following"]').check();
    expect(await change.locator('#date').isDisabled()).toBe(true); // each keeps its own day; the time of day may move
    await change.locator('#title').fill('周会 Team weekly');
    await expectAccessible(page, 'change this and following');
    await change.locator('[data-action="save-booking"]').click();
    await page.locator('booking-detail [data-message]').waitFor();
    const occurrences = () => t.api('GET', '/api/bookings?room=six&from=2026-12-07T00:00:00Z').then((r) => (r.body as any[]).filter((b) => b.series));
    expect((await occurrences()).map((b) => b.title)).toEqual(['周会 Team weekly', '周会 Team weekly', '周会 Team weekly']);
    // The second meeting: cancel it and the ones after it.
    await go(page, `meetings/${(await occurrences())[1].id}`, 'booking-detail h1');
    await page.locator('booking-detail [data-action="cancel-booking"]').click();
    await page.locator('booking-detail input[name="cancel-scope"][value="following"]').check();
    await expectAccessible(page, 'cancel this and following');
    await page.locator('booking-detail [data-action="confirm-cancel"]').click();
    await page.locator('booking-detail [data-message]').waitFor();
    const series = ok<any[]>(await t.api('GET', '/api/bookings?room=six&from=2026-12-07T00:00:00Z'), 200).filter((b) => b.series);
    expect(series.map((b) => [b.start.slice(0, 10), b.status])).toEqual([['2026-12-08', 'confirmed'], ['2026-12-22', 'cancelled'], ['2026-12-29', 'cancelled']]);
  });

  it('an after-hours request waits for approval; an admin approves it from the queue (its count in the navigation); the member sees it approved', async () => {
    await go(page, 'find', 'find-page form.card');
    const find = page.locator('find-page');
    const form = find.locator('form.card');
    await form.locator('#date').fill('2026-12-02');
    await form.locator('#time').fill('19:00');
    await form.locator('#headcount').fill('6');
    await find.locator('input[data-equipment="projector"]').check();
    await find.locator('[data-action="find"]').click();
    await find.locator('li[data-room="six"] [data-state="needs-approval"]').waitFor();
    await find.locator('li[data-room="six"] [data-action="book"]').click();
    const editor = page.locator('find-page booking-editor');
    await editor.locator('#title').fill('客户电话会 Client call');
    await editor.locator('clash-check [data-check="pending"]').waitFor();
    await checkBothLanguagesInPlace(page, 'booking-editor-after-hours');
    await editor.locator('[data-action="save-booking"]').click();
    await find.locator('[data-message]').waitFor();
    expect(await text(find.locator('[data-message]'))).toContain('已提交行政部门审批');
    const request = ok<any[]>(await t.api('GET', '/api/approvals'), 200)[0];
    expect(request).toMatchObject({ title: '客户电话会 Client call', status: 'pending_approval', host: mei.id });
    await go(page, 'meetings', `meetings-page li[data-booking="${request.id}"][data-status="pending_approval"]`);
    expect(await text(page.locator(`meetings-page li[data-booking="${request.id}"] .pill[data-state="pending_approval"]`))).toBe('待审批');
    await checkBothLanguages(page, 'meetings-pending');

    // The administration office, in its own browser.
    const adminCtx = await browser.newContext({ viewport: DESK });
    const admin = await adminCtx.newPage();
    admin.setDefaultTimeout(8000);
    await signIn(admin, base, 'admin', ADMIN_PASSWORD);
    await admin.locator('office-app nav a[data-page="approvals"] .count[data-count="1"]').waitFor();
    await go(admin, 'approvals', `approvals-page tr[data-booking="${request.id}"]`);
    await checkBothLanguages(admin, 'approvals');
    // Rejecting needs a reason: refused empty, said beside the field.
    await admin.locator(`approvals-page tr[data-booking="${request.id}"] [data-action="reject"]`).click();
    await admin.locator('approvals-page [data-action="confirm-reject"]').click();
    await admin.locator('approvals-page #reason-error').waitFor();
    expect(await admin.locator('approvals-page #reason').getAttribute('aria-invalid')).toBe('true');
    await checkBothLanguagesInPlace(admin, 'approvals-reject-reason');
    await admin.keyboard.press('Escape');
    await admin.locator(`approvals-page tr[data-booking="${request.id}"] [data-action="approve"]`).click();
    await admin.locator('approvals-page [data-queue="0"]').waitFor();
    await admin.locator('office-app nav a[data-page="approvals"] .count').waitFor({ state: 'detached' });
    expect(ok(await t.api('GET', `/api/bookings/${request.id}`), 200)).toMatchObject({ status: 'confirmed', approvedBy: expect.any(String) });

    await page.reload();
    await page.locator(`meetings-page li[data-booking="${request.id}"] .pill[data-state="approved"]`).waitFor();
    await page.locator(`meetings-page li[data-booking="${request.id}"] a`).click();
    await page.locator('booking-detail [data-field="approved"]').waitFor();
    expect(await text(page.locator('booking-detail [data-field="approved"]'))).toContain('批准');
    await checkBothLanguages(page, 'meeting-approved');
    await adminCtx.close();
  });

  it('shows a room\'s week with meetings, pending requests and free time', async () => {
    // Another member's request, still waiting: pending on the calendar.
    const zhaoToken = ok(await t.api('POST', '/api/users', { username: 'lin', name: '林涛', password: 'member-pass-2' })) && (await t.api('POST', '/api/session', { username: 'lin', password: 'member-pass-2' }, null)).body.token;
    const pending = await t.api('POST', '/api/bookings', { room: 'six', title: '晚间培训', start: '2026-12-03T18:30:00Z', end: '2026-12-03T20:00:00Z', headcount: 4 }, zhaoToken);
    expect(pending.status).toBe(202);
    await go(page, 'calendar/six', `room-calendar li[data-booking="${booked.id}"]`);
    await page.locator('room-calendar [data-view="week"]').click();
    await page.locator(`room-calendar li[data-booking="${pending.body.id}"] a.pending`).waitFor();
    expect(await text(page.locator(`room-calendar li[data-booking="${pending.body.id}"]`))).toContain('待审批');
    expect(await page.locator('room-calendar section[data-day="2026-12-02"] button.free').count()).toBeGreaterThan(0);
    await checkBothLanguages(page, 'room-calendar-week');
    await page.locator('room-calendar [data-view="day"]').click();
    await page.locator('room-calendar [data-action="next"]').click();
    await page.locator('room-calendar section[data-day="2026-12-02"]').waitFor();
    await checkBothLanguages(page, 'room-calendar-day');
  });

  it('is usable from the keyboard: from the skip link to a result\'s Book button, and the editor keeps focus inside', async () => {
    await go(page, 'find', 'find-page form.card');
    await page.reload();
    await page.locator('find-page form.card').waitFor();
    await page.keyboard.press('Tab');
    expect((await focusPath(page))[0]).toBe('a'); // the skip link
    await page.keyboard.press('Enter');
    // Tab through the form to "Find rooms" and press it.
    for (let i = 0; i < 30 && (await page.evaluate(() => {
      let a: Element | null = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a?.getAttribute('data-action');
    })) !== 'find'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('find-page ol.results').waitFor();
    await page.locator('find-page li [data-action="book"]').first().focus();
    await page.keyboard.press('Enter');
    await page.locator('find-page booking-editor app-dialog dialog[open]').waitFor();
    // Every control of the editor in turn, the page behind never (a modal <dialog> is inert behind;
    // past its last control focus may go to the browser's own controls, shown here as the body).
    const reached = new Set<string>();
    for (let i = 0; i < 50; i++) {
      await page.keyboard.press('Tab');
      const path = await focusPath(page);
      expect(path.includes('booking-editor') || path[0] === 'body', `focus reached the page behind the dialog: ${path.join(' < ')}`).toBe(true);
      reached.add(await page.evaluate(() => {
        let a: Element | null = document.activeElement;
        while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
        return a?.id || a?.getAttribute('data-action') || a?.tagName.toLowerCase() || '';
      }));
    }
    for (const id of ['title', 'date', 'start', 'end', 'headcount', 'people-input', 'repeat-freq', 'save-booking', 'close-dialog']) expect(reached, id).toContain(id);
    await page.keyboard.press('Escape');
    await page.locator('find-page booking-editor dialog').waitFor({ state: 'hidden' });
  });

  it('shows usage from a small known set: one meeting held, one no-show; charts with their tables; CSV; a member sees their own', async () => {
    // alpha today: 09:30 checked in by a badge and held to its end; 11:00 nobody came (released).
    const held = ok(await t.api('POST', '/api/bookings', { room: 'alpha', title: 'Held', start: new Date(T0 + 30 * MIN).toISOString(), end: new Date(T0 + 90 * MIN).toISOString(), headcount: 2, host: alpha.host.id }));
    ok(await t.api('POST', '/api/bookings', { room: 'alpha', title: 'No-show', start: new Date(T0 + 120 * MIN).toISOString(), end: new Date(T0 + 180 * MIN).toISOString(), headcount: 2, host: alpha.host.id }));
    t.clock.set(T0 + 25 * MIN);
    const reader = await SimReader.connect({ url: t.mqttUrl, deviceId: alpha.reader.id, token: alpha.reader.token });
    await reader.tap(alpha.hostBadge, new Date(t.clock.now()));
    await waitFor(async () => (await t.api('GET', `/api/bookings/${held.id}`)).body.status === 'checked_in' || null, { what: 'checked in' });
    await reader.close();
    t.clock.set(T0 + 140 * MIN);
    await t.hub.tick();
    t.clock.set(T0 + 200 * MIN);
    await t.hub.tick();

    const adminCtx = await browser.newContext({ viewport: DESK });
    const admin = await adminCtx.newPage();
    admin.setDefaultTimeout(8000);
    await signIn(admin, base, 'admin', ADMIN_PASSWORD);
    await go(admin, 'analytics', 'analytics-page [data-total="bookings"]');
    await admin.locator('analytics-page #from').fill('2026-12-01');
    await admin.locator('analytics-page #to').fill('2026-12-01');
    await admin.locator('analytics-page #room').selectOption('alpha');
    await admin.locator('analytics-page [data-action="apply"]').click();
    await admin.locator('analytics-page table[data-table="utilisation"] tr[data-room="alpha"]').waitFor({ state: 'attached' });
    await admin.locator('analytics-page table[data-table="utilisation"] tr[data-room]').nth(1).waitFor({ state: 'detached' });
    const totals = await admin.locator('analytics-page [data-total] strong').evaluateAll((s) => s.map((x) => x.textContent));
    // 1 h in use of 10 h open (08-18); released at 11:20 (the sweep's tick), 40 min given back.
    expect(totals).toEqual(['2', '2', '1', '10%', '1', '0', '0.7']);
    expect(await admin.locator('analytics-page table[data-table="noshows"] tr[data-week="2026-W49"] td').evaluateAll((c) => c.map((x) => x.textContent))).toEqual(['2', '1', '50%']);
    // Tuesday 09:30-10:30 in use: half an hour in each of the 09 and 10 columns.
    expect(await admin.locator('analytics-page table[data-table="heatmap"] tbody tr').nth(1).locator('td').evaluateAll((c) => c.slice(8, 12).map((x) => x.textContent))).toEqual(['', '0.5', '0.5', '']);
    // Three charts drawn on their canvases.
    expect(await admin.evaluate(() => [...(document.querySelector('office-app')!.shadowRoot!.querySelector('analytics-page')!.shadowRoot!.querySelectorAll('canvas') as unknown as HTMLCanvasElement[])].map((c) => c.width > 0))).toEqual([true, true, true]);
    for (const d of await admin.locator('analytics-page details').all()) await d.locator('summary').click();
    await checkBothLanguages(admin, 'analytics');
    const csvHref = await admin.locator('analytics-page [data-action="csv"]').getAttribute('href');
    const csv = await admin.request.get(`${base}${csvHref}`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect((await csv.text()).split('\r\n')[1]).toBe('alpha,2,2,1,1,0,0.67,1,10');
    await adminCtx.close();

    await page.reload();
    await go(page, 'analytics', 'analytics-page [data-note="own"]');
    await page.locator('analytics-page [data-total="bookings"]').waitFor();
    await checkBothLanguages(page, 'analytics-member');
  });
});
