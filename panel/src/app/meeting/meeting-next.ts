import { css, html, LitElement, nothing } from 'lit';
import type { BookingDto, RoomDto } from '../../../../shared/schemas/http.js';
import type { MeetingDto } from '../../../../shared/schemas/meetings.js';
import { api, ApiError, fieldErrors } from '../api.js';
import { problemText } from '../booking-words.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { roomList } from '../directory.js';
import { whenText } from '../format.js';
import { href } from '../router.js';
import { appStyles } from '../theme.js';
import { addDays, fromWall, toWall } from '../zoned.js';
import { feedback, holdsRole, meetingSwitched, RUNS } from './meeting-words.js';

/**
 * The wrap-up (M8): the host (or delegate) sets the next meeting's topic,
 * time and place. The hub keeps the proposal on this meeting and books it at
 * once as a booking for the same people, checked like any other (room free,
 * nobody in two meetings, opening hours); a refusal is said in words beside
 * the form. Everyone who reads the meeting sees the proposal and its link.
 *
 * @fires meeting-changed - `{detail: MeetingDto}` after a proposal was recorded
 */
export class MeetingNext extends LitElement {
  static override properties = {
    zone: { type: String },
    meeting: { attribute: false },
    rooms: { state: true },
    topic: { state: true },
    day: { state: true },
    from: { state: true },
    to: { state: true },
    room: { state: true },
    book: { state: true },
    busy: { state: true },
    message: { state: true },
    error: { state: true },
  };
  /** The room's time zone: the next meeting's time is typed and shown as this room reads it. */
  declare zone: string | undefined;
  declare meeting: MeetingDto | null;
  declare rooms: RoomDto[];
  declare topic: string;
  declare day: string;
  declare from: string;
  declare to: string;
  declare room: string;
  /** Book it now, or only record the proposal. */
  declare book: boolean;
  declare busy: boolean;
  declare message: Note | null;
  declare error: string;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(12em, 1fr)); gap: 0 1em; }
      input, select { width: 100%; }
      label.check { display: flex; gap: 0.5em; align-items: center; font-weight: 400; min-height: 32px; }
      label.check input { width: auto; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.4em 1.2em; margin: 0; }
      dt { color: var(--muted); font-weight: 600; }
      dd { margin: 0; overflow-wrap: anywhere; }
      @media (max-width: 600px) { dl { grid-template-columns: 1fr; gap: 0.1em; } }
    `,
  ];

  constructor() {
    super();
    this.zone = undefined;
    this.meeting = null;
    this.rooms = [];
    this.topic = '';
    this.day = '';
    this.from = '';
    this.to = '';
    this.room = '';
    this.book = true;
    this.busy = false;
    this.message = null;
    this.error = '';
  }

  override willUpdate(changed: Map<string, unknown>) {
    // The form starts from this meeting a week on: same topic, times and room.
    if (meetingSwitched(changed, this.meeting)) {
      const m = this.meeting!;
      const start = toWall(Date.parse(m.start), this.zone);
      this.topic = m.title;
      this.day = addDays(start.date, 7);
      this.from = start.time;
      this.to = toWall(Date.parse(m.end), this.zone).time;
      this.room = m.room;
    }
  }

  override connectedCallback() {
    super.connectedCallback();
    void roomList().then((r) => (this.rooms = r));
  }

  private async propose(e: Event) {
    e.preventDefault();
    const _t = this.i18n.t;
    this.busy = true;
    try {
      const at = (time: string) => new Date(fromWall(this.day, time, this.zone)).toISOString();
      const r = await api<{ meeting: MeetingDto; booking: BookingDto | null }>('POST', `/api/bookings/${encodeURIComponent(this.meeting!.booking)}/next`, {
        topic: this.topic,
        start: at(this.from),
        end: at(this.to),
        room: this.room,
        book: this.book,
      });
      this.message = note(!r.booking ? 'next.recorded' : r.booking.status === 'pending_approval' ? 'next.bookedPending' : 'next.booked');
      this.error = '';
      this.dispatchEvent(new CustomEvent('meeting-changed', { detail: r.meeting, bubbles: true, composed: true }));
    } catch (err) {
      this.message = null;
      this.error = this.refusal(err);
    }
    this.busy = false;
  }

  /** Why the hub refused, in the reader's words: the clash reasons are the booking's own (room taken, someone busy, hours). */
  private refusal(err: unknown) {
    const t = this.i18n.t;
    if (!(err instanceof ApiError)) return t('error.internal');
    const fields = err.code === 'invalid' ? fieldErrors(err) : {};
    if (fields.start) return t('check.inPast');
    if (fields.end) return t('check.endBeforeStart');
    if (fields.topic) return t('next.topicMissing');
    return problemText(t, { code: err.code, message: err.message, details: err.details });
  }

  override render() {
    const { t } = this.i18n;
    const m = this.meeting;
    if (!m) return html`<p role="status">${t('common.loading')}</p>`;
    const runs = holdsRole(m, RUNS);
    return html`
      <h2>${t('next.title')}</h2>
      <p class="muted">${t('next.help')}</p>
      ${feedback(t, this.message, this.error)}
      ${this.proposal(m)}
      ${runs ? this.form() : nothing}
    `;
  }

  private proposal(m: MeetingDto) {
    const { t, locale } = this.i18n;
    const n = m.next;
    if (!n) return html`<p class="card muted" data-next="none">${t('next.none')}</p>`;
    const room = this.rooms.find((r) => r.id === n.room)?.name ?? n.room;
    return html`<section class="card" data-next=${n.booking ? 'booked' : 'recorded'} aria-labelledby="next-h">
      <h3 id="next-h">${t('next.proposed')}</h3>
      <dl>
        <dt>${t('next.topic')}</dt><dd data-field="topic">${n.topic}</dd>
        <dt>${t('meetings.when')}</dt><dd data-field="when">${whenText(n.start, n.end, locale, this.zone)}</dd>
        <dt>${t('meetings.where')}</dt><dd data-field="room">${room}</dd>
        <dt>${t('next.booking')}</dt>
        <dd>${n.booking ? html`<a data-next-link href=${href('meetings', n.booking)}>${t('next.open', { topic: n.topic })}</a>` : t('next.notBooked')}</dd>
      </dl>
    </section>`;
  }

  private form() {
    const t = this.i18n.t;
    const input = (k: 'topic' | 'day' | 'from' | 'to') => (e: Event) => (this[k] = (e.target as HTMLInputElement).value);
    return html`<form class="card" data-form="next" aria-labelledby="next-form-h" @submit=${(e: Event) => this.propose(e)}>
      <h3 id="next-form-h">${t(this.meeting!.next ? 'next.change' : 'next.propose')}</h3>
      <div class="field"><label for="next-topic">${t('next.topic')}</label>
        <input id="next-topic" required maxlength="200" .value=${this.topic} @input=${input('topic')} /></div>
      <div class="grid">
        <div class="field"><label for="next-day">${t('next.day')}</label><input id="next-day" type="date" required .value=${this.day} @input=${input('day')} /></div>
        <div class="field"><label for="next-from">${t('next.from')}</label><input id="next-from" type="time" required .value=${this.from} @input=${input('from')} /></div>
        <div class="field"><label for="next-to">${t('next.to')}</label><input id="next-to" type="time" required .value=${this.to} @input=${input('to')} /></div>
        <div class="field"><label for="next-room">${t('next.room')}</label>
          <select id="next-room" @change=${(e: Event) => (this.room = (e.target as HTMLSelectElement).value)}>
            ${this.rooms.map((r) => html`<option value=${r.id} ?selected=${r.id === this.room}>${r.name}</option>`)}
          </select></div>
      </div>
      <label class="check"><input type="checkbox" id="next-book" .checked=${this.book} @change=${(e: Event) => (this.book = (e.target as HTMLInputElement).checked)} />${t('next.bookNow')}</label>
      <div class="actions"><button class="primary" type="submit" data-action="propose-next" ?disabled=${this.busy}>${t(this.book ? 'next.submitBook' : 'next.submitRecord')}</button></div>
    </form>`;
  }
}
customElements.define('meeting-next', MeetingNext);
declare global {
  interface HTMLElementTagNameMap {
    'meeting-next': MeetingNext;
  }
}
