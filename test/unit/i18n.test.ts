import { describe, expect, it } from 'vitest';
import { PANEL_MESSAGES, translate } from '../../shared/i18n/panel.js';

describe('panel catalogues', () => {
  it('Chinese and English have exactly the same keys, none empty', () => {
    const en = Object.keys(PANEL_MESSAGES.en).sort();
    expect(Object.keys(PANEL_MESSAGES['zh-CN']).sort()).toEqual(en);
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const [k, v] of Object.entries(PANEL_MESSAGES[locale])) expect(v.trim(), `${locale} ${k}`).not.toBe('');
    }
  });
  it('fills parameters', () => {
    expect(translate('zh-CN', 'badge.signedIn', { name: '李伟' })).toBe('李伟 已签到');
    expect(translate('en', 'room.freeUntil', { time: '10:00' })).toBe('Free until 10:00');
  });
  it('never shows a policy id such as "(R15)" on a door', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const [k, v] of Object.entries(PANEL_MESSAGES[locale])) expect(v, `${locale} ${k}`).not.toMatch(/[(（]\s*[GMRCS]\d+\s*[)）]/);
    }
  });
});
