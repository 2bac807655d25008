import { css, html, LitElement, nothing } from 'lit';
import type { RoomStatePayload } from '../../shared/schemas/mqtt.js';
import { minutesUntil } from './format.js';
import type { Translate } from './i18n.js';
import { baseStyles } from './theme.js';

export const BOOK_MINUTES = [15, 30, 60] as const;
export const EXTEND_MINUTES = [15, 30] as const;

export interface PanelActionDetail {
  action: 'book_now' | 'check_in' | 'extend' | 'end' | 'open_fault';
  params?: Record<string, unknown>;
}

/**
 * The buttons a person at the door can press, enabled only when they make
 * sense: walk-up booking limited to the free time before the next meeting,
 * check-in while awaiting, extend and end while in use, report a problem always.
 *
 * @fires panel-action - `{detail: PanelActionDetail}` when a button is pressed
 */
export class PanelActions extends LitElement {
  static override properties = {
    state: { attribute: false },
    hubNow: { type: Number },
    busy: { type: Boolean },
    t: { attribute: false },
  };
  declare state: RoomStatePayload | null;
  declare hubNow: number;
  declare busy: boolean;
  declare t: Translate;

  static override styles = [
    baseStyles,
    css`
      :host { display: flex; flex-direction: column; gap: 0.8em; font-size: clamp(18px, 3.2vmin, 30px); }
      .row { display: flex; flex-wrap: wrap; gap: 0.6em; align-items: center; }
      .label { font-weight: 700; width: 100%; }
    `,
  ];

  constructor() {
    super();
    this.state = null;
    this.hubNow = Date.now();
    this.busy = false;
  }

  private fire(detail: PanelActionDetail) {
    this.dispatchEvent(new CustomEvent<PanelActionDetail>('panel-action', { detail, bubbles: true, composed: true }));
  }

  /** Minutes a walk-up booking may last: up to the next meeting or closing time. */
  freeMinutes(): number {
    const s = this.state;
    if (!s || (s.status !== 'free' && s.status !== 'reserved')) return 0;
    return minutesUntil(s.freeUntil, this.hubNow);
  }

  override render() {
    const s = this.state;
    if (!s || !this.t) return nothing;
    const t = this.t;
    const free = this.freeMinutes();
    const canBook = s.status === 'free' || s.status === 'reserved';
    return html`
      ${canBook
        ? html`<div class="row" part="book">
            <span class="label">${t('action.bookNow')}</span>
            ${BOOK_MINUTES.map(
              (n) => html`<button class="primary" data-minutes=${n} ?disabled=${this.busy || n > free}
                @click=${() => this.fire({ action: 'book_now', params: { minutes: n } })}>${t('action.minutes', { n })}</button>`,
            )}
          </div>`
        : nothing}
      ${s.status === 'awaiting_checkin'
        ? html`<div class="row">
            <button class="primary" data-action="check_in" ?disabled=${this.busy} @click=${() => this.fire({ action: 'check_in' })}>${t('action.checkIn')}</button>
            <button data-action="end" ?disabled=${this.busy} @click=${() => this.fire({ action: 'end' })}>${t('action.release')}</button>
          </div>`
        : nothing}
      ${s.status === 'in_use'
        ? html`<div class="row">
            ${EXTEND_MINUTES.map(
              (n) => html`<button data-extend=${n} ?disabled=${this.busy} @click=${() => this.fire({ action: 'extend', params: { minutes: n } })}>${t('action.extend', { n })}</button>`,
            )}
            <button data-action="end" ?disabled=${this.busy} @click=${() => this.fire({ action: 'end' })}>${t('action.end')}</button>
          </div>`
        : nothing}
      <div class="row">
        <button data-action="report_fault" ?disabled=${this.busy} @click=${() => this.fire({ action: 'open_fault' })}>${t('action.reportFault')}</button>
      </div>
    `;
  }
}
customElements.define('panel-actions', PanelActions);
declare global {
  interface HTMLElementTagNameMap {
    'panel-actions': PanelActions;
  }
}
