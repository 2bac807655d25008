/**
 * Component tests of the panel's elements in a real Chromium: each element is
 * created on the harness page with given properties, awaited (`updateComplete`)
 * and read back from its shadow DOM.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

const NOW = Date.parse('2026-12-01T09:00:00Z');
const iso = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const state = (over: Record<string, unknown> = {}) => ({
  room: 'alpha', name: 'Alpha 会议室', at: iso(0), seq: 1, status: 'free', current: null, next: null, freeUntil: iso(120), timeZone: 'UTC', equipment: ['projector'], ...over,
});

describe.skipIf(!chromiumAvailable)('panel elements', () => {
  let t: TestHub;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await startTestHub('sqlite');
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${t.hub.httpPort}/panel/harness.html`);
    await page.waitForFunction(() => customElements.get('room-status') && (window as any).panelHarness);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  /** Mounts `tag` with `props` (+ a translator for `locale`) and returns its shadow text or a query result. */
  async function mount(tag: string, props: Record<string, unknown>, locale = 'en'): Promise<void> {
    await page.evaluate(
      async ({ tag, props, locale }) => {
        document.body.innerHTML = '';
        const el = document.createElement(tag) as any;
        Object.assign(el, props, { t: (window as any).panelHarness.translator(locale), locale });
        document.body.append(el);
        await el.updateComplete;
      },
      { tag, props, locale },
    );
  }
  const shadowText = (tag: string, selector: string) =>
    page.evaluate(({ tag, selector }) => document.querySelector(tag)!.shadowRoot!.querySelector(selector)?.textContent?.trim() ?? null, { tag, selector });
  const disabled = (tag: string, selector: string) =>
    page.evaluate(({ tag, selector }) => (document.querySelector(tag)!.shadowRoot!.querySelector(selector) as HTMLButtonElement | null)?.disabled ?? null, { tag, selector });

  it('room-status renders the status word for every state, in both languages', async () => {
    const words: Record<string, [string, string]> = {
      free: ['Free', '空闲'], reserved: ['Free · booked soon', '空闲 · 即将有会'], awaiting_checkin: ['Check in', '请签到'],
      in_use: ['In use', '使用中'], closed: ['Closed', '已关闭'], out_of_service: ['Out of service', '暂停使用'],
    };
    for (const [status, [en, zh]] of Object.entries(words)) {
      await mount('room-status', { state: state({ status }), hubNow: NOW });
      expect(await shadowText('room-status', '.status')).toBe(en);
      await mount('room-status', { state: state({ status }), hubNow: NOW }, 'zh-CN');
      expect(await shadowText('room-status', '.status')).toBe(zh);
    }
  });

  it('room-status counts down to the check-in deadline by the hub clock', async () => {
    const current = { bookingId: 'b1', title: 'Weekly review', start: iso(5), end: iso(65), checkedIn: false, checkInDeadline: iso(15) };
    await mount('room-status', { state: state({ status: 'awaiting_checkin', current, freeUntil: null }), hubNow: NOW + 5.5 * 60_000 });
    // A duration, not a clock time (issue 10).
    expect(await shadowText('room-status', '.countdown')).toBe('Check in within 9 min 30 s or the room is released');
    await mount('room-status', { state: state({ status: 'awaiting_checkin', current, freeUntil: null }), hubNow: NOW + 2 * 60_000 + 40_000 }, 'zh-CN');
    expect(await shadowText('room-status', '.countdown')).toBe('请在 12分20秒 内签到，否则会议室将被释放');
    await mount('room-status', { state: state({ status: 'awaiting_checkin', current, freeUntil: null }), hubNow: NOW + 14.5 * 60_000 });
    expect(await shadowText('room-status', '.countdown')).toBe('Check in within 30 s or the room is released');
    await mount('room-status', { state: state({ status: 'awaiting_checkin', current, freeUntil: null }), hubNow: NOW + 16 * 60_000 });
    expect(await shadowText('room-status', '.countdown')).toBe('Releasing the room…');
    expect(await shadowText('room-status', '.meeting')).toBe('Weekly review');
    expect(await shadowText('room-status', '.times')).toBe('09:05–10:05');
  });

  it('room-status shows the neutral title for private meetings (G4) and the next meeting', async () => {
    const next = { bookingId: 'b2', title: 'Private meeting · 私人会议', start: iso(30), end: iso(60), private: true };
    await mount('room-status', { state: state({ next, freeUntil: iso(30) }), hubNow: NOW });
    expect(await shadowText('room-status', '.next')).toBe('Next: Private meeting · 09:30–10:00');
    expect(await shadowText('room-status', '[part="free-until"]')).toContain('Free until 09:30');
  });

  it('room-status names the day of a next meeting that is not today, and says when it waits for approval (R15)', async () => {
    const tomorrow = { bookingId: 'b3', title: 'Planning', start: iso(24 * 60 + 30), end: iso(24 * 60 + 90), pending: true };
    await mount('room-status', { state: state({ next: tomorrow, freeUntil: iso(9 * 60) }), hubNow: NOW });
    expect(await shadowText('room-status', '.next')).toBe('Next: Planning · tomorrow 09:30–10:30 waiting for approval');
    expect(await shadowText('room-status', '.next [data-pending]')).toBe('waiting for approval');
    const friday = { ...tomorrow, start: iso(3 * 24 * 60), end: iso(3 * 24 * 60 + 60), pending: undefined };
    await mount('room-status', { state: state({ next: friday, freeUntil: iso(9 * 60) }), hubNow: NOW }, 'zh-CN');
    expect(await shadowText('room-status', '.next')).toBe('下一场：Planning · 星期五 09:00–10:00');
  });

  it('room-status says a room open around the clock is so, instead of a week-long "free for"', async () => {
    await mount('room-status', { state: state({ freeUntil: iso(7 * 24 * 60 - 1), openAllHours: true }), hubNow: NOW });
    expect(await shadowText('room-status', '[part="free-until"]')).toBe('Open around the clock · Nothing booked');
    // Free past today without being open all hours: the day and time, no hours count.
    await mount('room-status', { state: state({ freeUntil: iso(2 * 24 * 60) }), hubNow: NOW });
    expect(await shadowText('room-status', '[part="free-until"]')).toBe('Free until Thursday 09:00');
  });

  it('room-status shows seats, equipment and open faults, and no policy ids anywhere', async () => {
    await mount('room-status', { state: state({ capacity: 8, equipment: ['projector', 'whiteboard'], faults: [{ equipment: 'projector', status: 'in_repair' }] }), hubNow: NOW });
    expect(await shadowText('room-status', '.facts')).toBe('8 seats · Projector · Whiteboard');
    expect(await shadowText('room-status', '.faults li')).toBe('Projector: being repaired');
    await mount('room-status', { state: state({ status: 'closed', freeUntil: null }), hubNow: NOW });
    expect(await shadowText('room-status', '.hint')).not.toMatch(/\([A-Z]\d+\)/);
  });

  it('day-timeline draws the rest of the day, pending requests marked, and nothing when the day is empty', async () => {
    const today = [
      { bookingId: 'b1', title: 'Standup', start: iso(30), end: iso(60) },
      { bookingId: 'b2', title: 'Private meeting · 私人会议', start: iso(120), end: iso(180), private: true },
      { bookingId: 'b3', title: 'Late call', start: iso(600), end: iso(660), pending: true },
    ];
    await mount('day-timeline', { state: state({ today }), hubNow: NOW });
    const blocks = await page.evaluate(() => Array.from(document.querySelector('day-timeline')!.shadowRoot!.querySelectorAll('li')).map((li) => ({ text: li.textContent!.replace(/\s+/g, ' ').trim(), pending: li.classList.contains('pending'), left: parseFloat(li.getAttribute('data-left')!) })));
    expect(blocks.map((b) => b.text)).toEqual(['09:30–10:00 Standup', '11:00–12:00 Private meeting', '19:00–20:00 Late call · waiting for approval']);
    expect(blocks.map((b) => b.pending)).toEqual([false, false, true]);
    expect(blocks[0]!.left).toBeCloseTo((30 / 660) * 100, 1); // 09:00 to 20:00 shown
    await mount('day-timeline', { state: state({ today: [] }), hubNow: NOW });
    expect(await shadowText('day-timeline', 'ol')).toBeNull();
  });

  it('panel-confirm asks before ending, with the safe choice focused', async () => {
    await mount('panel-confirm', { open: true, heading: 'End the meeting now?', body: 'The room becomes free for others at once.', action: 'End meeting' });
    const focused = await page.evaluate(() => document.querySelector('panel-confirm')!.shadowRoot!.activeElement?.getAttribute('data-action'));
    expect(focused).toBe('keep');
    const got = await page.evaluate(async () => {
      const el = document.querySelector('panel-confirm')!;
      const fired = new Promise((r) => el.addEventListener('confirm-accept', () => r('accept'), { once: true }));
      (el.shadowRoot!.querySelector('[data-action="confirm"]') as HTMLButtonElement).click();
      return fired;
    });
    expect(got).toBe('accept');
  });

  it('panel-actions limits walk-up lengths to the free time', async () => {
    await mount('panel-actions', { state: state({ freeUntil: iso(20) }), hubNow: NOW });
    expect(await disabled('panel-actions', '[data-minutes="15"]')).toBe(false);
    expect(await disabled('panel-actions', '[data-minutes="30"]')).toBe(true);
    expect(await disabled('panel-actions', '[data-minutes="60"]')).toBe(true);
    await mount('panel-actions', { state: state({ freeUntil: iso(90) }), hubNow: NOW });
    expect(await disabled('panel-actions', '[data-minutes="60"]')).toBe(false);
  });

  it('panel-actions offers what fits each state, and nothing while busy', async () => {
    await mount('panel-actions', { state: state({ status: 'awaiting_checkin', freeUntil: null }), hubNow: NOW });
    expect(await shadowText('panel-actions', '[data-action="check_in"]')).toBe('Check in');
    expect(await shadowText('panel-actions', '[data-minutes="15"]')).toBeNull();
    await mount('panel-actions', { state: state({ status: 'in_use', freeUntil: null }), hubNow: NOW });
    expect(await shadowText('panel-actions', '[data-extend="15"]')).toBe('Extend 15 min');
    expect(await shadowText('panel-actions', '[data-action="end"]')).toBe('End meeting');
    await mount('panel-actions', { state: state({ status: 'closed', freeUntil: null }), hubNow: NOW });
    expect(await shadowText('panel-actions', '[data-minutes="15"]')).toBeNull();
    expect(await shadowText('panel-actions', '[data-action="report_fault"]')).toBe('Report a problem');
    await mount('panel-actions', { state: state(), hubNow: NOW, busy: true });
    expect(await disabled('panel-actions', '[data-minutes="15"]')).toBe(true);
  });

  it('panel-actions fires panel-action with the request to send', async () => {
    await mount('panel-actions', { state: state(), hubNow: NOW });
    const detail = await page.evaluate(async () => {
      const el = document.querySelector('panel-actions')!;
      const got = new Promise((r) => el.addEventListener('panel-action', (e) => r((e as CustomEvent).detail), { once: true }));
      (el.shadowRoot!.querySelector('[data-minutes="30"]') as HTMLButtonElement).click();
      return got;
    });
    expect(detail).toEqual({ action: 'book_now', params: { minutes: 30 } });
  });

  it('fault-dialog needs an equipment choice and sends what was written', async () => {
    await mount('fault-dialog', { open: true, equipment: ['projector', 'whiteboard'] });
    expect(await disabled('fault-dialog', '[data-action="send"]')).toBe(true);
    const detail = await page.evaluate(async () => {
      const el = document.querySelector('fault-dialog') as any;
      el.shadowRoot.querySelector('[data-equipment="whiteboard"]').click();
      await el.updateComplete;
      el.shadowRoot.querySelector('textarea').value = 'no markers';
      const got = new Promise((r) => el.addEventListener('fault-submit', (e: CustomEvent) => r(e.detail), { once: true }));
      el.shadowRoot.querySelector('[data-action="send"]').click();
      return got;
    });
    expect(detail).toEqual({ equipment: 'whiteboard', description: 'no markers' });
    expect(await shadowText('fault-dialog', '[data-equipment="other"]')).toBe('Something else');
  });

  it('connection-banner says offline with the age of the state, and nothing when online', async () => {
    await mount('connection-banner', { status: 'offline', ageMs: 3 * 60_000 });
    expect(await shadowText('connection-banner', '.bar')).toBe('Offline · showing the state from 3 min ago');
    await mount('connection-banner', { status: 'offline', ageMs: 20_000 });
    expect(await shadowText('connection-banner', '.bar')).toBe('Offline · showing the state from under a minute ago');
    await mount('connection-banner', { status: 'online', ageMs: 0 });
    expect(await shadowText('connection-banner', '.bar')).toBeNull();
  });
});
