import { css, html, LitElement, nothing } from 'lit';
import type { AuditEntryDto } from '../../../../shared/schemas/audit.js';
import type { RoomDto, UserDto } from '../../../../shared/schemas/http.js';
import { api, errorFor, fieldErrors, query } from '../api.js';
import { LocaleController } from '../controllers/locale.js';
import { actorName, dateTime } from '../format.js';
import { describedBy, fieldError } from '../forms.js';
import { appStyles } from '../theme.js';

const PAGE = 50;

/** What the audit log records (hub/app/events.ts), by group: a group filters by its prefix. */
export const AUDIT_TYPES: Record<string, string[]> = {
  'room.': ['room.created', 'room.updated'],
  'user.': ['user.created', 'user.updated', 'user.deactivated'],
  'device.': ['device.provisioned', 'device.revoked', 'device.token_reissued', 'device.status_changed'],
  'fault.': ['fault.reported', 'fault.changed'],
  'inspection.': ['inspection.plan_set', 'inspection.recorded'],
  'booking.': ['booking.created', 'booking.updated', 'booking.checked_in', 'booking.released', 'booking.ended', 'booking.extended', 'booking.cancelled'],
  'attendance.': ['attendance.signed_in'],
  'badge.': ['badge.unknown'],
  'integration.': ['integration.created', 'integration.revoked'],
};

/** `datetime-local` (the browser's zone) to ISO with offset, as the API wants. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

function details(data: unknown): string {
  if (!data || typeof data !== 'object') return data === undefined || data === null ? '' : String(data);
  return Object.entries(data as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** The audit log: who created, changed, revoked, approved what and when; filtered, newest first, paged. */
export class AuditPage extends LitElement {
  static override properties = { entries: { state: true }, rooms: { state: true }, users: { state: true }, pages: { state: true }, more: { state: true }, errors: { state: true } };
  declare entries: AuditEntryDto[] | null;
  declare rooms: RoomDto[];
  declare users: UserDto[];
  /** The `before` id of each page shown so far (the first is undefined): back and forth. */
  declare pages: (number | undefined)[];
  declare more: boolean;
  declare errors: Record<string, string>;
  private readonly i18n = new LocaleController(this);
  private filters: Record<string, string | undefined> = {};

  static override styles = [appStyles, css`:host { display: block; } td.when { white-space: nowrap; } td.data { font-size: 0.9em; max-width: 36em; overflow-wrap: anywhere; } .pager { display: flex; gap: 0.6em; justify-content: flex-end; margin-top: 0.8em; }`];

  constructor() {
    super();
    this.entries = null;
    this.rooms = [];
    this.users = [];
    this.pages = [undefined];
    this.more = false;
    this.errors = {};
  }

  override connectedCallback() {
    super.connectedCallback();
    void Promise.all([api<RoomDto[]>('GET', '/api/rooms?archived=all'), api<UserDto[]>('GET', '/api/users?active=all')]).then(([rooms, users]) => {
      this.rooms = rooms;
      this.users = users;
    });
    void this.load();
  }

  private async load() {
    const before = this.pages[this.pages.length - 1];
    try {
      // One more than a page tells whether there is an older page.
      const rows = await api<AuditEntryDto[]>('GET', `/api/audit${query({ ...this.filters, before, limit: PAGE + 1 })}`);
      this.more = rows.length > PAGE;
      this.entries = rows.slice(0, PAGE);
      this.errors = {};
    } catch (e) {
      const errors = fieldErrors(e);
      this.errors = Object.keys(errors).length ? errors : { '': this.i18n.t('error.internal') };
    }
  }

  private filter(e: SubmitEvent) {
    e.preventDefault();
    const f = (e.target as HTMLFormElement).elements;
    const value = (name: string) => ((f.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim() || undefined;
    this.filters = { from: toIso(value('from') ?? ''), to: toIso(value('to') ?? ''), actor: value('actor'), type: value('type'), room: value('room') };
    this.pages = [undefined];
    void this.load();
  }

  private page(by: 1 | -1) {
    const last = this.entries?.[this.entries.length - 1];
    this.pages = by === 1 && last ? [...this.pages, last.id] : this.pages.slice(0, -1);
    void this.load();
  }

  override render() {
    const { t, locale } = this.i18n;
    const names = new Map(this.users.map((u) => [u.id, u.name]));
    const typeWord = (type: string) => {
      const key = `audit.type.${type}` as Parameters<typeof t>[0];
      const word = t(key);
      return word === key ? type : word;
    };
    const fromError = errorFor(this.errors, 'from');
    const toError = errorFor(this.errors, 'to');
    return html`
      <h1>${t('audit.title')}</h1>
      <form class="toolbar card" @submit=${(e: SubmitEvent) => this.filter(e)}>
        <div class="field">
          <label for="from">${t('audit.from')}</label>
          <input id="from" name="from" type="datetime-local" aria-invalid=${fromError ? 'true' : 'false'} aria-describedby=${describedBy('from', fromError)} />
          ${fieldError('from', fromError)}
        </div>
        <div class="field">
          <label for="to">${t('audit.to')}</label>
          <input id="to" name="to" type="datetime-local" aria-invalid=${toError ? 'true' : 'false'} aria-describedby=${describedBy('to', toError)} />
          ${fieldError('to', toError)}
        </div>
        <div class="field">
          <label for="actor">${t('audit.actor')}</label>
          <select id="actor" name="actor">
            <option value="">${t('audit.anyone')}</option>
            ${this.users.map((u) => html`<option value="user:${u.id}">${u.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="type">${t('audit.type')}</label>
          <select id="type" name="type">
            <option value="">${t('audit.anything')}</option>
            ${Object.entries(AUDIT_TYPES).map(
              ([prefix, types]) => html`<optgroup label=${t(`audit.group.${prefix.slice(0, -1)}` as Parameters<typeof t>[0])}>
                <option value=${prefix}>${t('audit.allOf', { group: t(`audit.group.${prefix.slice(0, -1)}` as Parameters<typeof t>[0]) })}</option>
                ${types.map((x) => html`<option value=${x}>${typeWord(x)}</option>`)}
              </optgroup>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="room">${t('audit.room')}</label>
          <select id="room" name="room">
            <option value="">${t('audit.anyRoom')}</option>
            ${this.rooms.map((r) => html`<option value=${r.id}>${r.name}</option>`)}
          </select>
        </div>
        <button type="submit" class="primary" data-action="filter">${t('audit.apply')}</button>
      </form>
      <div role="alert">${this.errors[''] ? html`<p class="form-error">${this.errors['']}</p>` : nothing}</div>
      ${this.entries === null
        ? html`<p role="status">${t('common.loading')}</p>`
        : this.entries.length === 0
          ? html`<p class="card" role="status">${t('audit.none')}</p>`
          : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t('audit.title')}>
              <table>
                <thead><tr><th scope="col">${t('audit.when')}</th><th scope="col">${t('audit.actor')}</th><th scope="col">${t('audit.what')}</th><th scope="col">${t('audit.room')}</th><th scope="col">${t('audit.details')}</th></tr></thead>
                <tbody>
                  ${this.entries.map(
                    (e) => html`<tr data-entry=${e.id} data-type=${e.type}>
                      <td class="when">${dateTime(e.at, locale)}</td>
                      <td>${actorName(t, e.actor, names)}</td>
                      <td>${typeWord(e.type)}</td>
                      <td>${e.room ? (this.rooms.find((r) => r.id === e.room)?.name ?? e.room) : ''}</td>
                      <td class="data mono">${details(e.data)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
      <nav class="pager" aria-label=${t('audit.paging')}>
        <button type="button" data-action="newer" ?disabled=${this.pages.length <= 1} @click=${() => this.page(-1)}>${t('audit.newer')}</button>
        <span class="muted" style="align-self:center">${t('audit.pageN', { n: this.pages.length })}</span>
        <button type="button" data-action="older" ?disabled=${!this.more} @click=${() => this.page(1)}>${t('audit.older')}</button>
      </nav>
    `;
  }
}
customElements.define('audit-page', AuditPage);
declare global {
  interface HTMLElementTagNameMap {
    'audit-page': AuditPage;
  }
}
