import { css, html, LitElement, nothing } from 'lit';
import type { UserDto } from '../../../../shared/schemas/http.js';
import { api, errorFor, fieldErrors, SESSION_ENDED } from '../api.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { describedBy, fieldError } from '../forms.js';
import { whoAmI } from '../session.js';
import { appStyles } from '../theme.js';

/**
 * One's own account: name and email, and a new password (PATCH
 * /api/users/{id}: a person may change these three of their own). A member
 * sees only this page here; their booking pages come with the next issue.
 *
 * @fires user-changed - `{detail: UserDto}`
 */
export class AccountPage extends LitElement {
  static override properties = { user: { attribute: false }, errors: { state: true }, message: { state: true }, pwErrors: { state: true }, pwMessage: { state: true } };
  declare user: UserDto | null;
  declare errors: Record<string, string>;
  declare message: Note | null;
  declare pwErrors: Record<string, string>;
  declare pwMessage: Note | null;
  private readonly i18n = new LocaleController(this);

  static override styles = [appStyles, css`:host { display: block; max-width: 720px; } section { margin-bottom: 1em; } dl { display: grid; grid-template-columns: auto 1fr; gap: 0.3em 1em; } dt { color: var(--muted); } dd { margin: 0; } input { width: 100%; }`];

  constructor() {
    super();
    this.user = null;
    this.errors = {};
    this.message = null;
    this.pwErrors = {};
    this.pwMessage = null;
  }

  private async saveDetails(e: SubmitEvent) {
    e.preventDefault();
    const u = this.user!;
    const f = (e.target as HTMLFormElement).elements;
    const value = (n: string) => (f.namedItem(n) as HTMLInputElement).value.trim();
    this.errors = {};
    this.message = null;
    try {
      const saved = await api<UserDto>('PATCH', `/api/users/${encodeURIComponent(u.id)}`, { name: value('name'), email: value('email') || null });
      this.message = note('account.saved');
      this.dispatchEvent(new CustomEvent('user-changed', { detail: saved, bubbles: true, composed: true }));
    } catch (err) {
      const errors = fieldErrors(err);
      this.errors = Object.keys(errors).length ? errors : { '': this.i18n.t('error.internal') };
    }
  }

  private async savePassword(e: SubmitEvent) {
    e.preventDefault();
    const t = this.i18n.t;
    const form = e.target as HTMLFormElement;
    const value = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value;
    this.pwErrors = {};
    this.pwMessage = null;
    if (value('password') !== value('confirm')) {
      this.pwErrors = { confirm: t('account.mismatch') };
      return;
    }
    try {
      await api('PATCH', `/api/users/${encodeURIComponent(this.user!.id)}`, { password: value('password') });
      form.reset();
      this.pwMessage = note('account.passwordChanged');
      // A new password ends the person's sessions (the hub's rule): sign in again with it if this one went too.
      if (!(await whoAmI())) setTimeout(() => window.dispatchEvent(new Event(SESSION_ENDED)), 2500);
    } catch (err) {
      const errors = fieldErrors(err);
      this.pwErrors = Object.keys(errors).length ? errors : { '': t('error.internal') };
    }
  }

  override render() {
    const u = this.user;
    if (!u) return nothing;
    const t = this.i18n.t;
    const nameError = errorFor(this.errors, 'name');
    const emailError = errorFor(this.errors, 'email');
    const pwError = errorFor(this.pwErrors, 'password');
    const confirmError = this.pwErrors.confirm;
    return html`
      <h1>${t('account.title')}</h1>
      ${u.role !== 'admin' ? html`<p class="card">${t('account.memberNote')}</p>` : nothing}
      <section class="card" aria-labelledby="me-h">
        <h2 id="me-h">${t('account.details')}</h2>
        <dl>
          <dt>${t('people.username')}</dt><dd class="mono">${u.username}</dd>
          <dt>${t('people.role')}</dt><dd>${t(`role.${u.role}`)}</dd>
          <dt>${t('people.department')}</dt><dd>${u.department ?? '—'}</dd>
          <dt>${t('people.badge')}</dt><dd class="mono">${u.badgeUid ?? t('people.noBadge')}</dd>
        </dl>
        <form novalidate @submit=${(e: SubmitEvent) => this.saveDetails(e)}>
          <div role="alert">${this.errors[''] ? html`<p class="form-error">${this.errors['']}</p>` : nothing}</div>
          <div class="field">
            <label for="name">${t('people.name')}</label>
            <input id="name" name="name" autocomplete="name" .value=${u.name} aria-invalid=${nameError ? 'true' : 'false'} aria-describedby=${describedBy('name', nameError)} />
            ${fieldError('name', nameError)}
          </div>
          <div class="field">
            <label for="email">${t('people.email')}</label>
            <input id="email" name="email" type="email" autocomplete="email" .value=${u.email ?? ''} aria-invalid=${emailError ? 'true' : 'false'} aria-describedby=${describedBy('email', emailError)} />
            ${fieldError('email', emailError)}
          </div>
          <button type="submit" class="primary" data-action="save-details">${t('common.save')}</button>
          <p role="status">${this.message ? t(...this.message) : ''}</p>
        </form>
      </section>
      <section class="card" aria-labelledby="pw-h">
        <h2 id="pw-h">${t('account.password')}</h2>
        <form novalidate @submit=${(e: SubmitEvent) => this.savePassword(e)}>
          <input type="text" name="username" autocomplete="username" .value=${u.username} hidden />
          <div role="alert">${this.pwErrors[''] ? html`<p class="form-error">${this.pwErrors['']}</p>` : nothing}</div>
          <div class="field">
            <label for="password">${t('account.newPassword')}</label>
            <span class="hint" id="password-hint">${t('people.passwordHint')}</span>
            <input id="password" name="password" type="password" autocomplete="new-password" aria-invalid=${pwError ? 'true' : 'false'} aria-describedby=${describedBy('password', pwError, true)} />
            ${fieldError('password', pwError)}
          </div>
          <div class="field">
            <label for="confirm">${t('account.confirmPassword')}</label>
            <input id="confirm" name="confirm" type="password" autocomplete="new-password" aria-invalid=${confirmError ? 'true' : 'false'} aria-describedby=${describedBy('confirm', confirmError)} />
            ${fieldError('confirm', confirmError)}
          </div>
          <button type="submit" class="primary" data-action="save-password">${t('account.changePassword')}</button>
          <p role="status">${this.pwMessage ? t(...this.pwMessage) : ''}</p>
        </form>
      </section>
    `;
  }
}
customElements.define('account-page', AccountPage);
declare global {
  interface HTMLElementTagNameMap {
    'account-page': AccountPage;
  }
}
