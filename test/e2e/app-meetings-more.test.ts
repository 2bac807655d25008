/**
 * The rest of the meeting's pages (issue 11 point 9) end to end in headless
 * Chromium against a real hub: the host edits, reorders (by buttons, from the
 * keyboard) and removes agenda items (M5); removes a material after an "are
 * you sure" (M3); records two people leaving early, one with leave and one
 * without (G3); proposes the next meeting at the wrap-up, refused in words
 * while the room is taken and then booked for the same people (M8); answers a
 * problem an action's owner raised, hands the action to someone else with a
 * later deadline and reopens it once reported done (C4-C6); and returns the
 * minutes to the minute taker with a reason (C2). axe-core on every new state,
 * screenshots at 1440×900 and 390×844 in zh-CN and en in test-output/screenshots/.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SimReader } from '../../firmware-sim/reader.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { appShotPath, checkBothLanguages, DESK, expectAccessible, shotsInto, signIn, tabTo, text } from '../support/app-browser.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { MIN, provisionRoom, type Site, startTestHub, type TestHub, T0 } from '../support/hub-fixture.js';

shotsInto(join(process.cwd(), 'test-output', 'screenshots'));

const HOUR = 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();
/** Today 10:00-11:00 UTC (the hub's clock starts at 09:00 UTC, the room keeps UTC). */
const START = T0 + HOUR;
const END = T0 + 2 * HOUR;
const WEEK = 7 * 24 * HOUR;

/** What has the keyboard focus, through shadow roots: its agenda item and its data-action. */
const focused = (p: Page) =>
  p.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return { item: a?.closest('[data-item]')?.getAttribute('data-item') ?? null, action: a?.getAttribute('data-action') ?? null, id: a?.id ?? null };
  });

describe.skipIf(!chromiumAvailable)('office web app: the host edits the agenda and materials, records leaving early, proposes the next meeting, follows up actions and returns minutes', () => {
  let t: TestHub;
  let alpha: Site;
  let browser: Browser;
  let reader: SimReader;
  const pages: Record<string, Page> = {};
  let base: string;
  let meetingId: string;
  const token: Record<string, string> = {};
  const people = {
    mei: { id: 'mei', name: '李梅', department: '客服部', badge: 'E2F00001' },
    wang: { id: 'wang', name: '王芳', department: '客服部', badge: 'E2F00002' },
    zhao: { id: 'zhao', name: '赵磊', department: '市场部', badge: 'E2F00003' },
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
  const browse = async (who: Who) => {
    const c = await browser.newContext({ viewport: DESK, timezoneId: 'UTC' });
    const p = await c.newPage();
    p.setDefaultTimeout(10_000);
    p.on('pageerror', (e) => console.error(`page error (${who}):`, e));
    await signIn(p, base, who, `${who}-pass-1`);
    pages[who] = p;
    return p;
  };
  const go = async (p: Page, hash: string, ready: string) => {
    await p.goto(`${base}/#/${hash}`);
    await p.locator(ready).first().waitFor();
  };
  const agendaOnHub = async () =>
    Object.fromEntries(ok<any>(await t.api('GET', `/api/bookings/${meetingId}/agenda`, undefined, as('mei')), 200).sections.map((s: any) => [s.section, s.items.map((i: any) => i.title)]));

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
    meetingId = ok(
      await t.api('POST', '/api/bookings', { room: 'alpha', title: '客服质量周会 Service quality weekly', start: iso(START), end: iso(END), headcount: 3, attendees: ['wang', 'zhao'] }, as('mei')),
    ).id;
    ok(await t.api('PATCH', `/api/bookings/${meetingId}/meeting`, { minuteTaker: 'wang' }, as('mei')), 200);
  }, 60_000);
  afterEach(async (c) => {
    if (c.task.result?.state === 'fail')
      for (const [who, p] of Object.entries(pages)) await p.screenshot({ path: appShotPath(`failed-more-${who}-${c.task.name.slice(0, 30).replace(/\W+/g, '-')}`), fullPage: true }).catch(() => {});
  });
  afterAll(async () => {
    await reader?.close();
    await browser?.close();
    await t?.stop();
  });

  it('the host moves agenda items up and down from the keyboard, edits one into another section, and removes one after "are you sure" (M5)', async () => {
    for (const title of ['预算审核 Budget', '排班调整 Rota', '新人培训 Training']) ok(await t.api('POST', `/api/bookings/${meetingId}/agenda`, { section: 'c', title }, as('mei')));
    const ids = ok<any>(await t.api('GET', `/api/bookings/${meetingId}/agenda`, undefined, as('mei')), 200)
      .sections.find((s: any) => s.section === 'c')
      .items.map((i: any) => i.id) as string[];
    const [budget, rota, training] = ids as [string, string, string];
    const host = await browse('mei');
    await go(host, `meetings/${meetingId}/agenda`, `booking-detail meeting-agenda li[data-item="${training}"]`);
    const agenda = host.locator('booking-detail meeting-agenda');
    // The first can't go up, the last can't go down; each button names its item for a screen reader.
    expect(await agenda.locator(`li[data-item="${budget}"] [data-action="move-up"]`).isDisabled()).toBe(true);
    expect(await agenda.locator(`li[data-item="${training}"] [data-action="move-down"]`).isDisabled()).toBe(true);
    expect(await text(agenda.locator(`li[data-item="${rota}"] [data-action="move-down"]`))).toContain('下移 排班调整 Rota');
    await checkBothLanguages(host, 'agenda-item-tools');

    // Keyboard only: Enter on "move down" twice takes the budget item to the bottom; focus follows it.
    await agenda.locator(`li[data-item="${budget}"] [data-action="move-down"]`).focus();
    await host.keyboard.press('Enter');
    await waitFor(async () => ((await agendaOnHub()).c[1] === '预算审核 Budget' ? true : null), { what: 'moved down once' });
    await agenda
      .locator(`li[data-section="c"] li[data-item]`)
      .nth(1)
      .and(agenda.locator(`li[data-item="${budget}"]`))
      .waitFor();
    expect(await focused(host)).toMatchObject({ item: budget, action: 'move-down' });
    await host.keyboard.press('Enter');
    await waitFor(async () => ((await agendaOnHub()).c[2] === '预算审核 Budget' ? true : null), { what: 'moved to the bottom' });
    await agenda.locator(`li[data-item="${budget}"] [data-action="move-down"][disabled]`).waitFor();
    // At the bottom "move down" is disabled: the focus went to "move up" of the same item.
    expect(await focused(host)).toMatchObject({ item: budget, action: 'move-up' });
    await host.keyboard.press('Enter');
    await waitFor(async () => ((await agendaOnHub()).c[1] === '预算审核 Budget' ? true : null), { what: 'moved up' });
    expect((await agendaOnHub()).c).toEqual(['排班调整 Rota', '预算审核 Budget', '新人培训 Training']);
    expect(await agenda.locator('li[data-section="c"] li[data-item] strong').allTextContents()).toEqual(['排班调整 Rota', '预算审核 Budget', '新人培训 Training']);

    // Edit: from its button to the title, into section (d), saved by Enter.
    await agenda.locator(`li[data-item="${training}"] [data-action="edit-item"]`).focus();
    await host.keyboard.press('Enter');
    await agenda.locator(`form[data-edit="${training}"]`).waitFor();
    expect(await focused(host)).toMatchObject({ id: `edit-title-${training}` });
    await host.keyboard.press('Control+A');
    await host.keyboard.type('新人培训计划受阻 Training delayed');
    await agenda.locator(`#edit-section-${training}`).selectOption('d');
    await agenda.locator(`#edit-notes-${training}`).fill('培训老师请假两周。');
    await checkBothLanguages(host, 'agenda-item-editing');
    await agenda.locator(`#edit-title-${training}`).press('Enter');
    await agenda.locator(`li[data-section="d"] li[data-item="${training}"]`).waitFor();
    expect(await agendaOnHub()).toMatchObject({ c: ['排班调整 Rota', '预算审核 Budget'], d: ['新人培训计划受阻 Training delayed'] });
    expect(await text(agenda.locator(`li[data-item="${training}"] .notes`))).toBe('培训老师请假两周。');
    // An empty title is refused beside its field.
    await agenda.locator(`li[data-item="${rota}"] [data-action="edit-item"]`).click();
    await agenda.locator(`#edit-title-${rota}`).fill('   ');
    await agenda.locator(`form[data-edit="${rota}"] [data-action="save-item"]`).click();
    await agenda.locator(`#edit-title-${rota}[aria-invalid="true"]`).waitFor();
    // Escape leaves the edit unsaved, the focus back on its Edit button.
    await host.keyboard.press('Escape');
    await agenda.locator(`form[data-edit="${rota}"]`).waitFor({ state: 'detached' });
    expect(await focused(host)).toMatchObject({ item: rota, action: 'edit-item' });
    expect((await agendaOnHub()).c).toContain('排班调整 Rota');

    // Remove: asked first; Escape keeps it, the danger button removes it.
    const askRemove = () => agenda.locator(`li[data-item="${rota}"] [data-action="remove-item"]`).click();
    await askRemove();
    await agenda.locator('app-dialog dialog[open]').waitFor();
    expect(await text(agenda.locator('app-dialog h2'))).toBe('从议程中删除“排班调整 Rota”？');
    await checkBothLanguages(host, 'agenda-item-remove-confirm', { reopen: askRemove, fullPage: false });
    await host.keyboard.press('Escape');
    await agenda.locator('app-dialog dialog[open]').waitFor({ state: 'detached' });
    expect((await agendaOnHub()).c).toContain('排班调整 Rota');
    await askRemove();
    await agenda.locator('[data-action="confirm-remove-item"]').click();
    await agenda.locator(`li[data-item="${rota}"]`).waitFor({ state: 'detached' });
    expect((await agendaOnHub()).c).toEqual(['预算审核 Budget']);
  });

  it('the host removes a material after "are you sure" (M3)', async () => {
    const host = pages.mei!;
    await go(host, `meetings/${meetingId}/materials`, 'booking-detail meeting-materials #material-file');
    const materials = host.locator('booking-detail meeting-materials');
    await materials.locator('#material-file').setInputFiles({ name: '旧版排班表.txt', mimeType: 'text/plain', buffer: Buffer.from('旧版排班\n', 'utf8') });
    await materials.locator('[data-action="upload"]').click();
    await materials.locator('li[data-material]').waitFor();
    const ask = () => materials.locator('li[data-material] [data-action="remove-material"]').click();
    await ask();
    await materials.locator('app-dialog dialog[open]').waitFor();
    expect(await text(materials.locator('app-dialog h2'))).toBe('删除“旧版排班表.txt”？');
    await checkBothLanguages(host, 'materials-remove-confirm', { reopen: ask, fullPage: false });
    // The attendee sees no remove button.
    const attendee = await browse('zhao');
    await go(attendee, `meetings/${meetingId}/materials`, 'booking-detail meeting-materials li[data-material]');
    expect(await attendee.locator('booking-detail meeting-materials [data-action="remove-material"]').count()).toBe(0);
    // From the keyboard: Tab to the danger button, Enter.
    expect(await tabTo(host, '[data-action="confirm-remove-material"]', 4)).toBe(true);
    await host.keyboard.press('Enter');
    await materials.locator('[data-materials="0"]').waitFor();
    expect(ok<any[]>(await t.api('GET', `/api/bookings/${meetingId}/materials`, undefined, as('mei')), 200)).toEqual([]);
    expect(await text(materials.locator('[data-message]'))).toBe('已删除“旧版排班表.txt”。');
    await checkBothLanguages(host, 'materials-removed');
  });

  it('during the meeting the host records one person leaving early with leave and another without (G3)', async () => {
    t.clock.set(START - 5 * MIN);
    await signInAll();
    for (const who of ['mei', 'wang', 'zhao'] as const) {
      await reader.tap(people[who].badge, new Date(t.clock.now()));
      await t.hub.idle();
    }
    await waitFor(async () => (await t.api('GET', `/api/bookings/${meetingId}`)).body.status === 'checked_in' || null, { what: 'checked in' });
    t.clock.set(START + 50 * MIN);
    const host = pages.mei!;
    await go(host, `meetings/${meetingId}/people`, 'booking-detail meeting-people form[data-form="leaving"]');
    const ppl = host.locator('booking-detail meeting-people');
    // A time outside the meeting is refused in words.
    await ppl.locator('#leaver').selectOption('wang');
    await ppl.locator('#left-at').fill('09:00');
    await ppl.locator('[data-action="save-leaving"]').click();
    await ppl.locator('p.form-error[role="alert"]').waitFor();
    expect(await text(ppl.locator('p.form-error'))).toBe('该时间不在会议期间。');
    // Wang leaves at 10:35 with leave, by the keyboard.
    await ppl.locator('#left-at').fill('10:35');
    expect(await tabTo(host, '[data-action="save-leaving"]', 8)).toBe(true);
    await host.keyboard.press('Enter');
    await ppl.locator('tr[data-person="wang"] [data-left="with-leave"]').waitFor();
    // Zhao leaves at 10:45 without.
    await ppl.locator('#leaver').selectOption('zhao');
    await ppl.locator('#left-at').fill('10:45');
    await ppl.locator('input[name="leave"][value="not_granted"]').check();
    await ppl.locator('[data-action="save-leaving"]').click();
    await ppl.locator('tr[data-person="zhao"] [data-left="without-leave"]').waitFor();
    expect(await text(ppl.locator('tr[data-person="zhao"] [data-left]'))).toBe('10:45 离开，未请假');
    expect(await text(ppl.locator('tr[data-person="wang"] [data-left]'))).toBe('10:35 离开，已请假');
    const att = ok<any>(await t.api('GET', `/api/bookings/${meetingId}`), 200).attendance as { user: string; leftAt?: string; leaveGranted?: boolean }[];
    expect(att.map((a) => [a.user, a.leftAt ?? null, a.leaveGranted ?? null])).toEqual([
      ['mei', null, null],
      ['wang', '2026-12-01T10:35:00.000Z', true],
      ['zhao', '2026-12-01T10:45:00.000Z', false],
    ]);
    await checkBothLanguages(host, 'meeting-people-left-early');
    // Recorded by mistake: taken back from its row, by the keyboard.
    await ppl.locator('tr[data-person="wang"] [data-action="clear-leaving"]').focus();
    await host.keyboard.press('Enter');
    await ppl.locator('tr[data-person="wang"] [data-left]').waitFor({ state: 'detached' });
    const after = ok<any>(await t.api('GET', `/api/bookings/${meetingId}`), 200).attendance as { user: string; leftAt?: string }[];
    expect(after.filter((a) => a.leftAt).map((a) => a.user)).toEqual(['zhao']);
    expect(await text(ppl.locator('[data-message]'))).toBe('已撤销 王芳 的早退记录。');
  });

  it('at the wrap-up the host proposes the next meeting: refused in words while the room is taken, then booked for the same people (M8)', async () => {
    // The room is already taken a week on at the same time (the form's first guess).
    ok(await t.api('POST', '/api/bookings', { room: 'alpha', title: '培训部例会', start: iso(START + WEEK), end: iso(END + WEEK), headcount: 2 }));
    const host = pages.mei!;
    await host.locator('booking-detail nav.parts a[data-part="next"]').click();
    const next = host.locator('booking-detail meeting-next');
    await next.locator('[data-next="none"]').waitFor();
    expect(await next.locator('#next-day').inputValue()).toBe('2026-12-08');
    expect(await next.locator('#next-from').inputValue()).toBe('10:00');
    await next.locator('#next-topic').fill('客服质量周会：排班复查');
    await next.locator('#next-topic').press('Enter');
    await next.locator('p.form-error[role="alert"]').waitFor();
    expect(await text(next.locator('p.form-error'))).toBe('该时间段会议室已被预订。');
    expect(ok<any>(await t.api('GET', `/api/bookings/${meetingId}/meeting`, undefined, as('mei')), 200).next).toBeNull();
    await checkBothLanguages(host, 'meeting-next-refused');

    await next.locator('#next-from').fill('14:00');
    await next.locator('#next-to').fill('15:00');
    expect(await tabTo(host, '[data-action="propose-next"]', 10)).toBe(true);
    await host.keyboard.press('Enter');
    await next.locator('[data-next="booked"]').waitFor();
    const proposed = ok<any>(await t.api('GET', `/api/bookings/${meetingId}/meeting`, undefined, as('mei')), 200).next;
    expect(proposed).toMatchObject({ topic: '客服质量周会：排班复查', start: '2026-12-08T14:00:00.000Z', end: '2026-12-08T15:00:00.000Z', room: 'alpha', booking: expect.any(String) });
    const booked = ok<any>(await t.api('GET', `/api/bookings/${proposed.booking}`), 200);
    expect(booked).toMatchObject({ title: '客服质量周会：排班复查', host: 'mei', room: 'alpha' });
    expect([...booked.attendees].sort()).toEqual(['wang', 'zhao']);
    expect(await text(next.locator('[data-field="topic"]'))).toBe('客服质量周会：排班复查');
    await checkBothLanguages(host, 'meeting-next-booked');

    // The minute taker sees the proposal but may not propose (the host and the delegate do, G2).
    const mt = await browse('wang');
    await go(mt, `meetings/${meetingId}/next`, 'booking-detail meeting-next [data-next="booked"]');
    expect(await mt.locator('booking-detail meeting-next form[data-form="next"]').count()).toBe(0);
    await expectAccessible(mt, 'next meeting as the minute taker');
    // Its link opens the booked meeting.
    await mt.locator('booking-detail meeting-next [data-next-link]').click();
    await mt.locator('booking-detail h1').filter({ hasText: '客服质量周会：排班复查' }).waitFor();
  });

  it('the host answers the problem an owner raised, hands the action to someone else with a later deadline, and reopens it once reported done (C4-C6)', async () => {
    const action = ok<any>(await t.api('POST', `/api/bookings/${meetingId}/actions`, { text: '更新客服排班表', owner: 'wang', deadline: '2026-12-04T18:00:00.000Z' }, as('mei')));
    ok(await t.api('PATCH', `/api/actions/${action.id}`, { problem: '缺少人事系统的查看权限' }, as('wang')), 200);
    const host = pages.mei!;
    await go(host, `meetings/${meetingId}/outcomes`, `booking-detail meeting-outcomes article[data-action-item="${action.id}"]`);
    const card = host.locator('booking-detail meeting-outcomes action-card').filter({ has: host.locator(`article[data-action-item="${action.id}"]`) });
    await card.locator('[data-field="answer0"]').fill('已向人事部申请，明天开通。');
    await card.locator('[data-action="answer-problem"]').click();
    await card.locator('li[data-problem="0"]').filter({ hasText: '李梅 的答复：已向人事部申请，明天开通。' }).waitFor();
    expect(ok<any>(await t.api('GET', `/api/bookings/${meetingId}/actions`, undefined, as('mei')), 200).find((a: any) => a.id === action.id).problems[0]).toMatchObject({
      answer: '已向人事部申请，明天开通。',
      answeredBy: expect.stringContaining('mei'),
    });

    // Reassign from the keyboard: open the host's tools, choose the new owner and a later day, save.
    await card.locator('[data-host-tools] summary').focus();
    await host.keyboard.press('Enter');
    await card.locator(`#${action.id}-owner`).selectOption('zhao');
    await card.locator(`#${action.id}-deadline`).fill('2026-12-10');
    await checkBothLanguages(host, 'action-host-tools');
    await card.locator(`#${action.id}-deadline`).focus();
    expect(await tabTo(host, '[data-action="reassign"]', 6)).toBe(true);
    await host.keyboard.press('Enter');
    await card.locator('[data-message]').filter({ hasText: '已保存责任人和期限' }).waitFor();
    const moved = ok<any>(await t.api('GET', `/api/bookings/${meetingId}/actions`, undefined, as('mei')), 200).find((a: any) => a.id === action.id);
    expect(moved).toMatchObject({ owner: 'zhao', deadline: '2026-12-10T18:00:00.000Z', department: '市场部' });
    expect(await text(card.locator('.meta'))).toContain('责任人 赵磊');

    // The new owner reports it done; the host finds it is not, and reopens it.
    ok(await t.api('PATCH', `/api/actions/${action.id}`, { status: 'done', report: '排班表已更新。' }, as('zhao')), 200);
    await host.reload();
    await card.locator('.pill[data-state="done"]').waitFor();
    await card.locator('[data-host-tools] summary').click();
    await card.locator('[data-action="reopen"]').focus();
    await host.keyboard.press('Enter');
    await card.locator('.pill[data-state="in_progress"]').waitFor();
    expect(ok<any>(await t.api('GET', `/api/bookings/${meetingId}/actions`, undefined, as('mei')), 200).find((a: any) => a.id === action.id)).toMatchObject({
      status: 'in_progress',
      completedAt: null,
    });
    expect(await card.locator('[data-action="reopen"]').count()).toBe(0);
    await checkBothLanguages(host, 'action-reopened');
  });

  it('the host returns the minutes with a reason; the minute taker reads it beside the editor (C2)', async () => {
    t.clock.set(END + 5 * MIN);
    await t.hub.tick();
    ok(await t.api('PUT', `/api/bookings/${meetingId}/minutes`, { text: '会议讨论了排班与预算。' }, as('wang')), 200);
    ok(await t.api('POST', `/api/bookings/${meetingId}/minutes/submit`, undefined, as('wang')), 200);
    const host = pages.mei!;
    await go(host, `meetings/${meetingId}/minutes`, 'booking-detail meeting-minutes [data-action="return-minutes"]');
    const minutes = host.locator('booking-detail meeting-minutes');
    await minutes.locator('[data-action="return-minutes"]').click();
    expect(await minutes.locator('[data-action="return-minutes"]').getAttribute('aria-expanded')).toBe('true');
    // No reason, no return.
    expect(await minutes.locator('[data-action="confirm-return"]').isDisabled()).toBe(true);
    await minutes.locator('#return-reason').fill('请补充早退人员和下次会议安排。');
    await checkBothLanguages(host, 'minutes-returning');
    await minutes.locator('#return-reason').focus();
    expect(await tabTo(host, '[data-action="confirm-return"]', 3)).toBe(true);
    await host.keyboard.press('Enter');
    await minutes.locator('[data-minutes-status="draft"]').waitFor();
    expect(ok<any>(await t.api('GET', `/api/bookings/${meetingId}/minutes`, undefined, as('wang')), 200)).toMatchObject({ status: 'draft', returnedReason: '请补充早退人员和下次会议安排。' });

    const mt = pages.wang!;
    await go(mt, `meetings/${meetingId}/minutes`, 'booking-detail meeting-minutes [data-returned]');
    expect(await text(mt.locator('booking-detail meeting-minutes [data-returned]'))).toBe('主持人退回： 请补充早退人员和下次会议安排。');
    expect(await mt.locator('booking-detail meeting-minutes minutes-editor #minutes-text').inputValue()).toBe('会议讨论了排班与预算。');
    await checkBothLanguages(mt, 'minutes-returned');
  });
});
