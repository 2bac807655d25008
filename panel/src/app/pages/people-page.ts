import { css, html, LitElement, nothing } from 'lit';
import type { UserDto } from '../../../../shared/schemas/http.js';
import { api, ApiError } from '../api.js';
import '../app-dialog.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { appStyles } from '../theme.js';
import { pill } from '../words.js';
import './user-editor.js';

type Which = 'true' | 'false' | 'all';

/** People and their badges: who may sign in, who may open which meeting with a tap (M4, G3). */
export class PeoplePage extends LitElement {
  static override properties = {
    me: { attribute: false }, users: { state: true }, which: { state: true }, search: { state: true }, editing: { state: true }, editorOpen: { state: true },
    confirming: { state: true }, message: { state: true },
  };
  declare me: UserDto | null;
  declare users: UserDto[] | null;
  declare which: Which;
  declare search: string;
  declare editing: UserDto | null;
  declare editorOpen: boolean;
  declare confirming: UserDto | null;
  declare message: Note | null;
  private readonly i18n = new LocaleController(this);

  static override styles = [appStyles, css`:host { display: block; } .sub { display: block; font-size: 0.85em; } td.actions-cell { white-space: nowrap; }`];

  constructor() {
    super();
    this.me = null;
    this.users = null;
    this.which = 'true';
    this.search = '';
    this.editing = null;
    this.editorOpen = false;
    this.confirming = null;
    this.message = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    // The walk-up user is the hub's own, for meetings booked at a door panel: not a person to manage.
    this.users = (await api<UserDto[]>('GET', `/api/users?active=${this.which}`)).filter((u) => u.id !== 'walk-in');
  }

  private async deactivate(u: UserDto) {
    try {
      await api('DELETE', `/api/users/${encodeURIComponent(u.id)}`);
      this.message = note('people.deactivated', { name: u.name });
    } catch (e) {
      this.message = note(e instanceof ApiError && e.code === 'not_allowed' ? 'people.cannotDeactivate' : 'error.internal');
    }
    this.confirming = null;
    await this.load();
  }

  override render() {
    const t = this.i18n.t;
    const q = this.search.toLowerCase();
    const shown = (this.users ?? []).filter((u) => !q || [u.name, u.username, u.department ?? '', u.email ?? '', u.badgeUid ?? ''].some((s) => s.toLowerCase().includes(q)));
    return html`
      <h1>${t('people.title')}</h1>
      <div class="toolbar">
        <button class="primary" data-action="new-user" @click=${() => { this.editing = null; this.editorOpen = true; }}>${t('people.new')}</button>
        <div class="field">
          <label for="search">${t('common.search')}</label>
          <input id="search" type="search" .value=${this.search} @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="which">${t('people.show')}</label>
          <select id="which" @change=${(e: Event) => { this.which = (e.target as HTMLSelectElement).value as Which; void this.load(); }}>
            <option value="true" ?selected=${this.which === 'true'}>${t('people.showActive')}</option>
            <option value="false" ?selected=${this.which === 'false'}>${t('people.showInactive')}</option>
            <option value="all" ?selected=${this.which === 'all'}>${t('people.showAll')}</option>
          </select>
        </div>
      </div>
      <p role="status" class=${this.message ? 'notice' : ''}>${this.message ? t(...this.message) : ''}</p>
      ${this.users === null
        ? html`<p role="status">${t('common.loading')}</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t('people.title')}>
            <table>
              <thead><tr>
                <th scope="col">${t('people.name')}</th><th scope="col">${t('people.role')}</th><th scope="col">${t('people.department')}</th>
                <th scope="col">${t('people.email')}</th><th scope="col">${t('people.badge')}</th><th scope="col">${t('people.status')}</th>
                <th scope="col"><span class="visually-hidden">${t('common.actions')}</span></th>
              </tr></thead>
              <tbody>
                ${shown.map(
                  (u) => html`<tr data-user=${u.id}>
                    <td><strong>${u.name}</strong><span class="sub muted mono">${u.username}</span></td>
                    <td>${u.role === 'admin' ? pill('info', 'person', t('role.admin')) : t('role.member')}</td>
                    <td>${u.department ?? ''}</td>
                    <td>${u.email ?? ''}</td>
                    <td class="mono" data-badge=${u.badgeUid ?? ''}>${u.badgeUid ?? html`<span class="muted">${t('people.noBadge')}</span>`}</td>
                    <td>${u.active ? pill('ok', 'check', t('people.active')) : pill('muted', 'slash', t('people.inactive'))}</td>
                    <td class="actions-cell">
                      ${u.active
                        ? html`<button data-action="edit" @click=${() => { this.editing = u; this.editorOpen = true; }}>${t('common.edit')}<span class="visually-hidden"> ${u.name}</span></button>
                            ${u.id !== this.me?.id
                              ? html`<button class="danger" data-action="deactivate" @click=${() => (this.confirming = u)}>${t('people.deactivate')}<span class="visually-hidden"> ${u.name}</span></button>`
                              : nothing}`
                        : nothing}
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>
          ${shown.length === 0 ? html`<p class="card">${t('people.none')}</p>` : nothing}`}
      <user-editor .user=${this.editing} .open=${this.editorOpen} @editor-close=${() => (this.editorOpen = false)}
        @user-saved=${(e: CustomEvent<UserDto>) => { this.message = note('people.saved', { name: e.detail.name }); void this.load(); }}></user-editor>
      <app-dialog .open=${this.confirming !== null} heading=${t('people.deactivateTitle', { name: this.confirming?.name ?? '' })} @dialog-close=${() => (this.confirming = null)}>
        <p>${t('people.deactivateBody')}</p>
        <div class="actions">
          <button type="button" @click=${() => (this.confirming = null)}>${t('action.cancel')}</button>
          <button type="button" class="danger primary" data-action="confirm-deactivate" @click=${() => this.confirming && this.deactivate(this.confirming)}>${t('people.deactivate')}</button>
        </div>
      </app-dialog>
    `;
  }
}
customElements.define('people-page', PeoplePage);
declare global {
  interface HTMLElementTagNameMap {
    'people-page': PeoplePage;
  }
}
