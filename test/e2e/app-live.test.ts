/**
 * The office web app live (issue 9): a fault reported by a simulated door
 * panel appears on the site view and in the queue without a reload, and is
 * followed to the end (R9) while the panel's room state shows it; staff report
 * and reject one; a safety inspection is recorded (R11), a failed item opening
 * a fault, and an overdue one stands out once the hub's clock moves on.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SimPanel } from '../../firmware-sim/panel.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { appShotPath, attr, checkBothLanguages, DESK, expectAccessible, signIn, text } from '../support/app-browser.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, MIN, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';

const DAY = 24 * 60 * MIN;

describe.skipIf(!chromiumAvailable)('office web app: live faults and inspections', () => {
  let t: TestHub;
  let site: Site;
  let panel: SimPanel;
  let browser: Browser;
  let page: Page;
  let base: string;
  const go = async (hash: string, ready: string) => {
    await page.goto(`${base}/#/${hash}`);
    await page.locator(ready).first().waitFor();
  };
  const panelFaults = () => panel.state?.faults ?? [];

  beforeAll(async () => {
    t = await startTestHub('sqlite');
    site = await provisionRoom(t);
    await t.api('PATCH', '/api/rooms/alpha', { building: 'A座', floor: '2' });
    panel = await SimPanel.connect({ url: t.mqttUrl, deviceId: site.panel.id, token: site.panel.token, room: site.room });
    base = `http://127.0.0.1:${t.hub.httpPort}`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: DESK });
    page.setDefaultTimeout(8000);
    page.on('pageerror', (e) => console.error('page error:', e));
    await signIn(page, base, 'admin', ADMIN_PASSWORD);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: appShotPath(`failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`), fullPage: true });
  });
  afterAll(async () => {
    await panel?.close();
    await browser?.close();
    await t?.stop();
  });

  it('a fault reported on the door panel appears live on the site view and in the queue, and on the panel', async () => {
    await go('site', 'site-tile[data-room="alpha"] .tile');
    const tile = page.locator('site-tile[data-room="alpha"]');
    expect(await tile.locator('[data-fault]').count()).toBe(0);
    const r = await panel.request('report_fault', { equipment: 'projector', description: '投影仪无信号 / no HDMI signal' });
    expect(r.ok).toBe(true);
    await tile.locator('[data-fault] [data-state="reported"]').waitFor(); // live, no reload
    expect(await text(tile.locator('[data-fault]'))).toContain('投影仪');
    await waitFor(() => (panelFaults()[0]?.status === 'reported' ? true : null), { what: 'the panel shows the report' });
    expect(panelFaults()).toEqual([{ equipment: 'projector', status: 'reported' }]);
    await checkBothLanguages(page, 'site-with-fault');
    await go('faults', 'faults-page tbody tr[data-status="reported"]');
    // A second report while the queue is open: it appears without a reload.
    expect((await panel.request('report_fault', { equipment: 'whiteboard', description: '' })).ok).toBe(true);
    await waitFor(async () => ((await page.locator('faults-page tbody tr').count()) === 2 ? true : null), { what: 'the second fault in the queue' });
    await checkBothLanguages(page, 'faults');
  });

  it('follows the fault: acknowledged, in repair (room out of service), resolved; the panel shows each step', async () => {
    await page.locator('faults-page tbody tr:has-text("投影仪") a').click();
    const detail = page.locator('fault-detail');
    await detail.locator('[data-fault-status="reported"]').waitFor();
    await checkBothLanguages(page, 'fault-detail');
    await detail.locator('[data-step="acknowledged"]').click();
    await detail.locator('[data-fault-status="acknowledged"]').waitFor();
    await waitFor(() => (panelFaults().some((f) => f.equipment === 'projector' && f.status === 'acknowledged') ? true : null), { what: 'panel: acknowledged' });

    await detail.locator('#assignee').fill('Zhou (AV contractor)');
    await detail.locator('input[name="outOfService"]').check();
    await detail.locator('#note').fill('Lamp ordered');
    await detail.locator('[data-step="in_repair"]').click();
    await detail.locator('[data-fault-status="in_repair"]').waitFor();
    await waitFor(() => (panelFaults().some((f) => f.equipment === 'projector' && f.status === 'in_repair') ? true : null), { what: 'panel: in repair' });
    await panel.waitForStatus('out_of_service');
    await checkBothLanguages(page, 'fault-in-repair');

    await detail.locator('#note').fill('Lamp replaced');
    await detail.locator('[data-step="resolved"]').click();
    await detail.locator('[data-fault-status="resolved"]').waitFor();
    await detail.locator('[data-ttr]').waitFor(); // time to repair
    await waitFor(() => (!panelFaults().some((f) => f.equipment === 'projector') ? true : null), { what: 'panel: no projector fault' });
    await panel.waitForStatus('free');
    const fault = ((await t.api('GET', '/api/faults?room=alpha&status=resolved')).body as { history: { status: string; by: string; note?: string }[]; assignee: string }[])[0]!;
    expect(fault.history.map((h) => h.status)).toEqual(['reported', 'acknowledged', 'in_repair', 'resolved']);
    expect(fault.history[0]!.by).toBe(`device:${site.panel.id}`);
    expect(fault.history[3]!.note).toBe('Lamp replaced');
    expect(fault.assignee).toBe('Zhou (AV contractor)');
    expect((await text(detail.locator('ol'))) ?? '').toContain('Lamp ordered'); // who did what when
  });

  it('a rejection needs a reason, said beside the note; staff report a fault themselves', async () => {
    await go('faults', 'faults-page tbody tr');
    await page.locator('faults-page tbody tr:has-text("白板") a').click();
    const detail = page.locator('fault-detail');
    await detail.locator('[data-step="rejected"]').click();
    await detail.locator('#note-error').waitFor();
    expect(await attr(detail.locator('#note'), 'aria-describedby')).toContain('note-error');
    await expectAccessible(page, 'fault rejection without a reason');
    await detail.locator('#note').fill('Duplicate of the projector report');
    await detail.locator('[data-step="rejected"]').click();
    await detail.locator('[data-fault-status="rejected"]').waitFor();

    await go('faults', 'faults-page h1');
    const reopen = async () => {
      await page.locator('faults-page [data-action="report-fault"]').click();
      await page.locator('fault-report dialog[open]').waitFor();
    };
    await reopen();
    await checkBothLanguages(page, 'fault-report', { reopen, fullPage: false });
    await page.locator('fault-report #equipment').selectOption('whiteboard');
    await page.locator('fault-report #description').fill('Marker tray broken');
    await page.locator('fault-report [data-action="submit-fault"]').click();
    await page.locator('faults-page tbody tr:has-text("白板")').waitFor();
    const open = (await t.api('GET', '/api/faults?status=open')).body as { equipment: string; reportedBy: string }[];
    expect(open).toEqual([expect.objectContaining({ equipment: 'whiteboard', reportedBy: 'user:admin' })]);
  });

  it('records a safety inspection item by item; a failed item opens a fault (R11, R9)', async () => {
    await go('inspections', 'inspections-page tbody tr[data-room="alpha"]');
    expect(await attr(page.locator('inspections-page tr[data-room="alpha"]'), 'data-overdue')).toBe('false');
    await checkBothLanguages(page, 'inspections');
    await page.locator('inspections-page tr[data-room="alpha"] a').click();
    const room = page.locator('inspection-room');
    await room.locator('[data-action="record"]').waitFor();
    await checkBothLanguages(page, 'inspection-room');
    const reopen = async () => {
      await room.locator('[data-action="record"]').click();
      await page.locator('inspection-record dialog[open]').waitFor();
    };
    await reopen();
    const form = page.locator('inspection-record');
    await form.locator('[data-action="save-inspection"]').click(); // nothing chosen yet
    await form.locator('#item-fire_extinguisher-error').waitFor();
    await checkBothLanguages(page, 'inspection-record', { reopen, fullPage: false });
    for (const item of ['fire_extinguisher', 'exits_and_signs', 'cleanliness']) await form.locator(`input[name="result-${item}"][value="pass"]`).check();
    await form.locator('input[name="result-electrical"][value="fail"]').check();
    await form.locator('#note-electrical').fill('Scorched power strip under the table');
    await form.locator('[data-item="electrical"] [data-open-fault]').check();
    await form.locator('[data-action="save-inspection"]').click();
    await room.locator('li[data-inspection] a').waitFor(); // the fault it opened
    const faults = (await t.api('GET', '/api/faults?room=alpha&status=open')).body as { equipment: string; description: string }[];
    expect(faults.find((f) => f.equipment === 'electrical')?.description).toContain('Scorched power strip');
    const inspections = (await t.api('GET', '/api/rooms/alpha/inspections')).body as { result: string }[];
    expect(inspections.map((i) => i.result)).toEqual(['fail']);
  });

  it('edits the plan: every 7 days, one more checklist item', async () => {
    const room = page.locator('inspection-room');
    const reopen = async () => {
      await room.locator('[data-action="edit-plan"]').click();
      await page.locator('inspection-plan-editor dialog[open]').waitFor();
    };
    await reopen();
    await checkBothLanguages(page, 'inspection-plan', { reopen, fullPage: false });
    const editor = page.locator('inspection-plan-editor');
    await editor.locator('#everyDays').fill('7');
    await editor.locator('[data-action="add-item"]').click();
    await editor.locator('#item-4').fill('Projector cables tidy · 投影线缆整齐');
    await editor.locator('[data-action="save-plan"]').click();
    await room.locator('text=每 7 天').waitFor();
    const plan = (await t.api('GET', '/api/rooms/alpha/inspection-plan')).body as { everyDays: number; checklist: { id: string; label: string }[] };
    expect(plan.everyDays).toBe(7);
    expect(plan.checklist.at(-1)).toEqual({ id: 'item_5', label: 'Projector cables tidy · 投影线缆整齐' });
  });

  it('flags an overdue inspection on the site view and in the list once it is due', async () => {
    t.clock.advance(8 * DAY);
    await t.hub.tick();
    await t.signInAgain();
    await signIn(page, base, 'admin', ADMIN_PASSWORD); // the session ran out on the hub's clock
    await go('site', 'site-tile[data-room="alpha"] .inspection [data-state="overdue"]');
    expect(await text(page.locator('site-summary [data-count="overdue"]'))).toContain('1');
    await page.locator('site-view [data-filter="attention"]').check();
    await page.locator('site-tile[data-room="alpha"]').waitFor();
    await checkBothLanguages(page, 'site-overdue');
    await go('inspections', 'inspections-page tr[data-room="alpha"][data-overdue="true"] [data-state="overdue"]');
    await page.locator('inspections-page [data-filter="overdue"]').check();
    await page.locator('inspections-page tr[data-room="alpha"][data-overdue="true"]').waitFor();
    await checkBothLanguages(page, 'inspections-overdue');
    expect(((await t.api('GET', '/api/inspections?overdue=true')).body as { room: string }[]).map((p) => p.room)).toEqual(['alpha']);
  });
});
