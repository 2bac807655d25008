import { css, html, LitElement, nothing } from 'lit';
import type { BookingDetailDto, RoomDto, UserDto } from '../../../../shared/schemas/http.js';
import { api, ApiError } from '../api.js';
import '../app-dialog.js';
import '../booking-editor.js';
import type { BookingSaved } from '../booking-editor.js';
import { problemText } from '../booking-words.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { directory, roomList } from '../directory.js';
import { dateTime, whenText, zoneNote } from '../format.js';
import { hubNow } from '../hub-clock.js';
import { href } from '../router.js';
import { appStyles } from '../theme.js';
import { bookingPill, pill } from '../words.js';

const ACTIVE = new Set(['confirmed', 'pending_approval']);

/**
 * One meeting: what, when (the room's time), where, who (with sign-in once it
 * has begun, G3), and its state: waiting for approval, approved by whom, or
 * rejected (R15). Its host (or the administration office) changes it (time,
 * attendees, title) or cancels it; an occurrence of a series alone or with the
 * ones after it (G1).
 */
export class BookingDetail extends LitElement {
  static override properties = {
    bookingId: { type: String },
    me: { attribute: false },
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
  declare me: UserDto | null;
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
      @media (max-width: 600px) { dl { grid-template-columns: 1fr; gap: 0.1em; } dd { margin-bottom: 0.5em; } }
    `,
  ];

  constructor() {
    super();
    this.bookingId = '';
    this.me = null;
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
    if (changed.has('bookingId') && this.bookingId) void this.load();
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
    const { t, locale } = this.i18n;
    const back = html`<a class="back" href=${href('meetings')}>← ${t('meetings.back')}</a>`;
    if (this.error && !this.booking) return html`${back}<p class="form-error" role="alert">${this.error}</p>`;
    const b = this.booking;
    if (!b) return html`${back}<p role="status">${t('common.loading')}</p>`;
    const zone = this.room?.timeZone;
    const mine = b.host === this.me?.id || this.me?.role === 'admin';
    const changeable = mine && ACTIVE.has(b.status) && Date.parse(b.end) > hubNow();
    const started = b.status !== 'pending_approval' && Date.parse(b.start) <= hubNow();
    const attendance = new Map(b.attendance.map((a) => [a.user, a]));
    const who = (id: string) => html`<li data-person=${id}>${this.name(id)}${started && attendance.get(id) ? html` · ${t(`attendance.${attendance.get(id)!.status}`)}` : nothing}</li>`;
    return html`
      ${back}
      <div class="head"><h1>${b.title}</h1>${bookingPill(t, b)}${b.series ? pill('info', 'clock', t('meetings.repeats'), 'series') : nothing}</div>
      <div role="status">${this.message ? html`<p class="notice" data-message>${t(...this.message)}</p>` : nothing}</div>
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
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
