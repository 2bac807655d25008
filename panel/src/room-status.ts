import { css, html, LitElement, nothing } from 'lit';
import type { RoomStatePayload } from '../../shared/schemas/mqtt.js';
import { clockTime, countdown, dayName, duration } from './format.js';
import { equipmentName, faultStateWord, type Translate } from './i18n.js';
import { baseStyles } from './theme.js';

type Summary = { title: string; start: string; end: string; private?: boolean; pending?: boolean };

/**
 * What the room is doing, readable at three metres: name, seats and equipment,
 * the state as one word, the current meeting, the check-in countdown (a
 * duration), how long the room stays free (or that it is open around the
 * clock), the next meeting (with its day when not today; pending approval said,
 * R15), and the room's known problems. Private meetings show a neutral title (G4).
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
      :host { display: flex; flex-direction: column; gap: 0.5em; }
      .room { font-size: clamp(20px, 3.6vmin, 40px); opacity: 0.95; font-weight: 600; }
      .facts { font-size: clamp(15px, 2.4vmin, 26px); font-weight: 500; }
      .status { font-size: clamp(56px, 14vmin, 150px); font-weight: 800; line-height: 1; letter-spacing: 0.01em; }
      .meeting { font-size: clamp(22px, 5vmin, 54px); font-weight: 700; }
      .times { font-size: clamp(20px, 4vmin, 40px); }
      .countdown { font-size: clamp(22px, 4.6vmin, 48px); font-weight: 700; background: rgba(0,0,0,0.3); padding: 0.25em 0.5em; border-radius: 12px; align-self: flex-start; font-variant-numeric: tabular-nums; }
      .next, .hint { font-size: clamp(18px, 3.4vmin, 34px); opacity: 0.97; }
      .pending { font-weight: 700; border: 2px solid currentColor; border-radius: 999px; padding: 0 0.45em; white-space: nowrap; }
      .faults { font-size: clamp(16px, 2.8vmin, 28px); font-weight: 700; background: #fff3c4; color: #3d2a00; border-radius: 10px; padding: 0.2em 0.6em; align-self: flex-start; display: flex; gap: 0.4em; align-items: baseline; }
      .faults ul { margin: 0; padding: 0; list-style: none; display: inline; }
      .faults li { display: inline; }
      .faults li + li::before { content: ' · '; }
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
    return b.private ? this.t('private.title') : b.title;
  }

  override render() {
    const s = this.state;
    if (!s || !this.t) return nothing;
    const t = this.t;
    const cur = s.current;
    const facts = [s.capacity ? t('room.seats', { n: s.capacity }) : '', ...(s.equipment ?? []).map((e) => equipmentName(t, e))].filter(Boolean);
    return html`
      <div class="room" part="room">${s.name}</div>
      ${facts.length ? html`<div class="facts" part="facts">${facts.join(' · ')}</div>` : nothing}
      <div class="status" part="status" data-status=${s.status}>${t(`status.${s.status}`)}</div>
      ${cur
        ? html`<div class="meeting" part="meeting">${this.meetingTitle(cur)}</div>
            <div class="times">${this.time(cur.start)}–${this.time(cur.end)}</div>`
        : nothing}
      ${cur && !cur.checkedIn && cur.checkInDeadline ? this.renderCountdown(cur.checkInDeadline) : nothing}
      ${!cur && (s.status === 'free' || s.status === 'reserved') ? this.renderFree(s) : nothing}
      ${s.status === 'closed' ? html`<div class="hint">${t('room.closedHint')}</div>` : nothing}
      ${s.status === 'out_of_service' ? html`<div class="hint">${t('room.outOfServiceHint')}</div>` : nothing}
      ${s.next || !s.openAllHours || cur ? html`<div class="next" part="next">${s.next ? this.renderNext(s.next) : t('room.noNext')}</div>` : nothing}
      ${s.faults?.length
        ? html`<div class="faults" part="faults"><span aria-hidden="true">⚠</span><ul aria-label=${t('room.faults')}>
            ${s.faults.map((f) => html`<li data-fault=${f.equipment}>${t('room.fault', { equipment: equipmentName(t, f.equipment), status: faultStateWord(t, f.status) })}</li>`)}
          </ul></div>`
        : nothing}
    `;
  }

  private renderFree(s: RoomStatePayload) {
    const t = this.t;
    if (s.openAllHours && !s.next) return html`<div class="times" part="free-until">${t('room.openAllHours')} · ${t('room.nothingBooked')}</div>`;
    if (!s.freeUntil) return nothing;
    const day = dayName(t, s.freeUntil, this.hubNow, s.timeZone, this.locale);
    const left = Date.parse(s.freeUntil) - this.hubNow;
    return html`<div class="times" part="free-until">
      ${day
        ? t('room.freeUntilDay', { day, time: this.time(s.freeUntil) })
        : html`${t('room.freeUntil', { time: this.time(s.freeUntil) })} · ${t('room.freeFor', { duration: duration(t, left) })}`}
    </div>`;
  }

  private renderNext(n: Summary) {
    const t = this.t;
    const day = dayName(t, n.start, this.hubNow, this.state?.timeZone, this.locale);
    const params = { title: this.meetingTitle(n), start: this.time(n.start), end: this.time(n.end) };
    return html`${day ? t('room.nextOn', { ...params, day }) : t('room.next', params)}${n.pending ? html` <span class="pending" data-pending>${t('room.pending')}</span>` : nothing}`;
  }

  private renderCountdown(deadline: string) {
    const left = Date.parse(deadline) - this.hubNow;
    return html`<div class="countdown" part="countdown">
      ${left > 0 ? this.t('room.checkInBy', { countdown: countdown(this.t, left) }) : this.t('room.checkInOverdue')}
    </div>`;
  }
}
customElements.define('room-status', RoomStatus);
declare global {
  interface HTMLElementTagNameMap {
    'room-status': RoomStatus;
  }
}
