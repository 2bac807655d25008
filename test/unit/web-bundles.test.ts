/**
 * The built front ends (panel/dist, made by `npm run build:panel` before the tests):
 * the door panel loads none of the office app's code, and the JavaScript each
 * page loads is measured (printed, and written to test-output/app/js-sizes.json).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = join(process.cwd(), 'panel/dist');
const built = existsSync(join(DIST, 'app.html'));
const read = (file: string) => readFileSync(join(DIST, 'assets', file), 'utf8');

/** A chunk and every chunk it imports statically, recursively. */
function closure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const m of read(f).matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) visit(m[1]!);
  };
  entries.forEach(visit);
  return seen;
}
const scriptsOf = (html: string) => [...readFileSync(join(DIST, html), 'utf8').matchAll(/assets\/([^"]+\.js)/g)].map((m) => m[1]!);
const size = (files: Set<string>) => {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const b = readFileSync(join(DIST, 'assets', f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  return { raw, gzip: gz };
};

describe.skipIf(!built)('built web front ends', () => {
  it('the door panel loads none of the office app', () => {
    const panel = closure(scriptsOf('index.html'));
    for (const f of panel) {
      const js = read(f);
      expect(js, f).not.toContain('office-app');
      expect(js, f).not.toContain('site.count.rooms'); // the app's catalogue
    }
  });

  it('measures the JavaScript of the panel and of each app page', () => {
    const app = closure(scriptsOf('app.html'));
    const pages = Object.fromEntries(
      [...read([...app].find((f) => f.startsWith('app-'))!).matchAll(/(\w+):\(\)=>\w+\(\(\)=>import\(`\.\/([^`]+\.js)`\)/g)].map(([, page, chunk]) => [page!, chunk!]),
    );
    expect(Object.keys(pages).sort()).toEqual(['account', 'audit', 'devices', 'faults', 'inspections', 'people', 'rooms', 'site']);
    const report = {
      panel: size(closure(scriptsOf('index.html'))),
      appShell: size(app),
      pages: Object.fromEntries(Object.entries(pages).map(([page, chunk]) => [page, size(new Set([...app, ...closure([chunk])]))])),
    };
    mkdirSync(join(process.cwd(), 'test-output', 'app'), { recursive: true });
    writeFileSync(join(process.cwd(), 'test-output', 'app', 'js-sizes.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`JavaScript loaded (bytes, gzip): door panel ${report.panel.raw} (${report.panel.gzip}); office app shell ${report.appShell.raw} (${report.appShell.gzip}); ${Object.entries(report.pages).map(([p, s]) => `${p} ${s.raw} (${s.gzip})`).join(', ')}`);
  });
});
