import { css, html, LitElement, nothing } from 'lit';
import type { BookingDto, RoomDto, UserDto } from '../../../../shared/schemas/http.js';
import { api, fieldErrors } from '../api.js';
import '../booking-editor.js';
import type { BookingPreset, BookingSaved } from '../booking-editor.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { roomList } from '../directory.js';
import { fieldError } from '../forms.js';
import { whenText, zoneNote } from '../format.js';
import { hubNow } from '../hub-clock.js';
import { href } from '../router.js';
import { appStyles } from '../theme.js';
import { equipment, KNOWN_EQUIPMENT, pill } from '../words.js';
import { addDays, fromWall, hhmm, minutesOf, toWall } from '../zoned.js';

interface Found {
  room: RoomDto;
  needsApproval: boolean;
  spareSeats: number;
  extraEquipment: string[];
  nearness: 'same_floor' | 'same_building' | 'elsewhere' | 'unknown';
}

const DURATIONS = [30, 60, 90, 120, 180, 240];

/**
 * Find a room and book it (R1-R4): by day, time, length, headcount, needed
 * equipment and where; the hub ranks the free rooms by fit (within opening
 * hours first, same floor, the smallest that seats everyone, the fewest unused
 * extras). Each result books in one step or opens the room's calendar.
 */
export class FindPage extends LitElement {
  static override properties = {
    me: { attribute: false },
    rooms: { state: true },
    q: { state: true },
    results: { state: true },
    searching: { state: true },
    errors: { state: true },
    chosen: { state: true },
    editorOpen: { state: true },
    message: { state: true },
    lastBooked: { state: true },
  };
  declare me: UserDto | null;
  declare rooms: RoomDto[];
  declare q: { date: string; time: string; minutes: number; headcount: number; equipment: string[]; building: string; floor: string };
  declare results: Found[] | null;
  declare searching: boolean;
  declare errors: Record<string, string>;
  declare chosen: Found | null;
  declare editorOpen: boolean;
  declare message: Note | null;
  declare lastBooked: BookingDto | null;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      form.card { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 0 1em; margin-bottom: 1em; }
      form .wide { grid-column: 1 / -1; }
      .checks { display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; border: 0; padding: 0; margin: 0 0 0.8em; }
      .checks legend { font-weight: 600; margin-bottom: 0.3em; padding: 0; }
      .checks label { font-weight: 400; display: inline-flex; gap: 0.4em; align-items: center; }
      .go { display: flex; align-items: center; gap: 0.8em; margin-bottom: 0.8em; }
      .go button { white-space: nowrap; flex: none; }
      input, select { width: 100%; }
      ol.results { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.7em; }
      .result { display: grid; grid-template-columns: auto 1fr auto; gap: 0.3em 1em; align-items: center; }
      .rank { font-size: 1.3rem; font-weight: 800; color: var(--accent); width: 1.8em; text-align: center; }
      .result h3 { margin: 0; }
      .facts { display: flex; flex-wrap: wrap; gap: 0.3em 0.9em; color: var(--muted); margin: 0.2em 0; }
      .result .row { justify-content: flex-end; }
      @media (max-width: 900px) { form.card { grid-template-columns: 1fr 1fr; } }
      @media (max-width: 600px) { .result { grid-template-columns: auto 1fr; } .result .row { grid-column: 1 / -1; justify-content: flex-start; } }
    `,
  ];

  constructor() {
    super();
    this.me = null;
    this.rooms = [];
    const now = toWall(hubNow());
    // The next half hour, by the hub's clock.
    const next = Math.ceil((minutesOf(now.time) + 1) / 30) * 30;
    this.q = { date: next >= 24 * 60 ? addDays(now.date, 1) : now.date, time: hhmm(next % (24 * 60)), minutes: 60, headcount: 4, equipment: [], building: '', floor: '' };
    this.results = null;
    this.searching = false;
    this.errors = {};
    this.chosen = null;
    this.editorOpen = false;
    this.message = null;
    this.lastBooked = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void roomList().then((r) => (this.rooms = r)).catch(() => undefined);
  }

  private span(): { start: number; end: number } {
    const start = fromWall(this.q.date, this.q.time);
    return { start, end: start + this.q.minutes * 60_000 };
  }

  private async search(e?: Event) {
    e?.preventDefault();
    const { start, end } = this.span();
    this.searching = true;
    this.errors = {};
    if (e) this.message = null; // a new search by hand; the refresh after booking keeps its message
    const params = new URLSearchParams({ start: new Date(start).toISOString(), end: new Date(end).toISOString(), headcount: String(Math.max(1, this.q.headcount || 1)) });
    if (this.q.equipment.length) params.set('equipment', this.q.equipment.join(','));
    if (this.q.building) params.set('building', this.q.building);
    if (this.q.floor) params.set('floor', this.q.floor);
    try {
      this.results = await api<Found[]>('GET', `/api/rooms/find?${params}`);
    } catch (err) {
      this.errors = fieldErrors(err);
      this.results = null;
      if (!Object.keys(this.errors).length) this.message = note('error.internal');
    } finally {
      this.searching = false;
    }
  }

  private book(f: Found) {
    this.chosen = f;
    this.editorOpen = true;
  }

  private saved(e: CustomEvent<BookingSaved>) {
    const b = e.detail.booking;
    if (b) {
      this.lastBooked = b;
      this.message = note(b.status === 'pending_approval' ? 'find.sentForApproval' : 'find.booked', { title: b.title, room: this.chosen?.room.name ?? b.room });
    } else if (e.detail.series) {
      this.lastBooked = null;
      this.message = note('find.seriesBooked', { title: e.detail.series.title, room: this.chosen?.room.name ?? '' });
    }
    void this.search();
  }

  override render() {
    const { t, locale } = this.i18n;
    const q = this.q;
    const buildings = [...new Set(this.rooms.map((r) => r.building).filter((b): b is string => !!b))].sort();
    const floors = [...new Set(this.rooms.filter((r) => !q.building || r.building === q.building).map((r) => r.floor).filter((f): f is string => !!f))].sort();
    const set = (patch: Partial<FindPage['q']>) => (this.q = { ...q, ...patch });
    const { start, end } = this.span();
    const preset: BookingPreset = { start, end, headcount: q.headcount };
    return html`
      <h1>${t('find.title')}</h1>
      <form class="card" novalidate @submit=${(e: Event) => this.search(e)} aria-label=${t('find.form')}>
        <div class="field"><label for="date">${t('booking.date')}</label>
          <input id="date" type="date" .value=${q.date} @change=${(e: Event) => set({ date: (e.target as HTMLInputElement).value })} /></div>
        <div class="field"><label for="time">${t('booking.start')}</label>
          <input id="time" type="time" step="300" .value=${q.time} @change=${(e: Event) => set({ time: (e.target as HTMLInputElement).value })} /></div>
        <div class="field"><label for="minutes">${t('find.length')}</label>
          <select id="minutes" @change=${(e: Event) => set({ minutes: Number((e.target as HTMLSelectElement).value) })}>
            ${DURATIONS.map((m) => html`<option value=${m} ?selected=${q.minutes === m}>${m < 60 ? t('time.minutes', { n: m }) : t('find.hours', { n: m / 60 })}</option>`)}
          </select></div>
        <div class="field"><label for="headcount">${t('booking.headcount')}</label>
          <input id="headcount" type="number" min="1" inputmode="numeric" .value=${String(q.headcount)} aria-invalid=${this.errors.headcount ? 'true' : 'false'}
            aria-describedby=${this.errors.headcount ? 'headcount-error' : nothing}
            @change=${(e: Event) => set({ headcount: Number((e.target as HTMLInputElement).value) })} />
          ${fieldError('headcount', this.errors.headcount)}</div>
        <fieldset class="checks wide">
          <legend>${t('find.needs')}</legend>
          ${KNOWN_EQUIPMENT.map((k) => html`<label><input type="checkbox" data-equipment=${k} .checked=${q.equipment.includes(k)}
            @change=${(e: Event) => set({ equipment: (e.target as HTMLInputElement).checked ? [...q.equipment, k] : q.equipment.filter((x) => x !== k) })} />${equipment(t, k)}</label>`)}
        </fieldset>
        <div class="field"><label for="building">${t('rooms.building')}</label>
          <select id="building" @change=${(e: Event) => set({ building: (e.target as HTMLSelectElement).value, floor: '' })}>
            <option value="">${t('find.anywhere')}</option>
            ${buildings.map((b) => html`<option ?selected=${q.building === b}>${b}</option>`)}
          </select></div>
        <div class="field"><label for="floor">${t('rooms.floor')}</label>
          <select id="floor" @change=${(e: Event) => set({ floor: (e.target as HTMLSelectElement).value })}>
            <option value="">${t('find.anyFloor')}</option>
            ${floors.map((f) => html`<option value=${f} ?selected=${q.floor === f}>${t('site.floor', { floor: f })}</option>`)}
          </select></div>
        <div class="go wide"><button class="primary" type="submit" data-action="find" ?disabled=${this.searching}>${this.searching ? t('action.working') : t('find.search')}</button>
          <span class="hint">${t('find.rankHint')}</span></div>
      </form>
      <div role="status">
        ${this.message
          ? html`<p class="notice" data-message>${t(...this.message)}${this.lastBooked ? html` <a href=${href('meetings', this.lastBooked.id)}>${t('find.openMeeting')}</a>` : nothing}</p>`
          : nothing}
      </div>
      ${this.results === null ? nothing : this.renderResults(this.results, locale)}
      <booking-editor .room=${this.chosen?.room ?? null} .preset=${preset} .me=${this.me} .open=${this.editorOpen}
        @editor-close=${() => (this.editorOpen = false)} @booking-saved=${(e: CustomEvent<BookingSaved>) => this.saved(e)}></booking-editor>
    `;
  }

  private renderResults(results: Found[], locale: string) {
    const t = this.i18n.t;
    const { start, end } = this.span();
    if (!results.length) return html`<p class="card" data-results="0">${t('find.none')}</p>`;
    return html`<h2 id="results-h">${t('find.results', { n: results.length })}</h2>
      <ol class="results" aria-labelledby="results-h" data-results=${results.length}>
        ${results.map((f, i) => {
          const r = f.room;
          const zone = zoneNote(r.timeZone);
          return html`<li class="card result" data-room=${r.id}>
            <span class="rank" aria-hidden="true">${i + 1}</span>
            <div>
              <h3>${r.name}</h3>
              <div class="facts">
                <span>${[r.building, r.floor ? t('site.floor', { floor: r.floor }) : null].filter(Boolean).join(' · ') || t('find.noPlace')}</span>
                <span>${t('find.seats', { n: r.capacity, spare: f.spareSeats })}</span>
                ${r.equipment.length ? html`<span>${r.equipment.map((e) => equipment(t, e)).join(locale === 'zh-CN' ? '、' : ', ')}</span>` : nothing}
                ${zone ? html`<span>${whenText(new Date(start).toISOString(), new Date(end).toISOString(), locale, r.timeZone)} (${zone})</span>` : nothing}
              </div>
              <div class="row">
                ${f.nearness === 'same_floor' || f.nearness === 'same_building' ? pill('info', 'check', t(`find.nearness.${f.nearness}`), f.nearness) : nothing}
                ${f.needsApproval ? pill('warn', 'clock', t('find.needsApproval'), 'needs-approval') : pill('ok', 'check', t('find.open'), 'open')}
              </div>
            </div>
            <div class="row">
              <a class="button" href=${href('calendar', r.id)}>${t('find.calendar')}<span class="visually-hidden"> ${r.name}</span></a>
              <button class="primary" data-action="book" @click=${() => this.book(f)}>${t('find.book')}<span class="visually-hidden"> ${r.name}</span></button>
            </div>
          </li>`;
        })}
      </ol>`;
  }
}
customElements.define('find-page', FindPage);
declare global {
  interface HTMLElementTagNameMap {
    'find-page': FindPage;
  }
}
