/**
 * The built front ends (made by `npm run build:panel` before the tests): the door
 * panel (panel/dist) and the office web app (panel/dist-app) are two separate Vite
 * builds, so the app can never change the panel's bytes (issue 9). The panel loads
 * none of the app's code, stays within its size budget, and the JavaScript each page
 * loads is measured (printed, and written to test-output/app/js-sizes.json).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import panelConfig from '../../panel/vite.config.js';

const PANEL = join(process.cwd(), 'panel/dist');
const APP = join(process.cwd(), 'panel/dist-app');
const built = existsSync(join(PANEL, 'index.html')) && existsSync(join(APP, 'app.html'));

/**
 * The door panel's JavaScript budget (gzip bytes): what it loads (Lit, MQTT.js, its
 * elements and words). Raised only on purpose, with the panel change that needs it.
 */
const PANEL_GZIP_BUDGET = 120_000;

/** A chunk and every chunk it imports statically, recursively. */
function closure(dist: string, entries: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const m of readFileSync(join(dist, 'assets', f), 'utf8').matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) visit(m[1]!);
  };
  entries.forEach(visit);
  return seen;
}
const scriptsOf = (dist: string, html: string) => [...readFileSync(join(dist, html), 'utf8').matchAll(/assets\/([^"]+\.js)/g)].map((m) => m[1]!);
const size = (dist: string, files: Set<string>) => {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const b = readFileSync(join(dist, 'assets', f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  return { raw, gzip: gz };
};

describe('the door panel is its own build', () => {
  it('builds only the panel and its element harness: the office app is not one of its inputs', () => {
    const input = (panelConfig as { build: { rollupOptions: { input: Record<string, string> } } }).build.rollupOptions.input;
    expect(Object.keys(input).sort()).toEqual(['harness', 'index']);
    expect(Object.values(input).some((p) => p.endsWith('app.html'))).toBe(false);
  });
});

describe.skipIf(!built)('built web front ends', () => {
  it('the door panel loads none of the office app, and no file of the panel build is the app\'s', () => {
    const panel = closure(PANEL, scriptsOf(PANEL, 'index.html'));
    for (const f of readdirSync(join(PANEL, 'assets'))) {
      const js = readFileSync(join(PANEL, 'assets', f), 'utf8');
      expect(js, f).not.toContain('office-app');
      expect(js, f).not.toContain('site.count.rooms'); // the app's catalogue
    }
    expect(panel.size).toBeGreaterThan(0);
    expect(readdirSync(PANEL)).not.toContain('app.html');
  });

  it('measures the JavaScript of the panel and of each app page; the panel stays within its budget', () => {
    const app = closure(APP, scriptsOf(APP, 'app.html'));
    const shell = readFileSync(join(APP, 'assets', [...app].find((f) => f.startsWith('app-'))!), 'utf8');
    const pages = Object.fromEntries([...shell.matchAll(/(\w+):\(\)=>\w+\(\(\)=>import\(`\.\/([^`]+\.js)`\)/g)].map(([, page, chunk]) => [page!, chunk!]));
    expect(Object.keys(pages).length).toBeGreaterThanOrEqual(8);
    const report = {
      panel: size(PANEL, closure(PANEL, scriptsOf(PANEL, 'index.html'))),
      appShell: size(APP, app),
      pages: Object.fromEntries(Object.entries(pages).map(([page, chunk]) => [page, size(APP, new Set([...app, ...closure(APP, [chunk])]))])),
    };
    mkdirSync(join(process.cwd(), 'test-output', 'app'), { recursive: true });
    writeFileSync(join(process.cwd(), 'test-output', 'app', 'js-sizes.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`JavaScript loaded (bytes, gzip): door panel ${report.panel.raw} (${report.panel.gzip}); office app shell ${report.appShell.raw} (${report.appShell.gzip}); ${Object.entries(report.pages).map(([p, s]) => `${p} ${s.raw} (${s.gzip})`).join(', ')}`);
    expect(report.panel.gzip).toBeLessThanOrEqual(PANEL_GZIP_BUDGET);
  });
});
