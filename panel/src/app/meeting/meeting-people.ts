import { css, html, LitElement, nothing } from 'lit';
import type { AttendanceDto, UserDto } from '../../../../shared/schemas/http.js';
import type { MeetingDto } from '../../../../shared/schemas/meetings.js';
import { api } from '../api.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { appStyles } from '../theme.js';
import { failure, feedback } from './meeting-words.js';

const MARKS = ['on_time', 'late', 'absent'] as const;

/**
 * Who does what (G2): the host names a delegate and the minute taker, and the
 * departments copied on the minutes (C3). The sign-in list (M4, G3): badge
 * taps mark people as they arrive; the host or delegate corrects it by hand.
 *
 * @fires meeting-changed - `{detail: MeetingDto}` after the roles were saved
 */
export class MeetingPeople extends LitElement {
  static override properties = {
    meeting: { attribute: false },
    people: { attribute: false },
    attendance: { attribute: false },
    delegate: { state: true },
    minuteTaker: { state: true },
    cc: { state: true },
    message: { state: true },
    error: { state: true },
  };
  declare meeting: MeetingDto | null;
  declare people: Map<string, UserDto>;
  declare attendance: AttendanceDto[];
  declare delegate: string;
  declare minuteTaker: string;
  declare cc: string;
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
      const ccDepartments = this.cc.split(/[,，、;；]/).map((s) => s.trim()).filter(Boolean);
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
    return html`
      <h2>${t('roles.title')}</h2>
      ${feedback(t, this.message, this.error)}
      <section aria-labelledby="roles-h">
        <h3 id="roles-h">${t('roles.roles')}</h3>
        ${setRoles
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
            </dl>`}
      </section>
      <section aria-labelledby="att-h">
        <h3 id="att-h">${t('roles.attendance')}</h3>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="att-h">
          <table>
            <thead><tr><th scope="col">${t('roles.person')}</th><th scope="col">${t('roles.signIn')}</th></tr></thead>
            <tbody>
              ${everyone.map((id) => html`<tr data-person=${id}>
                <td>${this.name(id)}${id === m.host ? html` <span class="muted">(${t('meetings.host')})</span>` : nothing}</td>
                <td>${marks
                  ? html`<select aria-label=${t('roles.markFor', { name: this.name(id) })} data-mark=${id} @change=${(e: Event) => this.mark(id, (e.target as HTMLSelectElement).value)}>
                      <option value="" ?selected=${!MARKS.includes(status.get(id) as (typeof MARKS)[number])} disabled>${t('attendance.expected')}</option>
                      ${MARKS.map((s) => html`<option value=${s} ?selected=${status.get(id) === s}>${t(`attendance.${s}`)}</option>`)}
                    </select>`
                  : t(`attendance.${status.get(id) ?? 'expected'}`)}</td>
              </tr>`)}
            </tbody>
          </table>
        </div>
      </section>
    `;
  }
}
customElements.define('meeting-people', MeetingPeople);
declare global {
  interface HTMLElementTagNameMap {
    'meeting-people': MeetingPeople;
  }
}
