/**
 * Driving the office web app in Chromium: sign-in, axe-core checks that fail
 * on any WCAG 2.1 A/AA violation, screenshots at desk and phone sizes in both
 * languages (test-output/app/), and reading a QR code back from a screenshot.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import type { Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
// jsqr is CommonJS with a `default` export: under NodeNext the default import is the module object.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule.default }).default ?? jsQRModule) as unknown as typeof jsQRModule.default;

export const APP_SHOTS = join(process.cwd(), 'test-output', 'app');
export const DESK = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };
let shotsDir = APP_SHOTS;

/** Where this test file's screenshots go (test-output/app/ unless a file chooses another folder). */
export function shotsInto(dir: string) {
  shotsDir = dir;
}

export function appShotPath(name: string): string {
  mkdirSync(shotsDir, { recursive: true });
  return join(shotsDir, `${name}.png`);
}

/** Presses Tab (at most `max` times) until the focused element (through shadow roots) matches `selector`; true when it did. */
export async function tabTo(page: Page, selector: string, max = 60): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate((sel) => {
      let a: Element | null = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return !!a?.matches(sel);
    }, selector);
    if (hit) return true;
  }
  return false;
}

export async function signIn(page: Page, base: string, username: string, password: string) {
  await page.goto(`${base}/`);
  await page.locator('sign-in-form #username').fill(username);
  await page.locator('sign-in-form #password').fill(password);
  await page.locator('sign-in-form button[type=submit]').click();
  await page.locator('office-app [data-action="sign-out"]').waitFor();
}

/** The app's language, as a person would switch it (the choice is remembered). */
export async function setLanguage(page: Page, locale: 'zh-CN' | 'en') {
  if ((await page.evaluate(() => document.documentElement.lang)) === locale) return;
  await page.locator('office-app [data-action="language"], sign-in-form [data-action="language"]').first().click();
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
}

/** axe-core on the whole page (open shadow roots included): WCAG 2.1 A and AA; fails on any violation and prints them. */
export async function expectAccessible(page: Page, state: string) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: unknown; failureSummary: string }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: JSON.stringify(n.target), summary: n.failureSummary })) }));
  });
  if (violations.length) console.log(`axe violations in "${state}":\n${JSON.stringify(violations, null, 2)}`);
  expect(violations, `axe violations in "${state}"`).toEqual([]);
}

/** Screenshots of what is on screen now at 1440×900 and 390×844 (full page), as `<name>-<lang>-<size>.png`. */
export async function shootBothSizes(page: Page, name: string, opts: { fullPage?: boolean; check?: boolean } = {}) {
  const lang = await page.evaluate(() => document.documentElement.lang);
  const before = page.viewportSize();
  for (const size of [DESK, PHONE]) {
    await page.setViewportSize(size);
    // From the top: a full-page picture of a scrolled page shows the sticky header mid-page.
    if (opts.fullPage ?? true) await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(60); // a layout pass after the resize
    await page.screenshot({ path: appShotPath(`${name}-${lang}-${size.width}x${size.height}`), fullPage: opts.fullPage ?? true });
    if (opts.check !== false && size === PHONE) await expectNoSideScroll(page, `${name} ${lang} phone`);
  }
  if (before) await page.setViewportSize(before);
}

/** On a phone the page must not scroll sideways (WCAG 1.4.10 reflow): wide tables scroll inside their own region. */
export async function expectNoSideScroll(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${what} scrolls sideways`).toBeLessThanOrEqual(1);
}

/** Reads the QR code in an element's screenshot. */
export async function readQr(element: Locator): Promise<string | null> {
  const png = PNG.sync.read(await element.screenshot());
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data ?? null;
}

/** The durations (ms) of a performance measure in the page. */
export function measures(page: Page, name: string): Promise<number[]> {
  return page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((e) => e.duration), name);
}

/**
 * A page state checked and pictured in both languages: axe-core, then
 * screenshots at both sizes. `reopen` brings a dialog back after the language
 * switch (the header is inert behind a modal dialog).
 */
export async function checkBothLanguages(page: Page, name: string, opts: { reopen?: () => Promise<void>; fullPage?: boolean; check?: boolean } = {}) {
  for (const locale of ['zh-CN', 'en'] as const) {
    if (opts.reopen) {
      await page.keyboard.press('Escape');
      await setLanguage(page, locale);
      await opts.reopen();
    } else {
      await setLanguage(page, locale);
    }
    await page.waitForTimeout(50);
    await expectAccessible(page, `${name} (${locale})`);
    await shootBothSizes(page, name, opts);
  }
  if (opts.reopen) await page.keyboard.press('Escape');
  await setLanguage(page, 'zh-CN');
  if (opts.reopen) await opts.reopen();
}

/** The tag names from the focused element up through its shadow hosts. */
export function focusPath(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    const path: string[] = [];
    for (let n: Node | null = a; n; n = (n as ShadowRoot).host ?? n.parentNode) if (n instanceof Element) path.push(n.tagName.toLowerCase());
    return path;
  });
}

/** An element's text, once it is there. */
export async function text(l: Locator): Promise<string | null> {
  await l.first().waitFor();
  return l.first().textContent();
}

/** An attribute, once the element is there. */
export async function attr(l: Locator, name: string): Promise<string | null> {
  await l.first().waitFor({ state: 'attached' });
  return l.first().getAttribute(name);
}

/** An input's value, waiting (up to 5 s) for it to become `expected`. */
export async function value(l: Locator, expected: string): Promise<string> {
  const end = Date.now() + 5000;
  let v = await l.inputValue();
  while (v !== expected && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    v = await l.inputValue();
  }
  return v;
}

/**
 * Like checkBothLanguages, for a state that cannot be opened again as it was (a
 * filled form, a series' answer): the language is switched under the open
 * dialog through the app shell itself (the header's button is inert behind a
 * modal), so the state stays as it is.
 */
export async function checkBothLanguagesInPlace(page: Page, name: string, opts: { fullPage?: boolean; check?: boolean } = {}) {
  const switchTo = async (locale: 'zh-CN' | 'en') => {
    if ((await page.evaluate(() => document.documentElement.lang)) === locale) return;
    await page.evaluate(() => (document.querySelector('office-app') as unknown as { switchLanguage(): void }).switchLanguage());
    await page.waitForFunction((l) => document.documentElement.lang === l, locale);
  };
  for (const locale of ['zh-CN', 'en'] as const) {
    await switchTo(locale);
    await page.waitForTimeout(50);
    await expectAccessible(page, `${name} (${locale})`);
    await shootBothSizes(page, name, { fullPage: false, ...opts });
  }
  await switchTo('zh-CN');
}
