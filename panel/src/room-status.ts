import { css, html, LitElement, nothing } from 'lit';
import type { RoomStatePayload } from '../../shared/schemas/mqtt.js';
import { clockTime, countdown, duration } from './format.js';
import type { Translate } from './i18n.js';
import { baseStyles } from './theme.js';

/**
 * What the room is doing, readable at three metres: name, the state as one
 * word, the current meeting, the check-in countdown, the next meeting, and how
 * long the room stays free. Private meetings show a neutral title (G4).
 */
export class RoomStatus extends LitElement {
  static override properties = {
    state: { attribute: false },
    hubNow: { type: Number },
    locale: { type: String },
    t: { attribute: false },
  };
  declare state: RoomStatePayload | null;
  declare hubNow: number;
  declare locale: string;
  declare t: Translate;

  static override styles = [
    baseStyles,
    css`
      :host { display: flex; flex-direction: column; gap: 0.6em; }
      .room { font-size: clamp(20px, 3.6vmin, 40px); opacity: 0.92; font-weight: 600; }
      .status { font-size: clamp(56px, 15vmin, 160px); font-weight: 800; line-height: 1; letter-spacing: 0.01em; }
      .meeting { font-size: clamp(22px, 5vmin, 54px); font-weight: 700; }
      .times { font-size: clamp(20px, 4vmin, 40px); }
      .countdown { font-size: clamp(22px, 4.6vmin, 48px); font-weight: 700; background: rgba(0,0,0,0.25); padding: 0.25em 0.5em; border-radius: 12px; align-self: flex-start; }
      .next, .hint { font-size: clamp(18px, 3.4vmin, 34px); opacity: 0.95; }
    `,
  ];

  constructor() {
    super();
    this.state = null;
    this.hubNow = Date.now();
    this.locale = 'zh-CN';
  }

  private time(iso: string) {
    return clockTime(iso, this.state?.timeZone, this.locale);
  }

  private meetingTitle(b: { title: string; private?: boolean }) {
    if ((b as { private?: boolean }).private) return this.t('private.title');
    return b.title;
  }

  override render() {
    const s = this.state;
    if (!s || !this.t) return nothing;
    const t = this.t;
    const cur = s.current;
    return html`
      <div class="room" part="room">${s.name}</div>
      <div class="status" part="status" data-status=${s.status}>${t(`status.${s.status}`)}</div>
      ${cur
        ? html`<div class="meeting" part="meeting">${this.meetingTitle(cur)}</div>
            <div class="times">${this.time(cur.start)}–${this.time(cur.end)}</div>`
        : nothing}
      ${cur && !cur.checkedIn && cur.checkInDeadline ? this.renderCountdown(cur.checkInDeadline) : nothing}
      ${!cur && s.freeUntil && (s.status === 'free' || s.status === 'reserved')
        ? html`<div class="times" part="free-until">
            ${t('room.freeUntil', { time: this.time(s.freeUntil) })} · ${t('room.freeFor', { duration: duration(t, Date.parse(s.freeUntil) - this.hubNow) })}
          </div>`
        : nothing}
      ${s.status === 'closed' ? html`<div class="hint">${t('room.closedHint')}</div>` : nothing}
      ${s.status === 'out_of_service' ? html`<div class="hint">${t('room.outOfServiceHint')}</div>` : nothing}
      <div class="next" part="next">
        ${s.next ? t('room.next', { title: this.meetingTitle(s.next), start: this.time(s.next.start), end: this.time(s.next.end) }) : t('room.noNext')}
      </div>
    `;
  }

  private renderCountdown(deadline: string) {
    const left = Date.parse(deadline) - this.hubNow;
    return html`<div class="countdown" part="countdown">
      ${left > 0 ? this.t('room.checkInBy', { countdown: countdown(left) }) : this.t('room.checkInOverdue')}
    </div>`;
  }
}
customElements.define('room-status', RoomStatus);
declare global {
  interface HTMLElementTagNameMap {
    'room-status': RoomStatus;
  }
}
