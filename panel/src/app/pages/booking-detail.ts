import { css, html, LitElement, nothing } from 'lit';
import type { BookingDetailDto, RoomDto, UserDto } from '../../../../shared/schemas/http.js';
import type { MeetingDto } from '../../../../shared/schemas/meetings.js';
import { api, ApiError } from '../api.js';
import '../app-dialog.js';
import '../booking-editor.js';
import type { BookingSaved } from '../booking-editor.js';
import { problemText } from '../booking-words.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { directory, roomList } from '../directory.js';
import { dateTime, whenText, zoneNote } from '../format.js';
import { hubNow } from '../hub-clock.js';
import '../meeting/meeting-agenda.js';
import '../meeting/meeting-materials.js';
import '../meeting/meeting-minutes.js';
import '../meeting/meeting-next.js';
import '../meeting/meeting-outcomes.js';
import '../meeting/meeting-people.js';
import { href } from '../router.js';
import { appStyles } from '../theme.js';
import { bookingPill, pill } from '../words.js';

const ACTIVE = new Set(['confirmed', 'pending_approval']);
/** The meeting record's parts (policy chapters 1-3), each at `#/meetings/<id>/<part>`; '' is the booking itself. */
const PARTS = ['', 'agenda', 'people', 'materials', 'outcomes', 'minutes', 'next'] as const;
type Part = (typeof PARTS)[number];

/**
 * One meeting: what, when (the room's time), where, who (with sign-in once it
 * has begun, G3), and its state: waiting for approval, approved by whom, or
 * rejected (R15). Its host (or the administration office) changes it (time,
 * attendees, title) or cancels it; an occurrence of a series alone or with the
 * ones after it (G1). The meeting's record sits beside it as parts of the page
 * (`#/meetings/<id>/agenda`, `/people`, `/materials`, `/outcomes`, `/minutes`,
 * `/next`): the agenda (M5, C7), roles and sign-in list (G2, G3, M4), materials
 * (M3), votes, decisions and actions (M6, M7, G5), the minutes (M9, C1-C3) and
 * the next meeting proposed at the wrap-up (M8).
 */
export class BookingDetail extends LitElement {
  static override properties = {
    bookingId: { type: String },
    view: { type: String },
    me: { attribute: false },
    meeting: { state: true },
    booking: { state: true },
    room: { state: true },
    people: { state: true },
    editorOpen: { state: true },
    cancelling: { state: true },
    scope: { state: true },
    message: { state: true },
    error: { state: true },
  };
  declare bookingId: string;
  declare view: string;
  declare me: UserDto | null;
  /** The meeting's record (roles, what I may do); null when there is none to show. */
  declare meeting: MeetingDto | null;
  declare booking: BookingDetailDto | null;
  declare room: RoomDto | null;
  declare people: Map<string, UserDto>;
  declare editorOpen: boolean;
  declare cancelling: boolean;
  declare scope: 'one' | 'following';
  declare message: Note | null;
  declare error: string;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; max-width: 900px; }
      .head { display: flex; flex-wrap: wrap; gap: 0.5em 1em; align-items: center; margin-bottom: 0.6em; }
      .head h1 { margin: 0; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.5em 1.2em; margin: 0; }
      dt { color: var(--muted); font-weight: 600; }
      dd { margin: 0; }
      ul.people { margin: 0; padding: 0; list-style: none; display: grid; gap: 0.25em; }
      .scope label { display: flex; gap: 0.4em; align-items: center; font-weight: 400; margin: 0.3em 0; }
      .back { display: inline-block; margin-bottom: 0.8em; }
      nav.parts ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.3em; margin: 0 0 1em; padding: 0; border-bottom: 1px solid var(--soft-line); }
      nav.parts a { display: inline-flex; align-items: center; min-height: 44px; padding: 0 0.8em; text-decoration: none; font-weight: 600; border-bottom: 3px solid transparent; }
      nav.parts a[aria-current='page'] { border-bottom-color: var(--accent); color: #1b1c1f; }
      @media (max-width: 600px) { dl { grid-template-columns: 1fr; gap: 0.1em; } dd { margin-bottom: 0.5em; } }
    `,
  ];

  constructor() {
    super();
    this.bookingId = '';
    this.view = '';
    this.me = null;
    this.meeting = null;
    this.booking = null;
    this.room = null;
    this.people = new Map();
    this.editorOpen = false;
    this.cancelling = false;
    this.scope = 'one';
    this.message = null;
    this.error = '';
  }

  override updated(changed: Map<string, unknown>) {
    // Another part of the meeting read afresh: during a meeting its state moves (held, ended) while the page is open.
    if ((changed.has('bookingId') || changed.has('view')) && this.bookingId) void this.load();
  }

  private async load() {
    try {
      const [b, rooms, people] = await Promise.all([
        api<BookingDetailDto>('GET', `/api/bookings/${encodeURIComponent(this.bookingId)}`),
        roomList(),
        directory(),
      ]);
      this.booking = b;
      this.room = rooms.find((r) => r.id === b.room) ?? null;
      this.people = new Map(people.map((p) => [p.id, p]));
      this.meeting = await api<MeetingDto>('GET', `/api/bookings/${encodeURIComponent(this.bookingId)}/meeting`).catch(() => null);
    } catch (err) {
      this.error = err instanceof ApiError && err.status === 404 ? this.i18n.t('meetings.notFound') : this.i18n.t('error.internal');
    }
  }

  private async cancel() {
    const b = this.booking!;
    const t = this.i18n.t;
    try {
      if (b.series && this.scope === 'following') {
        await api('DELETE', `/api/series/${encodeURIComponent(b.series)}?from=${encodeURIComponent(b.start)}`);
        this.message = note('meetings.cancelledFollowing');
      } else {
        await api('POST', `/api/bookings/${encodeURIComponent(b.id)}/cancel`);
        this.message = note('meetings.cancelled');
      }
      this.error = '';
    } catch (err) {
      this.error = err instanceof ApiError ? problemText(t, { code: err.code, message: err.message, details: err.details }) : t('error.internal');
    }
    this.cancelling = false;
    await this.load();
  }

  private saved(e: CustomEvent<BookingSaved>) {
    this.message = note(e.detail.series ? 'meetings.savedFollowing' : 'meetings.saved');
    void this.load();
  }

  private name(id: string) {
    return this.people.get(id)?.name ?? id;
  }

  override render() {
    const { t } = this.i18n;
    const back = html`<a class="back" href=${href('meetings')}>← ${t('meetings.back')}</a>`;
    if (this.error && !this.booking) return html`${back}<p class="form-error" role="alert">${this.error}</p>`;
    const b = this.booking;
    if (!b) return html`${back}<p role="status">${t('common.loading')}</p>`;
    return html`
      ${back}
      <div class="head"><h1>${b.title}</h1>${bookingPill(t, b)}${b.series ? pill('info', 'clock', t('meetings.repeats'), 'series') : nothing}</div>
      <div role="status">${this.message ? html`<p class="notice" data-message>${t(...this.message)}</p>` : nothing}</div>
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      ${this.partsNav()}
      ${this.view && this.meeting ? this.partView(this.view as Part) : this.overview(b)}
    `;
  }

  /** The meeting's parts as links (each its own address, so a mail or a bookmark opens it). */
  private partsNav() {
    const t = this.i18n.t;
    if (!this.meeting || !['confirmed', 'checked_in', 'completed'].includes(this.booking!.status)) return nothing;
    const current = (PARTS as readonly string[]).includes(this.view) ? this.view : '';
    return html`<nav class="parts" aria-label=${t('record.nav')}><ul>
      ${PARTS.map((p) => html`<li><a href=${href('meetings', this.bookingId, p || undefined)} data-part=${p || 'overview'} aria-current=${p === current ? 'page' : 'false'}>${t(`record.part.${p || 'overview'}`)}</a></li>`)}
    </ul></nav>`;
  }

  private partView(part: Part) {
    const m = this.meeting!;
    const attendanceChanged = () => void this.load();
    switch (part) {
      case 'agenda': return html`<meeting-agenda .zone=${this.room?.timeZone} .meeting=${m} .people=${this.people}></meeting-agenda>`;
      case 'people': return html`<meeting-people .zone=${this.room?.timeZone} .meeting=${m} .people=${this.people} .attendance=${this.booking!.attendance}
        @meeting-changed=${(e: CustomEvent<MeetingDto>) => (this.meeting = e.detail)} @attendance-changed=${attendanceChanged}></meeting-people>`;
      case 'materials': return html`<meeting-materials .zone=${this.room?.timeZone} .meeting=${m} .people=${this.people}></meeting-materials>`;
      case 'outcomes': return html`<meeting-outcomes .zone=${this.room?.timeZone} .meeting=${m} .people=${this.people} .me=${this.me}></meeting-outcomes>`;
      case 'next': return html`<meeting-next .zone=${this.room?.timeZone} .meeting=${m} @meeting-changed=${(e: CustomEvent<MeetingDto>) => (this.meeting = e.detail)}></meeting-next>`;
      case 'minutes': return html`<meeting-minutes .zone=${this.room?.timeZone} .meeting=${m} .people=${this.people} .me=${this.me}></meeting-minutes>`;
      default: return this.overview(this.booking!);
    }
  }

  private overview(b: BookingDetailDto) {
    const { t, locale } = this.i18n;
    const zone = this.room?.timeZone;
    const mine = b.host === this.me?.id || this.me?.role === 'admin';
    const changeable = mine && ACTIVE.has(b.status) && Date.parse(b.end) > hubNow();
    const started = b.status !== 'pending_approval' && Date.parse(b.start) <= hubNow();
    const attendance = new Map(b.attendance.map((a) => [a.user, a]));
    const who = (id: string) => html`<li data-person=${id}>${this.name(id)}${started && attendance.get(id) ? html` · ${t(`attendance.${attendance.get(id)!.status}`)}` : nothing}</li>`;
    return html`
      ${b.status === 'pending_approval' ? html`<p class="card" data-note="pending">${t('meetings.pendingNote')}</p>` : nothing}
      ${b.status === 'rejected'
        ? html`<div class="card" data-note="rejected">
            <p>${t(b.closeReason === 'not_approved_in_time' ? 'meetings.notAnsweredNote' : 'meetings.rejectedNote')}</p>
            ${b.closeNote ? html`<p><strong>${t('meetings.rejectionReason')}</strong> ${b.closeNote}</p>` : nothing}
          </div>`
        : nothing}
      <section class="card" aria-label=${t('meetings.details')}>
        <dl>
          <dt>${t('meetings.when')}</dt><dd data-field="when">${whenText(b.start, b.end, locale, zone)}${zoneNote(zone) ? html` <span class="muted">(${zone})</span>` : nothing}</dd>
          <dt>${t('meetings.where')}</dt><dd>${this.room ? html`<a href=${href('calendar', this.room.id)}>${this.room.name}</a>` : b.room}</dd>
          <dt>${t('meetings.host')}</dt><dd>${this.name(b.host)}</dd>
          <dt>${t('booking.attendees')}</dt><dd>${b.attendees.length ? html`<ul class="people">${b.attendees.map(who)}</ul>` : t('meetings.noAttendees')}</dd>
          <dt>${t('booking.headcount')}</dt><dd>${b.headcount}</dd>
          <dt>${t('meetings.privacy')}</dt><dd>${b.private ? t('meetings.private') : t('meetings.public')}</dd>
          ${b.approvedBy ? html`<dt>${t('meetings.approval')}</dt><dd data-field="approved">${t('meetings.approvedBy', { name: this.name(b.approvedBy), at: dateTime(b.approvedAt, locale, zone) })}</dd>` : nothing}
          ${b.shortNotice ? html`<dt>${t('meetings.notice')}</dt><dd>${t('check.shortNotice')}</dd>` : nothing}
        </dl>
      </section>
      ${changeable
        ? html`<div class="actions" style="justify-content:flex-start">
            <button class="primary" data-action="edit-booking" @click=${() => (this.editorOpen = true)}>${t('meetings.change')}</button>
            <button class="danger" data-action="cancel-booking" @click=${() => { this.scope = 'one'; this.cancelling = true; }}>${t('meetings.cancel')}</button>
          </div>`
        : nothing}
      <booking-editor .room=${this.room} .booking=${b} .me=${this.me} .open=${this.editorOpen}
        @editor-close=${() => (this.editorOpen = false)} @booking-saved=${(e: CustomEvent<BookingSaved>) => this.saved(e)}></booking-editor>
      <app-dialog .open=${this.cancelling} heading=${t('meetings.cancelTitle', { title: b.title })} @dialog-close=${() => (this.cancelling = false)}>
        <p>${t('meetings.cancelBody')}</p>
        ${b.series
          ? html`<fieldset class="scope"><legend>${t('series.applyTo')}</legend>
              <label><input type="radio" name="cancel-scope" value="one" .checked=${this.scope === 'one'} @change=${() => (this.scope = 'one')} />${t('series.thisOne')}</label>
              <label><input type="radio" name="cancel-scope" value="following" .checked=${this.scope === 'following'} @change=${() => (this.scope = 'following')} />${t('series.thisAndFollowing')}</label>
            </fieldset>`
          : nothing}
        <div class="actions">
          <button type="button" @click=${() => (this.cancelling = false)}>${t('meetings.keep')}</button>
          <button type="button" class="primary danger" data-action="confirm-cancel" @click=${() => this.cancel()}>${t('meetings.cancel')}</button>
        </div>
      </app-dialog>
    `;
  }
}
customElements.define('booking-detail', BookingDetail);
declare global {
  interface HTMLElementTagNameMap {
    'booking-detail': BookingDetail;
  }
}
