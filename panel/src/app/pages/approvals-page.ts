import { css, html, LitElement, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { BookingDto, RoomDto, UserDto } from '../../../../shared/schemas/http.js';
import { api, ApiError, errorFor, fieldErrors } from '../api.js';
import '../app-dialog.js';
import { APPROVALS_CHANGED } from '../approvals-count.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { directory, roomList } from '../directory.js';
import { describedBy, fieldError } from '../forms.js';
import { ago, whenText } from '../format.js';
import { hubNow } from '../hub-clock.js';
import { href } from '../router.js';
import { appStyles } from '../theme.js';


/**
 * After-hours requests (R14, R15): the administration office's queue, soonest
 * first. Approve at once; reject with the reason the host is mailed (required).
 */
export class ApprovalsPage extends LitElement {
  static override properties = { queue: { state: true }, rooms: { state: true }, people: { state: true }, rejecting: { state: true }, errors: { state: true }, message: { state: true }, busy: { state: true } };
  declare queue: BookingDto[] | null;
  declare rooms: Map<string, RoomDto>;
  declare people: Map<string, UserDto>;
  declare rejecting: BookingDto | null;
  declare errors: Record<string, string>;
  declare message: Note | null;
  declare busy: boolean;
  private readonly i18n = new LocaleController(this);

  static override styles = [appStyles, css`:host { display: block; } td.actions-cell { white-space: nowrap; } textarea { width: 100%; min-height: 6em; }`];

  constructor() {
    super();
    this.queue = null;
    this.rooms = new Map();
    this.people = new Map();
    this.rejecting = null;
    this.errors = {};
    this.message = null;
    this.busy = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    void Promise.all([roomList(), directory()]).then(([r, p]) => {
      this.rooms = new Map(r.map((x) => [x.id, x]));
      this.people = new Map(p.map((x) => [x.id, x]));
    });
    void this.load();
  }

  private async load() {
    this.queue = await api<BookingDto[]>('GET', '/api/approvals');
    window.dispatchEvent(new CustomEvent(APPROVALS_CHANGED, { detail: this.queue.length }));
  }

  private async approve(b: BookingDto) {
    try {
      await api('POST', `/api/bookings/${encodeURIComponent(b.id)}/approve`);
      this.message = note('approvals.approved', { title: b.title });
    } catch (err) {
      this.message = note(err instanceof ApiError && err.code === 'invalid_state' ? 'error.invalid_state' : 'error.internal');
    }
    await this.load();
  }

  private async reject(e: SubmitEvent) {
    e.preventDefault();
    const b = this.rejecting!;
    const reason = ((e.target as HTMLFormElement).elements.namedItem('reason') as HTMLTextAreaElement).value;
    this.errors = {};
    if (!reason.trim()) {
      this.errors = { note: this.i18n.t('approvals.reasonNeeded') };
      return;
    }
    this.busy = true;
    try {
      await api('POST', `/api/bookings/${encodeURIComponent(b.id)}/reject`, { note: reason.trim() });
      this.message = note('approvals.rejected', { title: b.title });
      this.rejecting = null;
      await this.load();
    } catch (err) {
      this.errors = fieldErrors(err);
      if (!Object.keys(this.errors).length) this.errors = { note: this.i18n.t('error.internal') };
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const { t, locale } = this.i18n;
    const q = this.queue;
    const noteError = errorFor(this.errors, 'note');
    return html`
      <h1>${t('approvals.title')}</h1>
      <p class="muted">${t('approvals.intro')}</p>
      <div role="status">${this.message ? html`<p class="notice" data-message>${t(...this.message)}</p>` : nothing}</div>
      ${q === null
        ? html`<p role="status">${t('common.loading')}</p>`
        : q.length === 0
          ? html`<p class="card" data-queue="0">${t('approvals.none')}</p>`
          : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t('approvals.title')}>
              <table>
                <thead><tr>
                  <th scope="col">${t('approvals.when')}</th><th scope="col">${t('approvals.room')}</th><th scope="col">${t('approvals.meeting')}</th>
                  <th scope="col">${t('approvals.who')}</th><th scope="col" class="hide-narrow">${t('approvals.asked')}</th>
                  <th scope="col"><span class="visually-hidden">${t('common.actions')}</span></th>
                </tr></thead>
                <tbody>
                  ${q.map((b) => html`<tr data-booking=${b.id}>
                    <td>${whenText(b.start, b.end, locale, this.rooms.get(b.room)?.timeZone)}</td>
                    <td>${this.rooms.get(b.room)?.name ?? b.room}</td>
                    <td><a href=${href('meetings', b.id)}>${b.title}</a><br /><span class="muted">${t('approvals.people', { n: b.headcount })}</span></td>
                    <td>${this.people.get(b.host)?.name ?? b.host}</td>
                    <td class="hide-narrow">${ago(t, b.createdAt, hubNow())}</td>
                    <td class="actions-cell">
                      <button class="primary" data-action="approve" @click=${() => this.approve(b)}>${t('approvals.approve')}<span class="visually-hidden"> ${b.title}</span></button>
                      <button class="danger" data-action="reject" @click=${() => { this.errors = {}; this.rejecting = b; }}>${t('approvals.reject')}<span class="visually-hidden"> ${b.title}</span></button>
                    </td>
                  </tr>`)}
                </tbody>
              </table>
            </div>`}
      <app-dialog .open=${this.rejecting !== null} heading=${t('approvals.rejectTitle', { title: this.rejecting?.title ?? '' })} @dialog-close=${() => (this.rejecting = null)}>
        ${keyed(this.rejecting?.id ?? '', html`<form novalidate @submit=${(e: SubmitEvent) => this.reject(e)}>
          <div class="field">
            <label for="reason">${t('approvals.reason')}</label>
            <span class="hint" id="reason-hint">${t('approvals.reasonHint')}</span>
            <textarea id="reason" name="reason" maxlength="1000" aria-required="true" aria-invalid=${noteError ? 'true' : 'false'} aria-describedby=${describedBy('reason', noteError, true)}></textarea>
            ${fieldError('reason', noteError)}
          </div>
          <div class="actions">
            <button type="button" @click=${() => (this.rejecting = null)}>${t('action.cancel')}</button>
            <button type="submit" class="primary danger" data-action="confirm-reject" ?disabled=${this.busy}>${t('approvals.reject')}</button>
          </div>
        </form>`)}
      </app-dialog>
    `;
  }
}
customElements.define('approvals-page', ApprovalsPage);
declare global {
  interface HTMLElementTagNameMap {
    'approvals-page': ApprovalsPage;
  }
}
