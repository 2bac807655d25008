/**
 * Issue 13: the interactive API reference at /docs, read in headless Chromium.
 * It must work on a site without internet access: every request the page makes
 * stays on the hub, every asset loads, and the operations of the OpenAPI
 * document are listed.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, screenshotPath } from '../support/browser.js';
import { expectAccessible } from '../support/app-browser.js';
import { startTestHub, type TestHub } from '../support/hub-fixture.js';

describe('API reference at /docs', () => {
  let t: TestHub;
  let browser: Browser | undefined;
  beforeAll(async () => {
    t = await startTestHub('sqlite');
    if (chromiumAvailable) browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('is an HTML page served without a session, whose scripts and styles the hub serves itself', async () => {
    const res = await fetch(`http://127.0.0.1:${t.hub.httpPort}/docs/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/https?:/);
    const html = await res.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const a of assets) {
      expect(a, 'a relative asset, never a CDN').not.toMatch(/^(https?:)?\/\//);
      const asset = await fetch(new URL(a, `http://127.0.0.1:${t.hub.httpPort}/docs/`));
      expect(asset.status, a).toBe(200);
      await asset.arrayBuffer(); // read to its end: an unread body keeps its connection busy
    }
    const init = await (await fetch(`http://127.0.0.1:${t.hub.httpPort}/docs/static/swagger-initializer.js`)).text();
    expect(init).toMatch(/validatorUrl: null/);
  });

  describe.skipIf(!chromiumAvailable)('in Chromium', () => {
    it('lists the operations, loading nothing from outside the hub', async () => {
      // bypassCSP only so axe-core can be injected; the CSP header itself is checked above.
      const page = await (await browser!.newContext({ bypassCSP: true })).newPage();
      const origin = `http://127.0.0.1:${t.hub.httpPort}`;
      const requested: string[] = [];
      const failed: string[] = [];
      const problems: string[] = [];
      // Every request is seen here; one leaving the hub is recorded and refused.
      await page.route('**/*', (route) => {
        const url = route.request().url();
        requested.push(url);
        return url.startsWith(origin) || url.startsWith('data:') ? route.continue() : route.abort();
      });
      page.on('requestfailed', (r) => failed.push(r.url()));
      page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));

      await page.goto(`${origin}/docs`);
      await page.waitForSelector('.opblock', { timeout: 15_000 });
      const paths = await page.locator('.opblock-summary-path').allTextContents();
      expect(paths.map((p) => p.replace(/\u200b/g, ''))).toEqual(expect.arrayContaining(['/api/bookings', '/api/rooms/{room}']));
      expect(await page.locator('.info .title').textContent()).toMatch(/Meeting hub API/);
      await page.screenshot({ path: screenshotPath('api-reference') });
      await expectAccessible(page, 'api reference');
      await page.close();

      expect(requested.length).toBeGreaterThan(3);
      expect(
        requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:')),
        'requests leaving the hub',
      ).toEqual([]);
      expect(failed).toEqual([]);
      expect(problems).toEqual([]);
    });
  });
});
