import { css, html, LitElement, nothing } from 'lit';
import type { BookingDto, RoomDto, UserDto } from '../../../../shared/schemas/http.js';
import { api } from '../api.js';
import '../booking-editor.js';
import type { BookingPreset, BookingSaved } from '../booking-editor.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { roomList } from '../directory.js';
import { clock, dayLabel, zoneNote } from '../format.js';
import { hubNow } from '../hub-clock.js';
import { href } from '../router.js';
import { appStyles } from '../theme.js';
import { addDays, fromWall, minutesOf, toWall, weekdayOf } from '../zoned.js';

const SHOWN = new Set(['confirmed', 'checked_in', 'completed', 'pending_approval']);
const HOUR_PX = 52;
const SLOT_MS = 15 * 60_000;

interface Slot {
  start: number;
  end: number;
}

/**
 * A room's day or week (R1, R3): its meetings, those waiting for approval shown
 * as pending (R15), and its free time within opening hours (R14) as buttons
 * that book it. Times are the room's own (its zone named when it is not the
 * browser's). Each day is a list in time order for screen readers; the grid
 * is its picture.
 */
export class RoomCalendar extends LitElement {
  static override properties = {
    roomId: { type: String },
    me: { attribute: false },
    rooms: { state: true },
    view: { state: true },
    date: { state: true },
    bookings: { state: true },
    free: { state: true },
    editorOpen: { state: true },
    preset: { state: true },
    message: { state: true },
  };
  declare roomId: string;
  declare me: UserDto | null;
  declare rooms: RoomDto[] | null;
  declare view: 'day' | 'week';
  declare date: string;
  declare bookings: BookingDto[] | null;
  declare free: Slot[];
  declare editorOpen: boolean;
  declare preset: BookingPreset | null;
  declare message: Note | null;
  private readonly i18n = new LocaleController(this);
  private loaded = '';

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      .toolbar select { min-width: 14em; }
      [aria-pressed='true'] { background: var(--accent); color: #fff; }
      .range { font-size: 1.1rem; margin: 0 0 0.6em; }
      .legend { display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; margin: 0 0 0.6em; color: var(--muted); font-size: 0.9em; }
      .legend span { display: inline-flex; align-items: center; gap: 0.35em; }
      .key { width: 1.1em; height: 1.1em; border-radius: 3px; display: inline-block; border: 1.5px solid #555; }
      .grid { display: grid; min-width: var(--min-width, 0); }
      .hours { position: relative; }
      .hours span { position: absolute; right: 0.4em; transform: translateY(-0.6em); font-size: 0.85em; color: var(--muted); font-variant-numeric: tabular-nums; }
      .day { border-left: 1px solid var(--soft-line); min-width: 0; }
      .day h2 { font-size: 0.95rem; margin: 0; padding: 0.3em 0.4em; text-align: center; background: #f8f9fa; border-bottom: 1px solid var(--soft-line); height: 2.2em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
      .day h2.today { color: var(--accent); }
      .col { position: relative; background: repeating-linear-gradient(#fff 0 ${HOUR_PX - 1}px, #eceef1 ${HOUR_PX - 1}px ${HOUR_PX}px); }
      .col ol { list-style: none; margin: 0; padding: 0; }
      .col li { position: absolute; left: 3px; right: 3px; overflow: hidden; border-radius: 6px; font-size: 0.85em; line-height: 1.25; }
      .col li > * { display: block; height: 100%; width: 100%; padding: 0.15em 0.4em; text-align: start; overflow: hidden; border-radius: 6px; }
      .booking { background: #dfe8fb; border: 1.5px solid var(--accent); color: #0a3a8c; text-decoration: none; }
      .booking.pending { background: repeating-linear-gradient(135deg, #fff6e5 0 6px, #f6dfb5 6px 12px); border: 2px dashed var(--warn); color: #5a3200; }
      .booking.completed { background: #eceef1; border-color: #767b83; color: #3b3f45; }
      .free { border: 1.5px dashed var(--ok); background: #eef7f1; color: var(--ok); font-weight: 600; min-height: 0; justify-content: flex-start; align-items: flex-start; }
      .free:hover { background: #d9efe1; }
      .when { font-weight: 700; font-variant-numeric: tabular-nums; }
      .now { position: absolute; left: 0; right: 0; height: 2px; background: var(--danger); z-index: 2; }
    `,
  ];

  constructor() {
    super();
    this.roomId = '';
    this.me = null;
    this.rooms = null;
    this.view = window.matchMedia?.('(max-width: 700px)').matches ? 'day' : 'week';
    this.date = toWall(hubNow()).date;
    this.bookings = null;
    this.free = [];
    this.editorOpen = false;
    this.preset = null;
    this.message = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void roomList().then((r) => {
      this.rooms = r.filter((x) => !x.archived);
      if (!this.roomId && this.rooms[0]) this.roomId = this.rooms[0].id;
    });
  }

  private get room(): RoomDto | undefined {
    return this.rooms?.find((r) => r.id === this.roomId);
  }

  /** The first day shown: the date itself, or the Monday of its week. */
  private get first(): string {
    return this.view === 'day' ? this.date : addDays(this.date, 1 - weekdayOf(this.date));
  }
  private get days(): string[] {
    return Array.from({ length: this.view === 'day' ? 1 : 7 }, (_, i) => addDays(this.first, i));
  }

  override willUpdate() {
    const key = `${this.roomId}|${this.view}|${this.first}`;
    if (this.room && key !== this.loaded) {
      this.loaded = key;
      void this.load();
    }
  }

  private async load() {
    const room = this.room;
    if (!room) return;
    const days = this.days;
    const from = fromWall(days[0]!, '00:00', room.timeZone);
    const to = fromWall(addDays(days[days.length - 1]!, 1), '00:00', room.timeZone);
    const range = `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
    const key = this.loaded;
    const [bookings, avail] = await Promise.all([
      api<BookingDto[]>('GET', `/api/bookings?room=${encodeURIComponent(room.id)}&${range}`),
      api<{ free: { start: string; end: string }[] }>('GET', `/api/rooms/${encodeURIComponent(room.id)}/availability?${range}`),
    ]);
    if (key !== this.loaded) return; // moved on meanwhile
    this.bookings = bookings.filter((b) => SHOWN.has(b.status));
    const now = Math.ceil(hubNow() / SLOT_MS) * SLOT_MS;
    this.free = avail.free.map((f) => ({ start: Math.max(Date.parse(f.start), now), end: Date.parse(f.end) })).filter((f) => f.end - f.start >= SLOT_MS);
  }

  private move(n: number) {
    this.date = addDays(this.date, n * (this.view === 'day' ? 1 : 7));
  }

  private bookSlot(s: Slot) {
    this.preset = { start: s.start, end: Math.min(s.end, s.start + 60 * 60_000) };
    this.editorOpen = true;
  }

  private saved(e: CustomEvent<BookingSaved>) {
    const b = e.detail.booking;
    this.message = b ? note(b.status === 'pending_approval' ? 'find.sentForApproval' : 'find.booked', { title: b.title, room: this.room?.name ?? '' }) : note('find.seriesBooked', { title: e.detail.series?.title ?? '', room: this.room?.name ?? '' });
    this.loaded = '';
    this.requestUpdate();
  }

  /** Hours shown: the opening hours of the days shown, widened to any meeting outside them. */
  private hourRange(room: RoomDto): [number, number] {
    let lo = 24 * 60;
    let hi = 0;
    for (const d of this.days) {
      for (const p of room.openingHours.filter((x) => x.days.includes(weekdayOf(d)))) {
        lo = Math.min(lo, minutesOf(p.open));
        hi = Math.max(hi, p.close === '24:00' ? 24 * 60 : minutesOf(p.close));
      }
    }
    for (const b of this.bookings ?? []) {
      const s = toWall(Date.parse(b.start), room.timeZone);
      const e = toWall(Date.parse(b.end), room.timeZone);
      lo = Math.min(lo, minutesOf(s.time));
      hi = Math.max(hi, e.date === s.date ? minutesOf(e.time) : 24 * 60);
    }
    if (hi <= lo) [lo, hi] = [8 * 60, 18 * 60];
    return [Math.floor(lo / 60), Math.min(24, Math.ceil(hi / 60))];
  }

  override render() {
    const { t, locale } = this.i18n;
    const room = this.room;
    if (this.rooms === null) return html`<h1>${t('calendar.title')}</h1><p role="status">${t('common.loading')}</p>`;
    if (!room) return html`<h1>${t('calendar.title')}</h1><p class="card">${t('site.noRooms')}</p>`;
    const days = this.days;
    const zone = zoneNote(room.timeZone);
    const [h0, h1] = this.hourRange(room);
    return html`
      <h1>${t('calendar.titleOf', { room: room.name })}</h1>
      <div class="toolbar">
        <div class="field"><label for="room">${t('calendar.room')}</label>
          <select id="room" @change=${(e: Event) => { this.roomId = (e.target as HTMLSelectElement).value; history.replaceState(null, '', href('calendar', this.roomId)); }}>
            ${this.rooms.map((r) => html`<option value=${r.id} ?selected=${r.id === room.id}>${r.name}</option>`)}
          </select></div>
        <div class="row" role="group" aria-label=${t('calendar.view')}>
          <button type="button" data-view="day" aria-pressed=${this.view === 'day' ? 'true' : 'false'} @click=${() => (this.view = 'day')}>${t('calendar.day')}</button>
          <button type="button" data-view="week" aria-pressed=${this.view === 'week' ? 'true' : 'false'} @click=${() => (this.view = 'week')}>${t('calendar.week')}</button>
        </div>
        <div class="row" role="group" aria-label=${t('calendar.move')}>
          <button type="button" data-action="previous" @click=${() => this.move(-1)}>${t(this.view === 'day' ? 'calendar.prevDay' : 'calendar.prevWeek')}</button>
          <button type="button" data-action="today" @click=${() => (this.date = toWall(hubNow()).date)}>${t('calendar.today')}</button>
          <button type="button" data-action="next" @click=${() => this.move(1)}>${t(this.view === 'day' ? 'calendar.nextDay' : 'calendar.nextWeek')}</button>
        </div>
      </div>
      <p class="range" aria-live="polite"><strong>${days.length === 1 ? dayLabel(days[0]!, locale, true) : `${dayLabel(days[0]!, locale)} – ${dayLabel(days[6]!, locale)}`}</strong>${zone ? html` · <span class="muted">${t('booking.timesIn', { zone })}</span>` : nothing}</p>
      <div class="legend" aria-hidden="true">
        <span><i class="key" style="background:#dfe8fb;border-color:#0b57d0"></i>${t('calendar.booked')}</span>
        <span><i class="key" style="background:repeating-linear-gradient(135deg,#fff6e5 0 3px,#f6dfb5 3px 6px);border:2px dashed #8a4b00"></i>${t('calendar.pending')}</span>
        <span><i class="key" style="background:#eef7f1;border:1.5px dashed #0b6b30"></i>${t('calendar.free')}</span>
      </div>
      <div role="status">${this.message ? html`<p class="notice" data-message>${t(...this.message)}</p>` : nothing}</div>
      ${this.bookings === null
        ? html`<p role="status">${t('common.loading')}</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t('calendar.grid')}>
            <div class="grid" style="grid-template-columns: 3.6em repeat(${days.length}, minmax(${days.length > 1 ? '92px' : '0'}, 1fr)); --min-width: ${days.length > 1 ? '720px' : '0'}">
              <div class="hours" style="margin-top:2.2em;height:${(h1 - h0) * HOUR_PX}px" aria-hidden="true">
                ${Array.from({ length: h1 - h0 + 1 }, (_, i) => html`<span style="top:${i * HOUR_PX}px">${String(h0 + i).padStart(2, '0')}:00</span>`)}
              </div>
              ${days.map((d) => this.renderDay(d, room, h0, h1))}
            </div>
          </div>`}
      <booking-editor .room=${room} .preset=${this.preset} .me=${this.me} .open=${this.editorOpen}
        @editor-close=${() => (this.editorOpen = false)} @booking-saved=${(e: CustomEvent<BookingSaved>) => this.saved(e)}></booking-editor>
    `;
  }

  private renderDay(date: string, room: RoomDto, h0: number, h1: number) {
    const { t, locale } = this.i18n;
    const zone = room.timeZone;
    const dayStart = fromWall(date, '00:00', zone);
    const dayEnd = fromWall(addDays(date, 1), '00:00', zone);
    const top = (ms: number) => ((Math.max(ms, dayStart) - dayStart) / 3_600_000 - h0) * HOUR_PX;
    const place = (s: number, e: number) => `top:${Math.max(0, top(s))}px;height:${Math.max(18, Math.min(top(Math.min(e, dayEnd)), (h1 - h0) * HOUR_PX) - Math.max(0, top(s)) - 2)}px`;
    const range = (s: number, e: number) => `${clock(new Date(s).toISOString(), locale, zone)}–${clock(new Date(e).toISOString(), locale, zone)}`;
    type Item = { start: number; html: unknown };
    const items: Item[] = [];
    for (const b of this.bookings ?? []) {
      const s = Date.parse(b.start);
      const e = Date.parse(b.end);
      if (e <= dayStart || s >= dayEnd) continue;
      const pending = b.status === 'pending_approval';
      items.push({
        start: s,
        html: html`<li style=${place(s, e)} data-booking=${b.id}>
          <a class="booking ${pending ? 'pending' : ''} ${b.status === 'completed' ? 'completed' : ''}" href=${href('meetings', b.id)} data-status=${b.status}>
            <span class="when">${range(s, e)}</span> ${b.title}${pending ? html` · <strong>${t('calendar.pending')}</strong>` : nothing}
          </a></li>`,
      });
    }
    for (const f of this.free) {
      if (f.end <= dayStart || f.start >= dayEnd) continue;
      const s = Math.max(f.start, dayStart);
      const e = Math.min(f.end, dayEnd);
      items.push({
        start: s,
        html: html`<li style=${place(s, e)}><button type="button" class="free" data-free=${new Date(s).toISOString()} @click=${() => this.bookSlot({ start: s, end: e })}>
          <span class="when">${range(s, e)}</span>&nbsp;${t('calendar.freeBook')}</button></li>`,
      });
    }
    items.sort((a, b) => a.start - b.start);
    const today = date === toWall(hubNow(), zone).date;
    const now = hubNow();
    return html`<section class="day" aria-labelledby="day-${date}" data-day=${date}>
      <h2 id="day-${date}" class=${today ? 'today' : ''}>${dayLabel(date, locale)}${today ? html` · ${t('calendar.todayMark')}` : nothing}</h2>
      <div class="col" style="height:${(h1 - h0) * HOUR_PX}px">
        ${today && now > dayStart ? html`<div class="now" style="top:${top(now)}px" aria-hidden="true"></div>` : nothing}
        ${items.length ? html`<ol>${items.map((i) => i.html)}</ol>` : html`<p class="visually-hidden">${t('calendar.nothing')}</p>`}
      </div>
    </section>`;
  }
}
customElements.define('room-calendar', RoomCalendar);
declare global {
  interface HTMLElementTagNameMap {
    'room-calendar': RoomCalendar;
  }
}
