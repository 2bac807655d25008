import { css, html, LitElement, nothing } from 'lit';
import type { BookingDto, RoomDto, UserDto } from '../../../../shared/schemas/http.js';
import { api } from '../api.js';
import '../calendar-feed.js';
import { LocaleController } from '../controllers/locale.js';
import { roomList } from '../directory.js';
import { clock, dayLabel } from '../format.js';
import { hubNow } from '../hub-clock.js';
import { href } from '../router.js';
import { appStyles } from '../theme.js';
import { bookingPill, pill } from '../words.js';
import { toWall } from '../zoned.js';
import './booking-detail.js';

const DAY = 86_400_000;

/**
 * My meetings: those I host or attend, coming ones first by day (waiting for
 * approval, approved or rejected said, R15), past ones on request; my calendar
 * feed to subscribe to. `#/meetings/<id>` opens one meeting.
 */
export class MeetingsPage extends LitElement {
  static override properties = { me: { attribute: false }, bookingId: { type: String }, view: { type: String }, bookings: { state: true }, rooms: { state: true }, past: { state: true } };
  declare me: UserDto | null;
  declare bookingId: string;
  /** The meeting record's part shown (`#/meetings/<id>/<part>`). */
  declare view: string;
  declare bookings: BookingDto[] | null;
  declare rooms: Map<string, RoomDto>;
  declare past: boolean;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      .layout { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 1.2em; align-items: start; }
      h2.day { font-size: 1rem; margin: 1em 0 0.4em; color: var(--muted); }
      ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5em; }
      li a.card { display: grid; grid-template-columns: 7.5em 1fr auto; gap: 0.2em 1em; color: inherit; text-decoration: none; align-items: center; }
      li a.card:hover { border-color: var(--accent); }
      .time { font-weight: 700; font-variant-numeric: tabular-nums; }
      .title { font-weight: 600; color: var(--accent); }
      .where { color: var(--muted); font-size: 0.9em; }
      @media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
      @media (max-width: 600px) { li a.card { grid-template-columns: 1fr auto; } .time { grid-column: 1 / -1; } }
    `,
  ];

  constructor() {
    super();
    this.me = null;
    this.bookingId = '';
    this.view = '';
    this.bookings = null;
    this.rooms = new Map();
    this.past = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    void roomList().then((r) => (this.rooms = new Map(r.map((x) => [x.id, x]))));
    void this.load();
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has('bookingId') && changed.get('bookingId') && !this.bookingId) void this.load(); // back from a meeting
  }

  private async load() {
    const from = new Date(hubNow() - (this.past ? 60 * DAY : DAY)).toISOString();
    const list = await api<BookingDto[]>('GET', `/api/bookings?mine=true&from=${from}`);
    const now = hubNow();
    this.bookings = (this.past ? list : list.filter((b) => Date.parse(b.end) > now)).sort((a, b) => (this.past ? Date.parse(b.start) - Date.parse(a.start) : Date.parse(a.start) - Date.parse(b.start)));
  }

  override render() {
    const t = this.i18n.t;
    if (this.bookingId) return html`<booking-detail .bookingId=${this.bookingId} .me=${this.me} .view=${this.view}></booking-detail>`;
    return html`
      <h1>${t('meetings.title')}</h1>
      <div class="layout">
        <section aria-labelledby="list-h">
          <h2 id="list-h" class="visually-hidden">${t('meetings.list')}</h2>
          <div class="toolbar">
            <a class="button primary" href=${href('find')}>${t('meetings.bookRoom')}</a>
            <label class="row"><input type="checkbox" data-filter="past" .checked=${this.past} @change=${(e: Event) => { this.past = (e.target as HTMLInputElement).checked; void this.load(); }} />${t('meetings.showPast')}</label>
          </div>
          ${this.renderList()}
        </section>
        ${this.me ? html`<calendar-feed .userId=${this.me.id}></calendar-feed>` : nothing}
      </div>
    `;
  }

  private renderList() {
    const { t, locale } = this.i18n;
    if (this.bookings === null) return html`<p role="status">${t('common.loading')}</p>`;
    if (!this.bookings.length) return html`<p class="card" data-meetings="0">${t(this.past ? 'meetings.nonePast' : 'meetings.none')}</p>`;
    const byDay = new Map<string, BookingDto[]>();
    for (const b of this.bookings) {
      const day = toWall(Date.parse(b.start), this.rooms.get(b.room)?.timeZone).date;
      byDay.set(day, [...(byDay.get(day) ?? []), b]);
    }
    return html`${[...byDay.entries()].map(
      ([day, list]) => html`<h2 class="day" id="d-${day}">${dayLabel(day, locale, true)}</h2>
        <ol aria-labelledby="d-${day}">
          ${list.map((b) => {
            const room = this.rooms.get(b.room);
            const zone = room?.timeZone;
            return html`<li data-booking=${b.id} data-status=${b.status}>
              <a class="card" href=${href('meetings', b.id)}>
                <span class="time">${clock(b.start, locale, zone)}–${clock(b.end, locale, zone)}</span>
                <span><span class="title">${b.title}</span><br /><span class="where">${room?.name ?? b.room}${b.host === this.me?.id ? '' : ` · ${t('meetings.invited')}`}</span></span>
                <span class="row">${b.series ? pill('info', 'clock', t('meetings.repeats'), 'series') : nothing}${bookingPill(t, b)}</span>
              </a>
            </li>`;
          })}
        </ol>`,
    )}`;
  }
}
customElements.define('meetings-page', MeetingsPage);
declare global {
  interface HTMLElementTagNameMap {
    'meetings-page': MeetingsPage;
  }
}
