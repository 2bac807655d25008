/**
 * The meeting life cycle in the web app (issue 11 point 9) end to end in
 * headless Chromium against a real hub: a host books a meeting with two
 * attendees and names the minute taker on its page, sets the agenda; the
 * meeting is held on the hub's clock (everyone signs in by a badge tap at the
 * door's reader); the minute taker writes the minutes while people talk, the
 * autosave surviving a dropped network (the text reaches the hub once it is
 * back), records a decision (refused without its owner, G5) and an action;
 * after the meeting the minutes go to the host, who approves them; an
 * attendee finds them in the archive by a Chinese phrase and confirms them;
 * later the attendee's decision is overdue and they give its analysis (C7),
 * and the office sees overdue actions per department and minutes late.
 * axe-core on every page and state, keyboard reach, screenshots at 1440×900
 * and 390×844 in zh-CN and en in test-output/screenshots/.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SimReader } from '../../firmware-sim/reader.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { appShotPath, checkBothLanguages, DESK, expectAccessible, PHONE, shotsInto, signIn, tabTo, text } from '../support/app-browser.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, MIN, provisionRoom, type Site, startTestHub, type TestHub, T0 } from '../support/hub-fixture.js';

shotsInto(join(process.cwd(), 'test-output', 'screenshots'));

const HOUR = 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();
/** The start and end of the meeting: today 10:00-11:00 (the hub's clock starts at 09:00 UTC). */
const START = T0 + HOUR;
const END = T0 + 2 * HOUR;

describe.skipIf(!chromiumAvailable)('office web app: a meeting from its agenda to its archived minutes', () => {
  let t: TestHub;
  let alpha: Site;
  let browser: Browser;
  let reader: SimReader;
  const ctx: Record<string, BrowserContext> = {};
  const pages: Record<string, Page> = {};
  let base: string;
  let meetingId: string;
  const token: Record<string, string> = {};
  const people = {
    mei: { id: 'mei', name: '李梅', department: '客服部', badge: 'E2E00001' },
    wang: { id: 'wang', name: '王芳', department: '客服部', badge: 'E2E00002' },
    zhao: { id: 'zhao', name: '赵磊', department: '市场部', badge: 'E2E00003' },
  };
  type Who = keyof typeof people;
  const ok = <T = any>(r: { status: number; body: T }, status = 201): T => {
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const as = (who: Who) => token[who]!;
  const signInAll = async () => {
    for (const who of Object.keys(people) as Who[]) token[who] = ok(await t.api('POST', '/api/session', { username: who, password: `${who}-pass-1` }, null), 200).token;
    await t.signInAgain();
  };
  /** A person's own browser, signed in. */
  const browse = async (who: Who | 'admin') => {
    ctx[who] = await browser.newContext({ viewport: DESK, timezoneId: 'UTC' });
    const p = await ctx[who].newPage();
    p.setDefaultTimeout(10_000);
    p.on('pageerror', (e) => console.error(`page error (${who}):`, e));
    await signIn(p, base, who, who === 'admin' ? ADMIN_PASSWORD : `${who}-pass-1`);
    pages[who] = p;
    return p;
  };
  const go = async (p: Page, hash: string, ready: string) => {
    await p.goto(`${base}/#/${hash}`);
    await p.locator(ready).first().waitFor();
  };
  const minutesOnHub = async () => ok(await t.api('GET', `/api/bookings/${meetingId}/minutes`, undefined, as('wang')), 200);

  beforeAll(async () => {
    t = await startTestHub('sqlite');
    base = `http://127.0.0.1:${t.hub.httpPort}`;
    alpha = await provisionRoom(t, 'alpha', { sensor: false });
    for (const p of Object.values(people)) {
      ok(await t.api('POST', '/api/users', { id: p.id, username: p.id, name: p.name, department: p.department, email: `${p.id}@example.test`, password: `${p.id}-pass-1`, badgeUid: p.badge }));
    }
    await signInAll();
    reader = await SimReader.connect({ url: t.mqttUrl, deviceId: alpha.reader.id, token: alpha.reader.token });
    browser = await launchChromium();
  }, 60_000);
  afterEach(async (c) => {
    if (c.task.result?.state === 'fail')
      for (const [who, p] of Object.entries(pages)) await p.screenshot({ path: appShotPath(`failed-${who}-${c.task.name.slice(0, 30).replace(/\W+/g, '-')}`), fullPage: true }).catch(() => {});
  });
  afterAll(async () => {
    await reader?.close();
    await browser?.close();
    await t?.stop();
  });

  it('the host books a meeting with two attendees, names the minute taker and a copied department on its page, and sets the agenda (readable on a phone)', async () => {
    const booked = ok(
      await t.api('POST', '/api/bookings', { room: 'alpha', title: '客服质量周会 Service quality weekly', start: iso(START), end: iso(END), headcount: 3, attendees: ['wang', 'zhao'] }, as('mei')),
    );
    meetingId = booked.id;
    const host = await browse('mei');
    await go(host, `meetings/${meetingId}`, 'booking-detail nav.parts');
    await host.locator('booking-detail nav.parts a[data-part="people"]').click();
    const roles = host.locator('booking-detail meeting-people');
    await roles.locator('#minute-taker').waitFor();
    await checkBothLanguages(host, 'meeting-people');
    await roles.locator('#minute-taker').selectOption('wang');
    await roles.locator('#cc').fill('质量部');
    await roles.locator('[data-action="save-roles"]').click();
    await roles.locator('[data-message]').waitFor();
    expect(ok(await t.api('GET', `/api/bookings/${meetingId}/meeting`, undefined, as('mei')), 200)).toMatchObject({ minuteTaker: 'wang', ccDepartments: ['质量部'] });

    await host.locator('booking-detail nav.parts a[data-part="agenda"]').click();
    const agenda = host.locator('booking-detail meeting-agenda');
    await agenda.locator('li[data-section="f"]').waitFor();
    expect(await agenda.locator('ol.sections > li').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-section')))).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    await agenda.locator('#item-section').selectOption('b');
    await agenda.locator('#item-title').fill('本周客户投诉汇报');
    await agenda.locator('#item-notes').fill('12 起投诉，3 起升级。');
    await agenda.locator('[data-action="add-item"]').click();
    await agenda.locator('li[data-section="b"] li[data-item]').waitFor();
    await agenda.locator('#item-section').selectOption('c');
    await agenda.locator('#item-title').fill('延长客服热线时间 Extend hotline hours');
    await agenda.locator('[data-action="add-item"]').click();
    await agenda.locator('li[data-section="c"] li[data-item]').waitFor();
    expect(await text(agenda.locator('li[data-section="b"] li[data-item]'))).toContain('本周客户投诉汇报');
    // The agenda as a phone shows it: full screenshots at both sizes, and no sideways scrolling at 390 px.
    await checkBothLanguages(host, 'meeting-agenda');

    // M3: the host's material, uploaded less than a day before: accepted and flagged late.
    await host.locator('booking-detail nav.parts a[data-part="materials"]').click();
    const materials = host.locator('booking-detail meeting-materials');
    await materials.locator('#material-file').setInputFiles({ name: '投诉统计.txt', mimeType: 'text/plain', buffer: Buffer.from('本周投诉 12 起，升级 3 起。\n', 'utf8') });
    await materials.locator('[data-action="upload"]').click();
    await materials.locator('li[data-material] .pill[data-state="late"]').waitFor();
    expect(await text(materials.locator('li[data-material] a'))).toBe('投诉统计.txt');
    await checkBothLanguages(host, 'meeting-materials');
  });

  it('the meeting is held: everyone taps their badge at the door; the minute taker writes, and the autosave survives a dropped network', async () => {
    t.clock.set(START - 5 * MIN);
    await signInAll();
    for (const who of ['mei', 'wang', 'zhao'] as const) {
      await reader.tap(people[who].badge, new Date(t.clock.now()));
      await t.hub.idle();
    }
    await waitFor(async () => (await t.api('GET', `/api/bookings/${meetingId}`)).body.status === 'checked_in' || null, { what: 'checked in' });
    const attendance = ok(await t.api('GET', `/api/bookings/${meetingId}`), 200).attendance as { user: string; status: string }[];
    expect(Object.fromEntries(attendance.map((a) => [a.user, a.status]))).toEqual({ mei: 'on_time', wang: 'on_time', zhao: 'on_time' });

    const mt = await browse('wang');
    await go(mt, `meetings/${meetingId}/minutes`, 'booking-detail meeting-minutes minutes-editor #minutes-text');
    const editor = mt.locator('booking-detail meeting-minutes minutes-editor');
    const state = editor.locator('[data-save-state]');
    const box = editor.locator('#minutes-text');
    await box.click();
    await mt.keyboard.type('会议讨论了客户满意度调查结果。', { delay: 5 });
    await editor.locator('[data-save-state="saved"]').waitFor();
    expect((await minutesOnHub()).text).toBe('会议讨论了客户满意度调查结果。');
    await checkBothLanguages(mt, 'minutes-editor-saved');

    // The network drops while the minute taker types: the text stays on the device, the state says so in words.
    await ctx.wang!.setOffline(true);
    await box.focus();
    await box.press('End');
    await mt.keyboard.type('\n决定延长热线服务时间至晚上八点。', { delay: 5 });
    await editor.locator('[data-save-state="offline"]').waitFor();
    expect(await text(state)).toContain('已离线');
    const kept = await mt.evaluate(
      (id) =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith(`minutes-draft:${id}:`))
          .map((k) => JSON.parse(localStorage.getItem(k)!).text as string),
      meetingId,
    );
    expect(kept.some((x) => x.endsWith('决定延长热线服务时间至晚上八点。'))).toBe(true);
    expect((await minutesOnHub()).text).not.toContain('晚上八点');
    await checkBothLanguages(mt, 'minutes-editor-offline', { fullPage: false });
    await box.focus();
    await box.press('End');
    await mt.keyboard.type(' Budget review next quarter.', { delay: 5 });
    // Back online: the text reaches the hub without anyone doing anything.
    await ctx.wang!.setOffline(false);
    await editor.locator('[data-save-state="saved"]').waitFor({ timeout: 15_000 });
    const saved = await minutesOnHub();
    expect(saved.text).toBe('会议讨论了客户满意度调查结果。\n决定延长热线服务时间至晚上八点。 Budget review next quarter.');
    expect(await mt.evaluate((id) => Object.keys(localStorage).filter((k) => k.startsWith(`minutes-draft:${id}:`)).length, meetingId)).toBe(0);

    // A save from elsewhere meanwhile (a second laptop): the next save is refused and both texts are shown, nothing overwritten.
    ok(await t.api('PUT', `/api/bookings/${meetingId}/minutes`, { text: `${saved.text}\n(另一台电脑的补充)`, version: saved.version }, as('mei')), 200);
    await box.focus();
    await box.press('End');
    await mt.keyboard.type('!', { delay: 5 });
    await editor.locator('[data-conflict]').waitFor();
    expect((await minutesOnHub()).text).toContain('另一台电脑的补充');
    await expectAccessible(mt, 'minutes conflict');
    await mt.screenshot({ path: appShotPath('minutes-editor-conflict-zh-CN-1440x900') });
    await editor.locator('[data-action="take-theirs"]').click();
    await editor.locator('[data-save-state="saved"]').waitFor();
    expect(await box.inputValue()).toContain('另一台电脑的补充');

    // A save that never reaches the hub, then the page is reloaded: the text comes back from this device and is saved.
    const minutesUrl = `**/api/bookings/${meetingId}/minutes`;
    await mt.route(minutesUrl, (r) => (r.request().method() === 'PUT' ? r.abort('internetdisconnected') : r.continue()));
    await box.focus();
    await box.press('End');
    await mt.keyboard.type('\n会后补记：下周复查。', { delay: 5 });
    await editor.locator('[data-save-state="offline"]').waitFor();
    await mt.reload();
    await editor.locator('[data-restored]').waitFor();
    expect(await box.inputValue()).toMatch(/会后补记：下周复查。$/);
    await expectAccessible(mt, 'minutes restored from this device');
    await mt.screenshot({ path: appShotPath('minutes-editor-restored-zh-CN-1440x900') });
    await mt.unroute(minutesUrl);
    await editor.locator('[data-save-state="saved"]').waitFor({ timeout: 15_000 });
    expect((await minutesOnHub()).text).toMatch(/另一台电脑的补充\)\n会后补记：下周复查。$/);

    // A save the hub keeps but whose answer is lost on the way back: tried again, found already there, no false conflict.
    await mt.route(minutesUrl, async (r) => {
      if (r.request().method() !== 'PUT') return r.continue();
      await r.fetch(); // reaches the hub
      await r.abort('internetdisconnected');
    });
    await box.focus();
    await box.press('End');
    await mt.keyboard.type('（完）', { delay: 5 });
    await editor.locator('[data-save-state="offline"]').waitFor();
    await waitFor(async () => (await minutesOnHub()).text.endsWith('（完）') || null, { what: 'the lost-answer save on the hub' });
    await mt.unroute(minutesUrl);
    await editor.locator('[data-save-state="saved"]').waitFor({ timeout: 15_000 });
    expect(await editor.locator('[data-conflict]').count()).toBe(0);
  });

  it('the host puts an item to the vote of those present and closes it (M6)', async () => {
    const host = pages.mei!;
    await go(host, `meetings/${meetingId}/outcomes`, 'booking-detail meeting-outcomes #vote-question');
    const out = host.locator('booking-detail meeting-outcomes');
    await out.locator('#vote-question').fill('热线延长至 20:00？');
    await out.locator('#vote-options').fill('同意\n反对');
    await out.locator('[data-action="open-vote"]').click();
    await out.locator('li[data-vote-status="open"] button[data-choice="同意"]').click();
    await out.locator('li[data-vote-status="open"] button[data-choice]').first().waitFor({ state: 'detached' }); // one ballot each
    expect(await text(out.locator('li[data-vote-status="open"] .meta'))).toBe('已投 1 票');
    await out.locator('li[data-vote-status="open"] [data-action="close-vote"]').click();
    await out.locator('li[data-vote-status="closed"] [data-result]').waitFor();
    expect(await text(out.locator('[data-result]'))).toBe('同意: 1 · 反对: 0 · 通过：同意');
    await checkBothLanguages(host, 'meeting-vote');
  });

  it('the minute taker records a decision (refused without its owner: G5) and an action, from the keyboard', async () => {
    const mt = pages.wang!;
    await go(mt, `meetings/${meetingId}/outcomes`, 'booking-detail meeting-outcomes form[data-form="decision"]');
    const out = mt.locator('booking-detail meeting-outcomes');
    await out.locator('#decision-text').fill('延长客服热线服务时间至 20:00');
    await out.locator('#decision-deadline').fill('2026-12-02');
    await out.locator('[data-action="record-decision"]').click();
    await out.locator('#decision-owner-error').waitFor();
    expect(await out.locator('#decision-owner').getAttribute('aria-invalid')).toBe('true');
    await checkBothLanguages(mt, 'meeting-outcomes-owner-missing');
    await out.locator('#decision-owner').selectOption('zhao');
    await out.locator('[data-action="record-decision"]').click();
    await out.locator('li[data-decision]').waitFor();
    // The action, by keyboard only: into the text, the owner, the deadline and the button.
    await out.locator('#action-text').focus();
    await mt.keyboard.type('整理调查结果报告');
    expect(await tabTo(mt, '#action-owner', 3)).toBe(true);
    await out.locator('#action-owner').selectOption('wang');
    await out.locator('#action-deadline').fill('2026-12-08');
    expect(await tabTo(mt, '[data-action="record-action"]', 8)).toBe(true);
    await mt.keyboard.press('Enter');
    await out.locator('action-card [data-action-item]').nth(1).waitFor();
    const actions = ok<any[]>(await t.api('GET', `/api/bookings/${meetingId}/actions`, undefined, as('mei')), 200);
    expect(actions.map((a) => [a.text, a.owner, a.deadline])).toEqual([
      ['延长客服热线服务时间至 20:00', 'zhao', '2026-12-02T18:00:00.000Z'],
      ['整理调查结果报告', 'wang', '2026-12-08T18:00:00.000Z'],
    ]);
    await checkBothLanguages(mt, 'meeting-outcomes');
  });

  it('after the meeting the minute taker submits the minutes and the host approves them', async () => {
    t.clock.set(END + 5 * MIN);
    await t.hub.tick();
    expect(ok(await t.api('GET', `/api/bookings/${meetingId}`), 200).status).toBe('completed');
    const mt = pages.wang!;
    await go(mt, `meetings/${meetingId}/minutes`, 'booking-detail meeting-minutes [data-action="submit-minutes"]:not([disabled])');
    await mt.locator('booking-detail meeting-minutes [data-action="submit-minutes"]').click();
    await mt.locator('booking-detail meeting-minutes [data-minutes-status="submitted"]').waitFor();

    const host = pages.mei!;
    await go(host, `meetings/${meetingId}/minutes`, 'booking-detail meeting-minutes [data-action="approve-minutes"]');
    expect(await text(host.locator('booking-detail meeting-minutes [data-minutes-text]'))).toContain('晚上八点');
    expect(await host.locator('booking-detail meeting-minutes [data-deadline="draft"] .pill').getAttribute('data-state')).toBe('met');
    await checkBothLanguages(host, 'minutes-for-approval');
    expect(await tabTo(host, '[data-action="approve-minutes"]')).toBe(true);
    await host.keyboard.press('Enter');
    await host.locator('booking-detail meeting-minutes [data-minutes-status="approved"]').waitFor();
    const m = await minutesOnHub();
    expect(m).toMatchObject({ status: 'approved', approvedBy: expect.stringContaining('mei'), distribute: { met: true } });
  });

  it('an attendee finds the minutes in the archive by a Chinese phrase, reads and confirms them', async () => {
    const a = await browse('zhao');
    await go(a, 'minutes', 'minutes-page [data-hits="1"]');
    await checkBothLanguages(a, 'minutes-archive');
    await a.locator('minutes-page #archive-q').fill('热线服务');
    await a.locator('minutes-page #archive-q').press('Enter');
    await a.locator(`minutes-page [data-hits="1"]`).waitFor();
    expect(await a.locator('minutes-page li[data-booking]').getAttribute('data-booking')).toBe(meetingId);
    expect(await text(a.locator('minutes-page [data-excerpt]'))).toContain('热线服务');
    await checkBothLanguages(a, 'minutes-archive-search');
    // A phrase that is in no minutes finds nothing.
    await a.locator('minutes-page #archive-q').fill('董事会薪酬');
    await a.locator('minutes-page [data-action="search"]').click();
    await a.locator('minutes-page [data-hits="0"]').waitFor();

    await a.locator('minutes-page #archive-q').fill('满意度');
    await a.locator('minutes-page [data-action="search"]').click();
    await a.locator(`minutes-page li[data-booking="${meetingId}"] a`).click();
    await a.locator('booking-detail meeting-minutes [data-action="confirm-minutes"]').waitFor();
    expect(await text(a.locator('booking-detail meeting-minutes [data-minutes-text]'))).toContain('客户满意度调查结果');
    // C1: as distributed: who attended and how, the decisions with owner and deadline.
    expect(await text(a.locator('booking-detail archived-minutes [data-archive-attendance]'))).toMatch(/李梅 · 准时.*王芳 · 准时.*赵磊 · 准时/s);
    expect(await text(a.locator('booking-detail archived-minutes [data-archive-decisions]'))).toContain('延长客服热线服务时间至 20:00 · 责任人 赵磊');
    await checkBothLanguages(a, 'minutes-approved');
    await a.locator('booking-detail meeting-minutes [data-action="confirm-minutes"]').click();
    await a.locator('booking-detail meeting-minutes [data-confirmed="zhao"]').waitFor();
    expect((await minutesOnHub()).confirmations.map((c: { user: string }) => c.user)).toEqual(['zhao']);
  });

  it('later the decision is overdue: its owner sees it first on "My actions" and gives the analysis (C7); the office sees overdue per department and minutes late', async () => {
    // Another prepared meeting that same day whose minutes nobody writes (C2).
    const quiet = ok(await t.api('POST', '/api/bookings', { room: 'alpha', title: '临时协调会', start: iso(END + 30 * MIN), end: iso(END + 60 * MIN), headcount: 2, attendees: ['wang'] }, as('mei')));
    ok(await t.api('PATCH', `/api/bookings/${quiet.id}/meeting`, { minuteTaker: 'wang' }, as('mei')), 200);
    t.clock.set(END + 29 * MIN);
    await reader.tap(people.mei.badge, new Date(t.clock.now()));
    await t.hub.idle();
    t.clock.set(END + 61 * MIN);
    await t.hub.tick();
    // Two days on: the decision (due 2 Dec 18:00) is overdue, the quiet meeting's minutes are late.
    t.clock.set(T0 + 2 * 24 * HOUR);
    await signInAll();
    await t.hub.tick();

    const a = pages.zhao!;
    await signIn(a, base, 'zhao', 'zhao-pass-1'); // the session ended on the hub's clock
    await go(a, 'actions', 'actions-page action-card');
    const first = a.locator('actions-page action-card').first();
    expect(await first.locator('article').getAttribute('data-overdue')).toBe('true');
    expect(await text(first.locator('h3'))).toBe('延长客服热线服务时间至 20:00');
    await first.locator('[data-analysis="missing"]').waitFor();
    await checkBothLanguages(a, 'actions-overdue');
    await first.locator('[data-field="overdueReason"]').fill('需要人事部门批准排班');
    expect(await tabTo(a, '[data-field="remedy"]', 3)).toBe(true);
    await a.keyboard.type('下周一前提交排班方案');
    await first.locator('[data-action="save-analysis"]').click();
    await first.locator('[data-analysis="given"]').waitFor();
    const action = ok<any[]>(await t.api('GET', '/api/actions?mine=true', undefined, as('zhao')), 200)[0];
    expect(action).toMatchObject({ overdue: true, analysisMissing: false, overdueReason: '需要人事部门批准排班', remedy: '下周一前提交排班方案' });
    await checkBothLanguages(a, 'actions-analysed');

    const office = await browse('admin');
    await go(office, 'actions', `actions-page [data-section="late-minutes"] tr[data-booking="${quiet.id}"]`);
    expect(await office.locator(`actions-page tr[data-booking="${quiet.id}"] .pill`).evaluateAll((ps) => ps.map((p) => p.getAttribute('data-state')))).toContain('draft-missed');
    expect(await office.locator('actions-page [data-section="by-department"] tr[data-department="市场部"] td').evaluateAll((c) => c.map((x) => x.textContent))).toEqual(['市场部', '1', '0']);
    await checkBothLanguages(office, 'actions-office');
    // The office's landing page says so too, with the way to the list.
    await go(office, 'site', 'site-view meeting-attention [data-attention]');
    expect(await office.locator('site-view meeting-attention [data-attention]').evaluate((e) => [e.getAttribute('data-late'), e.getAttribute('data-overdue')])).toEqual(['1', '1']);
    await expectAccessible(office, 'site with meetings needing attention');
    await office.locator('site-view meeting-attention a').click();
    await office.locator('actions-page [data-section="late-minutes"]').waitFor();
  });

  it('the owner logs progress and reports an action done (C4, C5: refused without its report); the host evaluates it (C6)', async () => {
    const mt = pages.wang!;
    await signIn(mt, base, 'wang', 'wang-pass-1'); // a new day on the hub's clock
    await go(mt, 'actions', 'actions-page action-card');
    const card = mt.locator('actions-page action-card').filter({ hasText: '整理调查结果报告' });
    await card.locator('summary').click();
    await card.locator('[data-field="progress"]').fill('已完成数据汇总');
    await card.locator('[data-action="log-progress"]').click();
    await card.locator('.pill[data-state="in_progress"]').waitFor();
    await card.locator('[data-action="mark-done"]').click();
    await card.locator('[data-field="report"][aria-invalid="true"]').waitFor();
    await checkBothLanguages(mt, 'action-report-missing');
    await card.locator('[data-field="report"]').fill('报告已发给全体参会人员。');
    await card.locator('[data-action="mark-done"]').click();
    await card.locator('.pill[data-state="done"]').waitFor();

    const host = pages.mei!;
    await signIn(host, base, 'mei', 'mei-pass-1');
    await go(host, `meetings/${meetingId}/outcomes`, 'booking-detail meeting-outcomes action-card [data-action="evaluate"]');
    const done = host.locator('booking-detail meeting-outcomes action-card').filter({ hasText: '整理调查结果报告' });
    expect(await text(done.locator('[data-report]'))).toContain('报告已发给全体参会人员。');
    await done.locator('select[data-field="rating"]').selectOption('good');
    await done.locator('[data-action="evaluate"]').click();
    await done.locator('[data-evaluation]').waitFor();
    await checkBothLanguages(host, 'action-evaluated');
    const action = ok<any[]>(await t.api('GET', `/api/bookings/${meetingId}/actions`, undefined, as('mei')), 200).find((a) => a.owner === 'wang');
    expect(action).toMatchObject({ status: 'done', report: '报告已发给全体参会人员。', evaluation: { rating: 'good' }, progress: [{ text: '已完成数据汇总' }] });
  });

  it('the agenda of the meeting is readable on a phone (390×844), from its parts navigation', async () => {
    const a = pages.zhao!;
    await a.setViewportSize(PHONE);
    await go(a, `meetings/${meetingId}/agenda`, 'booking-detail meeting-agenda li[data-section="c"] li[data-item]');
    const width = await a.locator('booking-detail meeting-agenda ol.sections').evaluate((e) => e.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    expect(await a.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
    await expectAccessible(a, 'agenda on a phone');
    await a.setViewportSize(DESK);
  });
});
