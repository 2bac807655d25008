/**
 * The office web app end to end (issue 9) in headless Chromium against a real
 * hub: sign-in, rooms with their opening hours, devices with the panel's QR
 * code read back, people with a badge enrolled by a tap, the audit log, and a
 * member kept out of the admin pages and their API. axe-core checks every page
 * and state; screenshots go to test-output/app/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SimReader } from '../../firmware-sim/reader.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { appShotPath, attr, checkBothLanguages, DESK, expectAccessible, focusPath, readQr, setLanguage, signIn, text, value } from '../support/app-browser.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, provisionRoom, type Site, startTestHub, type TestHub } from '../support/hub-fixture.js';

describe.skipIf(!chromiumAvailable)('office web app: admin pages', () => {
  let t: TestHub;
  let site: Site;
  let browser: Browser;
  let page: Page;
  let base: string;
  const go = async (hash: string, ready: string) => {
    await page.goto(`${base}/#/${hash}`);
    await page.locator(ready).first().waitFor();
  };

  beforeAll(async () => {
    t = await startTestHub('sqlite');
    site = await provisionRoom(t);
    base = `http://127.0.0.1:${t.hub.httpPort}`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: DESK });
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

  it('serves the app at / with a sign-in form that password managers understand; wrong passwords are told apart', async () => {
    await page.goto(`${base}/`);
    expect(await attr(page.locator('sign-in-form #username'), 'autocomplete')).toBe('username');
    expect(await attr(page.locator('sign-in-form #password'), 'autocomplete')).toBe('current-password');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await checkBothLanguages(page, 'sign-in');
    await page.locator('sign-in-form #username').fill('admin');
    await page.locator('sign-in-form #password').fill('wrong-password');
    await page.locator('sign-in-form button[type=submit]').click();
    expect(await text(page.locator('sign-in-form .field-error'))).toBe('用户名或密码错误。');
    expect(await attr(page.locator('sign-in-form #password'), 'aria-describedby')).toBe('sign-in-error');
    await checkBothLanguages(page, 'sign-in-error');
  });

  it('signs in with the session cookie (HttpOnly) and shows the live site view', async () => {
    await signIn(page, base, 'admin', ADMIN_PASSWORD);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'hub_session');
    expect(cookie?.httpOnly).toBe(true);
    await page.locator('site-view site-tile[data-room="alpha"] .tile[data-status="free"]').waitFor();
    expect(await attr(page.locator('site-view [data-stream]'), 'data-stream')).toBe('live');
    expect(await page.locator('site-tile[data-room="alpha"] .state').textContent()).toContain('空闲'); // the panel's word
    await checkBothLanguages(page, 'site');
  });

  it('the English choice is remembered across visits', async () => {
    await setLanguage(page, 'en');
    await page.reload();
    await page.locator('office-app header').waitFor();
    expect(await text(page.locator('office-app nav a[data-page="rooms"]'))).toBe('Rooms');
    await setLanguage(page, 'zh-CN');
  });

  it('is usable from the keyboard: a skip link, and a dialog that keeps focus inside and closes with Escape', async () => {
    await go('rooms', 'rooms-page tbody tr');
    await page.reload(); // a fresh page: nothing focused yet
    await page.locator('rooms-page tbody tr').first().waitFor();
    await page.keyboard.press('Tab');
    expect((await focusPath(page))[0]).toBe('a'); // the skip link comes first
    expect(await page.locator('office-app .skip').boundingBox()).not.toBeNull();
    await page.locator('rooms-page [data-action="new-room"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('room-editor app-dialog dialog[open]').waitFor();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const path = await focusPath(page);
      expect(path.includes('room-editor') || path.includes('app-dialog'), `focus left the dialog: ${path.join(' < ')}`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await page.locator('room-editor dialog').waitFor({ state: 'hidden' });
    // The element reflects `open` in its next update, a moment after the native dialog closed.
    await page.locator('room-editor app-dialog:not([open])').waitFor({ state: 'attached', timeout: 2000 });
    expect(await attr(page.locator('room-editor app-dialog'), 'open')).toBeNull();
    // Focus is back where it was: on the button that opened the dialog.
    expect(await page.evaluate(() => document.querySelector('office-app')!.shadowRoot!.querySelector('rooms-page')!.shadowRoot!.activeElement?.getAttribute('data-action'))).toBe('new-room');
  });

  it('creates a room with opening hours from the weekly editor; a validation error shows beside its field', async () => {
    await go('rooms', 'rooms-page tbody tr');
    await page.locator('rooms-page [data-action="new-room"]').click();
    const editor = page.locator('room-editor');
    await editor.locator('#name').fill('Beta 会议室');
    await editor.locator('#id').fill('beta');
    await editor.locator('#capacity').fill('0'); // the hub refuses: at least 1
    await editor.locator('#building').fill('A座');
    await editor.locator('#floor').fill('3');
    await editor.locator('#timeZone').fill('Asia/Shanghai');
    await editor.locator('input[name="eq-projector"]').check();
    await editor.locator('#otherEquipment').fill('speakerphone');
    const hours = editor.locator('opening-hours-editor');
    // Monday 09:00-12:00 and 13:00-17:30, copied to Tuesday-Friday; Saturday 10:00 to midnight.
    const monday = hours.locator('tr[data-day="1"]');
    await monday.locator('[data-field="open"]').first().fill('09:00');
    await monday.locator('[data-field="close"]').first().fill('12:00');
    await monday.locator('[data-action="add-period"]').click();
    await monday.locator('[data-field="open"]').nth(1).fill('13:00');
    await monday.locator('[data-field="close"]').nth(1).fill('17:30');
    await hours.locator('[data-action="copy-monday"]').click();
    const saturday = hours.locator('tr[data-day="6"]');
    await saturday.locator('[data-field="open-day"]').check();
    await saturday.locator('[data-field="open"]').fill('10:00');
    await saturday.locator('[data-field="close"]').fill('00:00');
    await editor.locator('[data-action="save-room"]').click();
    await editor.locator('#capacity-error').waitFor();
    expect(await attr(editor.locator('#capacity'), 'aria-invalid')).toBe('true');
    expect(await attr(editor.locator('#capacity'), 'aria-describedby')).toBe('capacity-error');
    const reopen = async () => {
      if (!(await page.locator('room-editor app-dialog dialog[open]').count())) {
        await page.locator('rooms-page [data-action="new-room"]').click();
      }
    };
    await expectAccessible(page, 'room editor with an error');
    await editor.locator('#capacity').fill('8');
    await editor.locator('[data-action="save-room"]').click();
    await page.locator('rooms-page tr[data-room="beta"]').waitFor();
    const beta = (await t.api('GET', '/api/rooms/beta')).body;
    expect(beta).toMatchObject({ name: 'Beta 会议室', capacity: 8, building: 'A座', floor: '3', timeZone: 'Asia/Shanghai', equipment: ['projector', 'speakerphone'] });
    expect(beta.openingHours).toEqual(
      expect.arrayContaining([
        { days: [1, 2, 3, 4, 5], open: '09:00', close: '12:00' },
        { days: [1, 2, 3, 4, 5], open: '13:00', close: '17:30' },
        { days: [6], open: '10:00', close: '24:00' },
      ]),
    );
    expect(beta.openingHours).toHaveLength(3);
    await checkBothLanguages(page, 'rooms');
    // The editor, filled, in both languages.
    const editBeta = async () => {
      await page.locator('rooms-page tr[data-room="beta"] [data-action="edit"]').click();
      await page.locator('room-editor app-dialog dialog[open]').waitFor();
    };
    await editBeta();
    expect(await value(editor.locator('opening-hours-editor tr[data-day="6"] [data-field="close"]'), '00:00')).toBe('00:00');
    await checkBothLanguages(page, 'room-editor', { reopen: editBeta, fullPage: false });
    await page.keyboard.press('Escape');
    void reopen;
  });

  it('archives and restores a room', async () => {
    await page.locator('rooms-page tr[data-room="beta"] [data-action="archive"]').click();
    await page.locator('rooms-page tr[data-room="beta"]').waitFor({ state: 'detached' });
    expect((await t.api('GET', '/api/rooms/beta')).body.archived).toBe(true);
    await page.locator('rooms-page [data-filter="archived"]').check();
    await page.locator('rooms-page tr[data-room="beta"] [data-action="restore"]').click();
    await waitFor(async () => (await t.api('GET', '/api/rooms/beta')).body.archived === false || null, { what: 'beta restored' });
  });

  it('provisions a panel whose QR code reads back as its provisioning link, and a reader with its token and bridge command', async () => {
    await go('devices', 'devices-page tbody tr');
    await checkBothLanguages(page, 'devices');
    const form = page.locator('device-provision');
    await form.locator('input[name="kind"][value="panel"]').check();
    await form.locator('#room').selectOption('beta');
    await form.locator('#deviceId').fill('beta-panel');
    await form.locator('[data-action="provision"]').click();
    const qr = page.locator('device-credentials qr-code img');
    await qr.waitFor();
    const url = await page.locator('device-credentials [data-secret="url"]').textContent();
    expect(url).toMatch(new RegExp(`^${base}/panel/#device=beta-panel&token=[^&]+&room=beta$`));
    expect(await readQr(qr)).toBe(url);
    await checkBothLanguages(page, 'device-panel-qr', {
      fullPage: false,
      reopen: async () => {
        // The link is shown once: a new panel for the other language's picture.
        await form.locator('input[name="kind"][value="panel"]').check();
        await form.locator('#room').selectOption('alpha');
        await form.locator('[data-action="provision"]').click();
        await page.locator('device-credentials qr-code img').waitFor();
      },
    });
    await page.keyboard.press('Escape');
    await form.locator('input[name="kind"][value="reader"]').check();
    await form.locator('#room').selectOption('beta');
    await form.locator('#deviceId').fill('beta-reader');
    await form.locator('[data-action="provision"]').click();
    const command = await page.locator('device-credentials [data-secret="command"]').textContent();
    const token = await page.locator('device-credentials [data-secret="token"]').textContent();
    expect(command).toBe(`npm run reader-bridge -- --serial /dev/ttyUSB0 --protocol pn532 --mqtt mqtt://127.0.0.1:${t.hub.mqttPort} --device beta-reader --token ${token}`);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await page.locator('device-credentials copy-button button').first().click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await expectAccessible(page, 'reader credentials');
    await page.screenshot({ path: appShotPath('device-reader-token-zh-CN-1440x900') });
    await page.keyboard.press('Escape');
  });

  it('re-issues a token (the old one is dead) and revokes a device', async () => {
    await page.locator('devices-page tr[data-device="beta-reader"] [data-action="reissue"]').click();
    await page.locator('devices-page [data-action="confirm"]').click();
    const token = await page.locator('device-credentials [data-secret="token"]').textContent();
    expect(token).toBeTruthy();
    await page.locator('devices-page [data-action="done"]').click();
    const reader = await SimReader.connect({ url: t.mqttUrl, deviceId: 'beta-reader', token: token! });
    await reader.close();
    await page.locator('devices-page tr[data-device="beta-reader"] [data-action="revoke"]').click();
    await expectAccessible(page, 'revoke confirmation');
    await page.locator('devices-page [data-action="confirm"]').click();
    await page.locator('devices-page tr[data-device="beta-reader"]').waitFor({ state: 'detached' });
    expect((await t.api('GET', '/api/devices')).body.find((d: { id: string }) => d.id === 'beta-reader').health).toBe('revoked');
  });

  it('enrols a badge by a tap on a reader, clears a lost one, and deactivates a person', async () => {
    await go('people', 'people-page tbody tr');
    await checkBothLanguages(page, 'people');
    await page.locator('people-page [data-action="new-user"]').click();
    const editor = page.locator('user-editor');
    await editor.locator('#name').fill('王芳');
    await editor.locator('#username').fill('wangfang');
    await editor.locator('#email').fill('wang.fang@example.com');
    await editor.locator('#department').fill('客服部');
    await editor.locator('[data-action="enrol"]').click();
    await editor.locator('badge-enrol #reader').selectOption(site.reader.id);
    await editor.locator('badge-enrol [data-action="capture"]').click();
    await editor.locator('badge-enrol [data-capture="waiting"]').waitFor();
    const reader = await SimReader.connect({ url: t.mqttUrl, deviceId: site.reader.id, token: site.reader.token });
    await reader.tap('C0FFEE01', new Date(t.clock.now()));
    expect(await value(editor.locator('#badgeUid'), 'C0FFEE01')).toBe('C0FFEE01');
    await reader.close();
    await expectAccessible(page, 'badge captured');
    await editor.locator('[data-action="save-user"]').click();
    await page.locator('people-page tbody td[data-badge="C0FFEE01"]').waitFor();
    const users = (await t.api('GET', '/api/users')).body as { username: string; badgeUid: string | null; id: string }[];
    expect(users.find((u) => u.username === 'wangfang')?.badgeUid).toBe('C0FFEE01');
    const openEditor = async () => {
      await page.locator(`people-page tr[data-user="${site.guest.id}"] [data-action="edit"]`).click();
      await page.locator('user-editor app-dialog dialog[open]').waitFor();
      await editor.locator('[data-action="enrol"]').click();
    };
    await openEditor();
    await checkBothLanguages(page, 'person-editor', { reopen: openEditor, fullPage: false });
    // A lost badge: cleared.
    await editor.locator('[data-action="clear-badge"]').click();
    await editor.locator('[data-action="save-user"]').click();
    await waitFor(async () => (await t.api('GET', `/api/users/${site.guest.id}`)).body.badgeUid === null || null, { what: 'badge cleared' });
    await page.locator(`people-page tr[data-user="${site.guest.id}"] [data-action="deactivate"]`).click();
    await expectAccessible(page, 'deactivate confirmation');
    await page.locator('people-page [data-action="confirm-deactivate"]').click();
    await page.locator(`people-page tr[data-user="${site.guest.id}"]`).waitFor({ state: 'detached' });
    expect((await t.api('GET', `/api/users/${site.guest.id}`)).body.active).toBe(false);
  });

  it('shows the audit log, filtered by type and room, paged', async () => {
    await go('audit', 'audit-page tbody tr');
    expect(await page.locator('audit-page tbody tr').count()).toBeGreaterThan(5);
    await page.locator('audit-page #type').selectOption('device.');
    await page.locator('audit-page [data-action="filter"]').click();
    await waitFor(async () => {
      const types = await page.locator('audit-page tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));
      return types.length > 0 && types.every((x) => x?.startsWith('device.')) ? types : null;
    }, { what: 'device entries only' });
    await page.locator('audit-page #room').selectOption('beta');
    await page.locator('audit-page [data-action="filter"]').click();
    await waitFor(async () => (await page.locator('audit-page tbody tr[data-type="device.revoked"]').count()) === 1 || null, { what: 'beta device entries' });
    await checkBothLanguages(page, 'audit');
  });

  it('keeps a member to their own pages (booking, meetings, actions, minutes, calendars, usage, account): no admin pages, and the admin API answers 403', async () => {
    expect((await t.api('POST', '/api/users', { username: 'mei', name: '李梅', password: 'member-pass-1', role: 'member', email: 'mei@example.com' })).status).toBe(201);
    await page.locator('office-app [data-action="sign-out"]').click();
    await page.locator('sign-in-form #username').waitFor();
    expect((await page.context().cookies()).find((c) => c.name === 'hub_session')).toBeUndefined();
    await signIn(page, base, 'mei', 'member-pass-1');
    await page.locator('meetings-page h1').waitFor();
    expect(await page.locator('office-app nav a').evaluateAll((as) => as.map((a) => a.getAttribute('data-page')))).toEqual(['find', 'meetings', 'actions', 'minutes', 'calendar', 'analytics', 'account']);
    for (const hash of ['site', 'devices', 'faults', 'audit', 'people', 'approvals']) {
      await page.goto(`${base}/#/${hash}`);
      await page.locator('meetings-page h1').waitFor();
      expect(page.url()).toBe(`${base}/#/meetings`);
      expect(await page.locator(`${hash === 'site' ? 'site-view' : `${hash}-page`}`).count()).toBe(0);
    }
    const statuses = await page.evaluate(async () =>
      Promise.all(['/api/devices', '/api/faults', '/api/site', '/api/audit', '/api/inspections', '/api/approvals'].map(async (p) => [p, (await fetch(p)).status])),
    );
    expect(Object.fromEntries(statuses)).toEqual({ '/api/devices': 403, '/api/faults': 403, '/api/site': 403, '/api/audit': 403, '/api/inspections': 403, '/api/approvals': 403 });
    await page.goto(`${base}/#/account`);
    await page.locator('account-page h1').waitFor();
    await checkBothLanguages(page, 'member-account');
    // Their own name, through PATCH /api/users/{id}.
    await page.locator('account-page #name').fill('李梅梅');
    await page.locator('account-page [data-action="save-details"]').click();
    await waitFor(async () => ((await t.api('GET', '/api/users')).body as { username: string; name: string }[]).find((u) => u.username === 'mei')?.name === '李梅梅' || null, { what: 'name saved' });
  });

  it('shows an admin their account page', async () => {
    await page.locator('office-app [data-action="sign-out"]').click();
    await signIn(page, base, 'admin', ADMIN_PASSWORD);
    await go('account', 'account-page h1');
    await checkBothLanguages(page, 'account');
  });
});
