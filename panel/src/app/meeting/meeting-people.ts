import { css, html, LitElement, nothing } from 'lit';
import type { AttendanceDto, UserDto } from '../../../../shared/schemas/http.js';
import type { MeetingDto } from '../../../../shared/schemas/meetings.js';
import { api, fieldErrors } from '../api.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { clock } from '../format.js';
import { appStyles } from '../theme.js';
import { fromWall, toWall } from '../zoned.js';
import { failure, feedback } from './meeting-words.js';

const MARKS = ['on_time', 'late', 'absent'] as const;

/**
 * Who does what (G2): the host names a delegate and the minute taker, and the
 * departments copied on the minutes (C3). The sign-in list (M4, G3): badge
 * taps mark people as they arrive; the host or delegate corrects it by hand
 * and records who left before the end, with or without leave (G3).
 *
 * @fires meeting-changed - `{detail: MeetingDto}` after the roles were saved
 */
export class MeetingPeople extends LitElement {
  static override properties = {
    zone: { type: String },
    meeting: { attribute: false },
    people: { attribute: false },
    attendance: { attribute: false },
    delegate: { state: true },
    minuteTaker: { state: true },
    cc: { state: true },
    leaver: { state: true },
    leftAt: { state: true },
    leave: { state: true },
    message: { state: true },
    error: { state: true },
  };
  /** The room's time zone: the time someone left is typed and shown as the room reads it. */
  declare zone: string | undefined;
  declare meeting: MeetingDto | null;
  declare people: Map<string, UserDto>;
  declare attendance: AttendanceDto[];
  declare delegate: string;
  declare minuteTaker: string;
  declare cc: string;
  /** G3: who left early, at what time of the meeting's day, and whether the host gave leave. */
  declare leaver: string;
  declare leftAt: string;
  declare leave: 'granted' | 'not_granted';
  declare message: Note | null;
  declare error: string;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      section { margin-bottom: 1.2em; }
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(14em, 1fr)); gap: 0 1em; }
      select, input { width: 100%; }
      td select { width: auto; }
      fieldset.leave { border: 0; padding: 0; margin: 0 0 0.8em; }
      fieldset.leave legend { font-weight: 700; padding: 0; margin-bottom: 0.3em; }
      form[data-form='leaving'] { margin-top: 0.8em; }
      fieldset.leave label { display: flex; gap: 0.4em; align-items: center; font-weight: 400; min-height: 32px; }
      fieldset.leave input { width: auto; }
      h4 { margin: 0 0 0.5em; }
    `,
  ];

  constructor() {
    super();
    this.meeting = null;
    this.people = new Map();
    this.attendance = [];
    this.delegate = '';
    this.minuteTaker = '';
    this.cc = '';
    this.zone = undefined;
    this.leaver = '';
    this.leftAt = '';
    this.leave = 'granted';
    this.message = null;
    this.error = '';
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('meeting') && this.meeting) {
      this.delegate = this.meeting.delegate ?? '';
      this.minuteTaker = this.meeting.minuteTaker ?? '';
      this.cc = this.meeting.ccDepartments.join(', ');
    }
  }

  private get path() {
    return `/api/bookings/${encodeURIComponent(this.meeting!.booking)}`;
  }

  private async saveRoles(e: Event) {
    e.preventDefault();
    try {
      const ccDepartments = this.cc
        .split(/[,，、;；]/)
        .map((s) => s.trim())
        .filter(Boolean);
      const m = await api<MeetingDto>('PATCH', `${this.path}/meeting`, { delegate: this.delegate || null, minuteTaker: this.minuteTaker || null, ccDepartments });
      this.message = note('roles.saved');
      this.error = '';
      this.dispatchEvent(new CustomEvent('meeting-changed', { detail: m, bubbles: true, composed: true }));
    } catch (err) {
      this.error = failure(this.i18n.t, err);
    }
  }

  private async mark(user: string, status: string) {
    try {
      await api('PUT', `${this.path}/attendance/${encodeURIComponent(user)}`, { status });
      this.message = note('roles.marked', { name: this.name(user) });
      this.error = '';
      this.dispatchEvent(new CustomEvent('attendance-changed', { bubbles: true, composed: true }));
    } catch (err) {
      this.error = failure(this.i18n.t, err);
    }
  }

  /** G3: someone left before the end; the time is on the meeting's day in the room's zone. */
  private async saveLeaving(e: Event) {
    e.preventDefault();
    const m = this.meeting!;
    const t = this.i18n.t;
    if (!this.leaver || !this.leftAt) {
      this.error = t('leaving.incomplete');
      return;
    }
    try {
      const at = new Date(fromWall(toWall(Date.parse(m.start), this.zone).date, this.leftAt, this.zone)).toISOString();
      await api('PUT', `${this.path}/attendance/${encodeURIComponent(this.leaver)}`, { leftAt: at, leaveGranted: this.leave === 'granted' });
      this.message = note(this.leave === 'granted' ? 'leaving.savedWithLeave' : 'leaving.savedWithoutLeave', { name: this.name(this.leaver) });
      this.error = '';
      this.leaver = '';
      this.leftAt = '';
      this.dispatchEvent(new CustomEvent('attendance-changed', { bubbles: true, composed: true }));
    } catch (err) {
      this.error = fieldErrors(err).leftAt ? t('leaving.outside') : failure(t, err);
    }
  }

  /** Recorded by mistake (or they came back): the leaving is taken off the list. */
  private async clearLeaving(user: string) {
    try {
      await api('PUT', `${this.path}/attendance/${encodeURIComponent(user)}`, { leftAt: null });
      this.message = note('leaving.cleared', { name: this.name(user) });
      this.error = '';
      this.dispatchEvent(new CustomEvent('attendance-changed', { bubbles: true, composed: true }));
    } catch (err) {
      this.error = failure(this.i18n.t, err);
    }
  }

  /** The "left early" cell: the time and, in words, with or without leave; the host may take it back. */
  private leftText(a: AttendanceDto | undefined, marks: boolean) {
    const { t, locale } = this.i18n;
    if (!a?.leftAt) return html`<span class="muted">${t('leaving.stayed')}</span>`;
    return html`<span data-left=${a.leaveGranted ? 'with-leave' : 'without-leave'}>${t(a.leaveGranted ? 'leaving.withLeaveAt' : 'leaving.withoutLeaveAt', { time: clock(a.leftAt, locale, this.zone) })}</span>
      ${marks ? html`<button type="button" data-action="clear-leaving" @click=${() => this.clearLeaving(a.user)}>${t('leaving.clear')}<span class="visually-hidden"> ${this.name(a.user)}</span></button>` : nothing}`;
  }

  private name(id: string) {
    return this.people.get(id)?.name ?? id;
  }

  override render() {
    const t = this.i18n.t;
    const m = this.meeting;
    if (!m) return html`<p role="status">${t('common.loading')}</p>`;
    const roles = new Set(m.roles);
    const setRoles = roles.has('host') || roles.has('admin');
    const marks = setRoles || roles.has('delegate');
    const everyone = [m.host, ...m.attendees];
    const option = (id: string, chosen: string) => html`<option value=${id} ?selected=${id === chosen}>${this.name(id)}</option>`;
    const status = new Map(this.attendance.map((a) => [a.user, a.status]));
    const rows = new Map(this.attendance.map((a) => [a.user, a]));
    return html`
      <h2>${t('roles.title')}</h2>
      ${feedback(t, this.message, this.error)}
      <section aria-labelledby="roles-h">
        <h3 id="roles-h">${t('roles.roles')}</h3>
        ${
          setRoles
            ? html`<form class="card" @submit=${(e: Event) => this.saveRoles(e)}>
              <div class="grid">
                <div class="field"><label for="minute-taker">${t('roles.minuteTaker')}</label>
                  <select id="minute-taker" @change=${(e: Event) => (this.minuteTaker = (e.target as HTMLSelectElement).value)}>
                    <option value="" ?selected=${!this.minuteTaker}>${t('roles.nobody')}</option>${everyone.map((id) => option(id, this.minuteTaker))}
                  </select></div>
                <div class="field"><label for="delegate">${t('roles.delegate')}</label>
                  <select id="delegate" @change=${(e: Event) => (this.delegate = (e.target as HTMLSelectElement).value)}>
                    <option value="" ?selected=${!this.delegate}>${t('roles.nobody')}</option>${m.attendees.map((id) => option(id, this.delegate))}
                  </select></div>
                <div class="field"><label for="cc">${t('roles.cc')}</label>
                  <input id="cc" aria-describedby="cc-hint" .value=${this.cc} @input=${(e: Event) => (this.cc = (e.target as HTMLInputElement).value)} />
                  <span class="hint" id="cc-hint">${t('roles.ccHint')}</span></div>
              </div>
              <div class="actions"><button class="primary" type="submit" data-action="save-roles">${t('roles.save')}</button></div>
            </form>`
            : html`<dl class="card">
              <dt>${t('roles.minuteTaker')}</dt><dd data-field="minute-taker">${m.minuteTaker ? this.name(m.minuteTaker) : t('roles.nobody')}</dd>
              <dt>${t('roles.delegate')}</dt><dd>${m.delegate ? this.name(m.delegate) : t('roles.nobody')}</dd>
              <dt>${t('roles.cc')}</dt><dd>${m.ccDepartments.join('、') || t('roles.nobody')}</dd>
            </dl>`
        }
      </section>
      <section aria-labelledby="att-h">
        <h3 id="att-h">${t('roles.attendance')}</h3>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="att-h">
          <table>
            <thead><tr><th scope="col">${t('roles.person')}</th><th scope="col">${t('roles.signIn')}</th><th scope="col">${t('leaving.column')}</th></tr></thead>
            <tbody>
              ${everyone.map(
                (id) => html`<tr data-person=${id}>
                <td>${this.name(id)}${id === m.host ? html` <span class="muted">(${t('meetings.host')})</span>` : nothing}</td>
                <td>${
                  marks
                    ? html`<select aria-label=${t('roles.markFor', { name: this.name(id) })} data-mark=${id} @change=${(e: Event) => this.mark(id, (e.target as HTMLSelectElement).value)}>
                      <option value="" ?selected=${!MARKS.includes(status.get(id) as (typeof MARKS)[number])} disabled>${t('attendance.expected')}</option>
                      ${MARKS.map((s) => html`<option value=${s} ?selected=${status.get(id) === s}>${t(`attendance.${s}`)}</option>`)}
                    </select>`
                    : t(`attendance.${status.get(id) ?? 'expected'}`)
                }</td>
                <td>${this.leftText(rows.get(id), marks)}</td>
              </tr>`,
              )}
            </tbody>
          </table>
        </div>
        ${marks ? this.leavingForm(everyone) : nothing}
      </section>
    `;
  }

  /** G3: the host records someone leaving before the end, with or without leave. */
  private leavingForm(everyone: string[]) {
    const t = this.i18n.t;
    return html`<form class="card" data-form="leaving" aria-labelledby="leaving-h" @submit=${(e: Event) => this.saveLeaving(e)}>
      <h4 id="leaving-h">${t('leaving.title')}</h4>
      <div class="grid">
        <div class="field"><label for="leaver">${t('roles.person')}</label>
          <select id="leaver" @change=${(e: Event) => (this.leaver = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${!this.leaver}>${t('leaving.choose')}</option>${everyone.map((id) => html`<option value=${id} ?selected=${id === this.leaver}>${this.name(id)}</option>`)}
          </select></div>
        <div class="field"><label for="left-at">${t('leaving.at')}</label>
          <input id="left-at" type="time" .value=${this.leftAt} @input=${(e: Event) => (this.leftAt = (e.target as HTMLInputElement).value)} /></div>
        <fieldset class="leave"><legend>${t('leaving.leave')}</legend>
          <label><input type="radio" name="leave" value="granted" .checked=${this.leave === 'granted'} @change=${() => (this.leave = 'granted')} />${t('leaving.granted')}</label>
          <label><input type="radio" name="leave" value="not_granted" .checked=${this.leave === 'not_granted'} @change=${() => (this.leave = 'not_granted')} />${t('leaving.notGranted')}</label>
        </fieldset>
      </div>
      <div class="actions"><button class="primary" type="submit" data-action="save-leaving">${t('leaving.save')}</button></div>
    </form>`;
  }
}
customElements.define('meeting-people', MeetingPeople);
declare global {
  interface HTMLElementTagNameMap {
    'meeting-people': MeetingPeople;
  }
}
