/** The panel's language: the hub's default, switchable on the panel, remembered on the tablet. */
import { isMessageKey, type Locale, type MessageKey, translate } from '../../shared/i18n/panel.js';

const KEY = 'meeting-panel.locale';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function chosenLocale(storage: Storage, hubDefault: string | undefined): Locale {
  const stored = storage.getItem(KEY);
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return hubDefault === 'en' ? 'en' : 'zh-CN';
}

export function rememberLocale(storage: Storage, locale: Locale) {
  storage.setItem(KEY, locale);
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** An error code from the hub in plain words. */
export function errorText(t: Translate, code: string | undefined): string {
  const key = `error.${code ?? 'internal'}`;
  return isMessageKey(key) ? t(key) : t('error.internal');
}

export function equipmentName(t: Translate, item: string): string {
  const key = `equipment.${item}`;
  return isMessageKey(key) ? t(key) : item.replace(/_/g, ' ');
}

/** An open fault's state in the door's words (contract §6 `faults[].status`). */
export function faultStateWord(t: Translate, status: string): string {
  const key = `fault.state.${status}`;
  return isMessageKey(key) ? t(key) : status.replace(/_/g, ' ');
}
