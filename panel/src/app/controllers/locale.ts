/**
 * The app's language as a Lit reactive controller: one choice for the whole
 * page (zh-CN by default, the hub's HUB_LOCALE, or what this browser chose
 * last), and every element holding a controller re-renders when it changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type AppKey, translateApp } from '../../../../shared/i18n/app.js';
import type { Locale, MessageKey } from '../../../../shared/i18n/panel.js';

const KEY = 'office-app.locale';
const hosts = new Set<ReactiveControllerHost>();
let current: Locale = 'zh-CN';

export type AppTranslate = (key: AppKey | MessageKey, params?: Record<string, string | number>) => string;

export function currentLocale(): Locale {
  return current;
}

export function chooseInitialLocale(hubDefault: string | undefined): Locale {
  const stored = localStorage.getItem(KEY);
  const locale: Locale = stored === 'en' || stored === 'zh-CN' ? stored : hubDefault === 'en' ? 'en' : 'zh-CN';
  setLocale(locale, false);
  return locale;
}

export function setLocale(locale: Locale, remember = true) {
  current = locale;
  document.documentElement.lang = locale;
  if (remember) localStorage.setItem(KEY, locale);
  for (const host of hosts) host.requestUpdate();
}

export const t: AppTranslate = (key, params) => translateApp(current, key, params);

export class LocaleController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected() {
    hosts.add(this.host);
  }
  hostDisconnected() {
    hosts.delete(this.host);
  }
  get locale(): Locale {
    return current;
  }
  readonly t = t;
}

/** A message kept as its key, so it follows a later language switch. */
export type Note = [key: AppKey | MessageKey, params?: Record<string, string | number>];
export const note = (key: AppKey | MessageKey, params?: Record<string, string | number>): Note => [key, params];
