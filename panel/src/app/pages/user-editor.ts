import { css, html, LitElement, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { UserDto } from '../../../../shared/schemas/http.js';
import { api, ApiError, errorFor, fieldErrors } from '../api.js';
import '../app-dialog.js';
import { LocaleController } from '../controllers/locale.js';
import { describedBy, fieldError } from '../forms.js';
import { appStyles } from '../theme.js';
import './badge-enrol.js';

/** Card UIDs as the hub stores them: upper-case hex, no separators ("04:a2 ..." works too). */
export const normaliseUid = (s: string) => s.toUpperCase().replace(/[\s:-]/g, '');

/**
 * Create or edit a person: name, username, role, department, email, password
 * and badge. A badge is enrolled by tapping it on a reader, typed, replaced
 * (a lost one) or cleared; the API's 422 errors show beside their field.
 *
 * @fires user-saved - `{detail: UserDto}`
 * @fires editor-close
 */
export class UserEditor extends LitElement {
  static override properties = {
    user: { attribute: false }, open: { type: Boolean }, errors: { state: true }, formError: { state: true }, busy: { state: true }, badge: { state: true }, enrolling: { state: true },
  };
  declare user: UserDto | null;
  declare open: boolean;
  declare errors: Record<string, string>;
  declare formError: string;
  declare busy: boolean;
  declare badge: string;
  declare enrolling: boolean;
  private readonly i18n = new LocaleController(this);
  private session = 0;

  static override styles = [appStyles, css`.two { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1em; } @media (max-width: 600px) { .two { grid-template-columns: 1fr; } } input, select { width: 100%; } #badgeUid { font-family: ui-monospace, monospace; }`];

  constructor() {
    super();
    this.user = null;
    this.open = false;
    this.errors = {};
    this.formError = '';
    this.busy = false;
    this.badge = '';
    this.enrolling = false;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if ((changed.has('open') && this.open) || changed.has('user')) {
      this.session++;
      this.errors = {};
      this.formError = '';
      this.badge = this.user?.badgeUid ?? '';
      this.enrolling = false;
    }
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const t = this.i18n.t;
    const f = (e.target as HTMLFormElement).elements;
    const value = (name: string) => ((f.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
    const u = this.user;
    const badge = normaliseUid(this.badge);
    const body: Record<string, unknown> = u
      ? {
          name: value('name'),
          role: value('role'),
          department: value('department') || null,
          email: value('email') || null,
          badgeUid: badge || null,
          ...(value('password') ? { password: value('password') } : {}),
        }
      : {
          username: value('username'),
          name: value('name'),
          role: value('role'),
          ...(value('department') ? { department: value('department') } : {}),
          ...(value('email') ? { email: value('email') } : {}),
          ...(badge ? { badgeUid: badge } : {}),
          ...(value('password') ? { password: value('password') } : {}),
        };
    this.busy = true;
    this.errors = {};
    this.formError = '';
    try {
      const saved = u ? await api<UserDto>('PATCH', `/api/users/${encodeURIComponent(u.id)}`, body) : await api<UserDto>('POST', '/api/users', body);
      this.dispatchEvent(new CustomEvent('user-saved', { detail: saved, bubbles: true, composed: true }));
      this.open = false;
    } catch (err) {
      this.errors = fieldErrors(err);
      this.formError = Object.keys(this.errors).length ? t('form.fixFields') : err instanceof ApiError && err.code === 'conflict' ? t('people.taken') : t('error.internal');
    } finally {
      this.busy = false;
    }
  }

  private input(id: string, label: string, value: string, opts: { type?: string; autocomplete?: string; hint?: string } = {}) {
    const error = errorFor(this.errors, id);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${opts.hint ? html`<span class="hint" id="${id}-hint">${opts.hint}</span>` : nothing}
      <input id=${id} name=${id} type=${opts.type ?? 'text'} .value=${value} autocomplete=${opts.autocomplete ?? 'off'}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy(id, error, !!opts.hint)} />
      ${fieldError(id, error)}
    </div>`;
  }

  override render() {
    const t = this.i18n.t;
    const u = this.user;
    const badgeError = errorFor(this.errors, 'badgeUid');
    return html`<app-dialog wide .open=${this.open} heading=${u ? t('people.editTitle', { name: u.name }) : t('people.newTitle')}
      @dialog-close=${() => { this.open = false; this.dispatchEvent(new CustomEvent('editor-close')); }}>
      ${keyed(this.session, html`<form novalidate @submit=${(e: SubmitEvent) => this.submit(e)}>
        <div role="alert">${this.formError ? html`<p class="form-error">${this.formError}</p>` : nothing}</div>
        <div class="two">
          ${this.input('name', t('people.name'), u?.name ?? '', { autocomplete: 'off' })}
          ${u ? nothing : this.input('username', t('people.username'), '', { autocomplete: 'off' })}
          ${this.input('email', t('people.email'), u?.email ?? '', { type: 'email' })}
          ${this.input('department', t('people.department'), u?.department ?? '')}
          <div class="field">
            <label for="role">${t('people.role')}</label>
            <select id="role" name="role">
              <option value="member" ?selected=${u?.role !== 'admin'}>${t('role.member')}</option>
              <option value="admin" ?selected=${u?.role === 'admin'}>${t('role.admin')}</option>
            </select>
          </div>
          ${this.input('password', u ? t('people.newPassword') : t('people.password'), '', { type: 'password', autocomplete: 'new-password', hint: u ? t('people.passwordKeep') : t('people.passwordHint') })}
        </div>
        <fieldset class="card">
          <legend><strong>${t('people.badge')}</strong></legend>
          <div class="field">
            <label for="badgeUid">${t('people.badgeUid')}</label>
            <span class="hint" id="badgeUid-hint">${t('people.badgeHint')}</span>
            <input id="badgeUid" name="badgeUid" .value=${this.badge} autocomplete="off" spellcheck="false" @input=${(e: Event) => (this.badge = (e.target as HTMLInputElement).value)}
              aria-invalid=${badgeError ? 'true' : 'false'} aria-describedby=${describedBy('badgeUid', badgeError, true)} />
            ${fieldError('badgeUid', badgeError)}
          </div>
          <div class="row">
            <button type="button" data-action="enrol" aria-expanded=${this.enrolling ? 'true' : 'false'} @click=${() => (this.enrolling = !this.enrolling)}>${t('badge.enrolByTap')}</button>
            ${this.badge ? html`<button type="button" class="danger" data-action="clear-badge" @click=${() => (this.badge = '')}>${t('badge.clear')}</button>` : nothing}
          </div>
          ${this.enrolling ? html`<badge-enrol @badge-captured=${(e: CustomEvent<{ uid: string }>) => (this.badge = e.detail.uid)}></badge-enrol>` : nothing}
        </fieldset>
        <div class="actions">
          <button type="button" @click=${() => (this.open = false)}>${t('action.cancel')}</button>
          <button type="submit" class="primary" data-action="save-user" ?disabled=${this.busy}>${this.busy ? t('action.working') : t('common.save')}</button>
        </div>
      </form>`)}
    </app-dialog>`;
  }
}
customElements.define('user-editor', UserEditor);
declare global {
  interface HTMLElementTagNameMap {
    'user-editor': UserEditor;
  }
}
