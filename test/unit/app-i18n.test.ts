/** The office web app's catalogues (issue 9) and its weekly opening-hours conversion (R14). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toPeriods, toWeek } from '../../panel/src/app/opening-hours.js';
import { APP_MESSAGES, translateApp } from '../../shared/i18n/app.js';
import { PANEL_MESSAGES } from '../../shared/i18n/panel.js';

const APP_SRC = join(process.cwd(), 'panel/src/app');
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? sources(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));

describe('office app catalogues', () => {
  it('Chinese and English have exactly the same keys, none empty', () => {
    const en = Object.keys(APP_MESSAGES.en).sort();
    expect(Object.keys(APP_MESSAGES['zh-CN']).sort()).toEqual(en);
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const [k, v] of Object.entries(APP_MESSAGES[locale])) expect(v.trim(), `${locale} ${k}`).not.toBe('');
    }
  });

  it('shares the panel words rather than repeating them: no key in both catalogues', () => {
    const panel = new Set(Object.keys(PANEL_MESSAGES.en));
    expect(Object.keys(APP_MESSAGES.en).filter((k) => panel.has(k))).toEqual([]);
    expect(translateApp('zh-CN', 'status.in_use')).toBe('使用中'); // the door panel's word
    expect(translateApp('en', 'equipment.projector')).toBe('Projector');
  });

  it('every literal key the app asks for is in a catalogue, with the same placeholders in both languages', () => {
    const known = new Set([...Object.keys(APP_MESSAGES.en), ...Object.keys(PANEL_MESSAGES.en)]);
    const used = new Set(sources(APP_SRC).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\b(?:t|note)\('([a-zA-Z0-9_.]+)'/g)].map((m) => m[1]!)));
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of Object.entries(APP_MESSAGES.en)) expect(holes(APP_MESSAGES['zh-CN'][k as keyof typeof APP_MESSAGES.en]), k).toEqual(holes(v));
  });

  it('no words in templates: the app has no Chinese text outside the catalogues', () => {
    const cjk = /[\u4e00-\u9fff]/;
    expect(sources(APP_SRC).filter((f) => cjk.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});

describe('weekly opening hours', () => {
  it('turns the API periods into days and back, days with the same hours sharing a period', () => {
    const periods = [
      { days: [1, 2, 3, 4, 5], open: '09:00', close: '12:00' },
      { days: [1, 2, 3, 4, 5], open: '13:00', close: '17:30' },
      { days: [6], open: '10:00', close: '24:00' },
    ];
    const week = toWeek(periods);
    expect(week[0]).toEqual([{ open: '09:00', close: '12:00' }, { open: '13:00', close: '17:30' }]);
    expect(week[6]).toEqual([]);
    expect(toPeriods(week)).toEqual(periods);
    week[2] = [{ open: '08:00', close: '18:00' }];
    expect(toPeriods(week)).toContainEqual({ days: [3], open: '08:00', close: '18:00' });
    expect(toPeriods(toWeek([]))).toEqual([]);
  });
});
