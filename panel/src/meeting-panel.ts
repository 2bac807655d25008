import { css, html, LitElement } from 'lit';
import type { Locale } from '../../shared/i18n/panel.js';
import type { RoomEventPayload } from '../../shared/schemas/mqtt.js';
import './connection-banner.js';
import './day-timeline.js';
import './panel-confirm.js';
import { PanelConnection } from './controllers/panel-connection.js';
import { Ticker } from './controllers/ticker.js';
import { type PanelCredentials, takeCredentialsFromUrl } from './credentials.js';
import './fault-dialog.js';
import { clockTime } from './format.js';
import { chosenLocale, errorText, rememberLocale, type Translate, translator } from './i18n.js';
import './panel-actions.js';
import type { PanelActionDetail } from './panel-actions.js';
import './panel-setup.js';
import './panel-toast.js';
import './room-status.js';
import { baseStyles, STATUS_COLOURS } from './theme.js';

interface HubPanelConfig {
  locale: string;
  topicRoot: string;
  mqttPath: string;
}

const TOAST_MS = 5000;

/**
 * The door panel application: provisioning, the connection to the hub, and
 * the screen. Everything visible is delegated to one element per concern.
 */
export class MeetingPanel extends LitElement {
  static override properties = {
    locale: { state: true },
    busy: { state: true },
    faultOpen: { state: true },
    toast: { state: true },
    ready: { state: true },
    confirming: { state: true },
  };
  declare locale: Locale;
  declare busy: boolean;
  declare faultOpen: boolean;
  declare toast: { message: string; detail: string; tone: 'info' | 'good' | 'warn' | 'error' } | null;
  declare ready: boolean;
  /** Ending or releasing waits for a "yes" (issue 10): a stray tap must not end a meeting. */
  declare confirming: 'end' | 'release' | null;

  private credentials: PanelCredentials | null = null;
  private connection: PanelConnection | null = null;
  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  private t: Translate = translator('zh-CN');

  static override styles = [
    baseStyles,
    css`
      :host { display: block; min-height: 100vh; }
      .screen { min-height: 100vh; display: flex; flex-direction: column; }
      .screen.closed { filter: brightness(0.6); } /* dims outside opening hours */
      .top { display: flex; justify-content: space-between; align-items: center; padding: 1.5vmin 3vmin 0; }
      .clock { font-size: clamp(22px, 4.5vmin, 44px); font-weight: 700; font-variant-numeric: tabular-nums; }
      .top button { min-height: 48px; font-size: clamp(16px, 2.6vmin, 24px); }
      day-timeline { padding: 0 5vmin 3vmin; }
      main { flex: 1; display: grid; grid-template-columns: 1.5fr 1fr; gap: 4vmin; padding: 2vmin 5vmin 5vmin; align-items: center; }
      @media (orientation: portrait) {
        main { grid-template-columns: 1fr; align-content: space-evenly; }
      }
    `,
  ];

  constructor() {
    super();
    this.locale = 'zh-CN';
    this.busy = false;
    this.faultOpen = false;
    this.toast = null;
    this.ready = false;
    this.confirming = null;
    new Ticker(this);
  }

  override async connectedCallback() {
    super.connectedCallback();
    const config = await fetch('config.json')
      .then((r) => (r.ok ? (r.json() as Promise<HubPanelConfig>) : null))
      .catch(() => null);
    this.setLocale(chosenLocale(localStorage, config?.locale));
    this.credentials = takeCredentialsFromUrl(location, localStorage);
    if (this.credentials && !this.connection) {
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      this.connection = new PanelConnection(this, {
        credentials: this.credentials,
        url: `${scheme}://${location.host}${config?.mqttPath ?? '/mqtt'}`,
        topicRoot: config?.topicRoot ?? 'meeting/v1',
        onEvent: (e) => this.onRoomEvent(e),
      });
    }
    this.ready = true;
  }

  private setLocale(locale: Locale) {
    this.locale = locale;
    this.t = translator(locale);
    document.documentElement.lang = locale;
  }

  private switchLanguage() {
    const next: Locale = this.locale === 'zh-CN' ? 'en' : 'zh-CN';
    rememberLocale(localStorage, next);
    this.setLocale(next);
  }

  private showToast(message: string, detail = '', tone: 'info' | 'good' | 'warn' | 'error' = 'info') {
    this.toast = { message, detail, tone };
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (this.toast = null), TOAST_MS);
  }

  private onRoomEvent(e: RoomEventPayload) {
    const ev = e as RoomEventPayload & { user?: { name?: string }; attendance?: 'on_time' | 'late' };
    if (ev.type === 'signed_in' && ev.user?.name) {
      // Badge feedback: who signed in, and whether on time (M4, G3).
      const tone = ev.attendance === 'late' ? 'warn' : 'good';
      this.showToast(this.t('badge.signedIn', { name: ev.user.name }), ev.attendance ? this.t(`badge.${ev.attendance}`) : '', tone);
    } else if (ev.type === 'badge_unknown') {
      // A card nobody holds: say so, and where to go, rather than nothing at all.
      this.showToast(this.t('badge.unknown'), this.t('badge.unknownHelp'), 'error');
    }
  }

  private async onAction(e: CustomEvent<PanelActionDetail>) {
    if (!this.connection) return;
    if (e.detail.action === 'open_fault') {
      this.faultOpen = true;
      return;
    }
    if (e.detail.action === 'end') {
      this.confirming = this.connection.state?.status === 'in_use' ? 'end' : 'release';
      return;
    }
    await this.send(e.detail.action, e.detail.params ?? {});
  }

  private async send(action: string, params: Record<string, unknown>) {
    if (!this.connection) return;
    this.busy = true;
    const r = await this.connection.request(action, params);
    this.busy = false;
    if (!r.ok) this.showToast(errorText(this.t, r.error?.code), '', 'error');
  }

  private async onFault(e: CustomEvent<{ equipment: string; description: string }>) {
    if (!this.connection) return;
    this.busy = true;
    const r = await this.connection.request('report_fault', e.detail);
    this.busy = false;
    this.faultOpen = false;
    if (r.ok) this.showToast(this.t('fault.sent'), '', 'good');
    else this.showToast(errorText(this.t, r.error?.code), '', 'error');
  }

  override render() {
    if (!this.ready) return html``;
    const c = this.connection;
    if (!this.credentials || !c) return html`<panel-setup reason="missing" .t=${this.t}></panel-setup>`;
    if (c.status === 'rejected') return html`<panel-setup reason="rejected" .t=${this.t}></panel-setup>`;
    const state = c.state;
    const hubNow = c.hubNow();
    const status = state?.status ?? 'closed';
    return html`
      <div class="screen ${status}" style="background-color: ${STATUS_COLOURS[status]}" data-status=${status}>
        <connection-banner .status=${c.status} .ageMs=${Date.now() - c.stateReceivedAt} .t=${this.t}></connection-banner>
        <div class="top">
          <span class="clock" part="clock">${clockTime(hubNow, state?.timeZone, this.locale)}</span>
          <button data-action="language" @click=${() => this.switchLanguage()}>${this.t('lang.switch')}</button>
        </div>
        <main>
          <room-status .state=${state} .hubNow=${hubNow} .locale=${this.locale} .t=${this.t}></room-status>
          <panel-actions .state=${c.status === 'online' ? state : null} .hubNow=${hubNow} .busy=${this.busy} .t=${this.t}
            @panel-action=${(e: CustomEvent<PanelActionDetail>) => this.onAction(e)}></panel-actions>
        </main>
        <day-timeline .state=${state} .hubNow=${hubNow} .locale=${this.locale} .t=${this.t}></day-timeline>
      </div>
      <fault-dialog .open=${this.faultOpen} .equipment=${state?.equipment ?? []} .busy=${this.busy} .t=${this.t}
        @fault-submit=${(e: CustomEvent<{ equipment: string; description: string }>) => this.onFault(e)}
        @fault-cancel=${() => (this.faultOpen = false)}></fault-dialog>
      <panel-confirm .open=${this.confirming !== null} .busy=${this.busy} .t=${this.t}
        heading=${this.confirming === 'end' ? this.t('confirm.endTitle') : this.t('confirm.releaseTitle')}
        body=${this.confirming === 'end' ? this.t('confirm.endBody') : this.t('confirm.releaseBody')}
        action=${this.confirming === 'end' ? this.t('action.end') : this.t('action.release')}
        @confirm-accept=${() => { this.confirming = null; void this.send('end', {}); }}
        @confirm-cancel=${() => (this.confirming = null)}></panel-confirm>
      <panel-toast .message=${this.toast?.message ?? ''} .detail=${this.toast?.detail ?? ''} tone=${this.toast?.tone ?? 'info'}></panel-toast>
    `;
  }
}
customElements.define('meeting-panel', MeetingPanel);
declare global {
  interface HTMLElementTagNameMap {
    'meeting-panel': MeetingPanel;
  }
}
