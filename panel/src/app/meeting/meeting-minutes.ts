import { css, html, LitElement, nothing } from 'lit';
import type { UserDto } from '../../../../shared/schemas/http.js';
import type { MeetingDto, MinutesDto } from '../../../../shared/schemas/meetings.js';
import { api } from '../api.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { dateTime } from '../format.js';
import { appStyles } from '../theme.js';
import { AUDIENCE, deadlinePill, failure, feedback, holdsRole, KEEPS_RECORD, meetingSwitched, minutesPill, RUNS } from './meeting-words.js';
import './archived-minutes.js';
import './minutes-editor.js';

/**
 * A meeting's minutes (M9, C1-C3): the minute taker writes them (autosaved)
 * and submits them to the host; the host approves (which distributes them by
 * mail) or returns them with a reason; attendees confirm them. The deadlines
 * (draft in 24 h, distributed in 48 h) are shown, met or missed, in words.
 */
export class MeetingMinutes extends LitElement {
  static override properties = {
    zone: { type: String },
    meeting: { attribute: false },
    people: { attribute: false },
    me: { attribute: false },
    minutes: { state: true },
    message: { state: true },
    error: { state: true },
    reason: { state: true },
    returning: { state: true },
  };
  /** The room's time zone: times are shown as the room reads them. */
  declare zone: string | undefined;
  declare meeting: MeetingDto | null;
  declare people: Map<string, UserDto>;
  declare me: UserDto | null;
  declare minutes: MinutesDto | null;
  declare message: Note | null;
  declare error: string;
  declare reason: string;
  declare returning: boolean;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.4em 1em; margin: 0 0 1em; }
      dt { color: var(--muted); font-weight: 600; }
      dd { margin: 0; display: flex; flex-wrap: wrap; gap: 0.4em; align-items: center; }
      .text { white-space: pre-wrap; overflow-wrap: anywhere; }
      ul { margin: 0.3em 0; padding-inline-start: 1.2em; }
      textarea { width: 100%; min-height: 5em; }
      @media (max-width: 600px) { dl { grid-template-columns: 1fr; } }
    `,
  ];

  constructor() {
    super();
    this.zone = undefined;
    this.meeting = null;
    this.people = new Map();
    this.me = null;
    this.minutes = null;
    this.message = null;
    this.error = '';
    this.reason = '';
    this.returning = false;
  }

  override updated(changed: Map<string, unknown>) {
    if (meetingSwitched(changed, this.meeting)) void this.load();
  }

  private get path() {
    return `/api/bookings/${encodeURIComponent(this.meeting!.booking)}/minutes`;
  }

  private async load() {
    try {
      this.minutes = await api<MinutesDto>('GET', this.path);
    } catch (err) {
      this.error = failure(this.i18n.t, err);
    }
  }

  private async act(step: 'submit' | 'approve' | 'return' | 'confirm', done: Note) {
    try {
      const body = step === 'return' ? { reason: this.reason } : step === 'confirm' ? {} : undefined;
      if (step === 'submit') await (this.renderRoot.querySelector('minutes-editor') as { save(): Promise<void> } | null)?.save();
      this.minutes = await api<MinutesDto>('POST', `${this.path}/${step}`, body);
      this.message = done;
      this.error = '';
      this.returning = false;
    } catch (err) {
      this.error = failure(this.i18n.t, err);
    }
  }

  private name(id: string | null) {
    return id ? (this.people.get(id)?.name ?? id) : '';
  }

  override render() {
    const { t, locale } = this.i18n;
    const m = this.minutes;
    const mt = this.meeting;
    if (!m || !mt) return html`<p role="status">${this.error || t('common.loading')}</p>`;
    const may = (roles: readonly string[]) => holdsRole(mt, roles);
    const writing = may(KEEPS_RECORD) && (m.status === 'not_started' || m.status === 'draft');
    const confirmed = m.confirmations.some((c) => c.user === this.me?.id);
    return html`
      <h2>${t('minutes.title')}</h2>
      ${feedback(t, this.message, this.error)}
      <dl>
        <dt>${t('minutes.state')}</dt><dd data-minutes-status=${m.status}>${minutesPill(t, m)}</dd>
        <dt>${t('minutes.minuteTaker')}</dt><dd>${this.name(m.minuteTaker ?? mt.minuteTaker) || t('minutes.nobodyNamed')}</dd>
        <dt>${t('minutes.draftDue')}</dt><dd data-deadline="draft">${dateTime(m.draft.due, locale, this.zone)} ${deadlinePill(t, m.draft)}</dd>
        <dt>${t('minutes.distributeDue')}</dt><dd data-deadline="distribute">${dateTime(m.distribute.due, locale, this.zone)} ${deadlinePill(t, m.distribute)}</dd>
        ${m.approvedAt ? html`<dt>${t('minutes.approved')}</dt><dd>${t('minutes.approvedBy', { name: this.name(m.approvedBy?.replace(/^user:/, '') ?? null), at: dateTime(m.approvedAt, locale, this.zone) })}</dd>` : nothing}
      </dl>
      ${m.returnedReason && m.status === 'draft' ? html`<p class="form-error" data-returned><strong>${t('minutes.returnedReason')}</strong> ${m.returnedReason}</p>` : nothing}
      ${
        writing
          ? html`<minutes-editor .bookingId=${mt.booking} .minutes=${m} @minutes-saved=${(e: CustomEvent<MinutesDto>) => (this.minutes = e.detail)}></minutes-editor>
            <div class="actions">
              ${mt.status === 'completed' ? nothing : html`<p class="hint" id="submit-hint">${t('minutes.submitAfterEnd')}</p>`}
              <button class="primary" data-action="submit-minutes" aria-describedby=${mt.status === 'completed' ? nothing : 'submit-hint'} ?disabled=${mt.status !== 'completed'}
                @click=${() => this.act('submit', note('minutes.submitted'))}>${t('minutes.submit')}</button>
            </div>`
          : m.text
            ? html`<section class="card" aria-label=${t('minutes.text')}><div class="text" data-minutes-text>${m.text}</div></section>`
            : html`<p class="card muted" data-minutes-empty>${t(m.status === 'approved' ? 'minutes.emptyText' : 'minutes.notYours')}</p>`
      }
      ${
        m.status === 'submitted' && may(RUNS)
          ? html`<div class="actions">
            <button data-action="return-minutes" @click=${() => (this.returning = !this.returning)} aria-expanded=${this.returning ? 'true' : 'false'}>${t('minutes.return')}</button>
            <button class="primary" data-action="approve-minutes" @click=${() => this.act('approve', note('minutes.approvedNote'))}>${t('minutes.approve')}</button>
          </div>
          ${
            this.returning
              ? html`<div class="field"><label for="return-reason">${t('minutes.returnReason')}</label>
                <textarea id="return-reason" .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea></div>
                <div class="actions"><button class="primary" data-action="confirm-return" ?disabled=${!this.reason.trim()} @click=${() => this.act('return', note('minutes.returnedNote'))}>${t('minutes.returnSend')}</button></div>`
              : nothing
          }`
          : nothing
      }
      ${m.status === 'approved' && m.archive ? html`<archived-minutes .archive=${m.archive}></archived-minutes>` : nothing}
      ${
        m.status === 'approved'
          ? html`<section aria-labelledby="conf-h">
            <h3 id="conf-h">${t('minutes.confirmations', { n: m.confirmations.length })}</h3>
            ${m.confirmations.length ? html`<ul>${m.confirmations.map((c) => html`<li data-confirmed=${c.user}>${this.name(c.user)} · ${dateTime(c.at, locale, this.zone)}${c.comment ? ` · ${c.comment}` : ''}</li>`)}</ul>` : nothing}
            ${may(AUDIENCE) && !confirmed ? html`<div class="actions" style="justify-content:flex-start"><button class="primary" data-action="confirm-minutes" @click=${() => this.act('confirm', note('minutes.confirmedNote'))}>${t('minutes.confirm')}</button></div>` : nothing}
          </section>`
          : nothing
      }
    `;
  }
}
customElements.define('meeting-minutes', MeetingMinutes);
declare global {
  interface HTMLElementTagNameMap {
    'meeting-minutes': MeetingMinutes;
  }
}
