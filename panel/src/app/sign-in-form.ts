import { css, html, LitElement, nothing } from 'lit';
import type { UserDto } from '../../../shared/schemas/http.js';
import { ApiError } from './api.js';
import { LocaleController } from './controllers/locale.js';
import { describedBy, fieldError } from './forms.js';
import { signIn } from './session.js';
import { appStyles } from './theme.js';

/**
 * The sign-in form (contract §6): a real form with autocomplete="username" and
 * "current-password", so password managers fill it. The hub sets the session cookie.
 *
 * @fires signed-in - `{detail: user}`
 * @fires language-switch
 */
export class SignInForm extends LitElement {
  static override properties = { error: { state: true }, busy: { state: true } };
  declare error: string;
  declare busy: boolean;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: grid; place-items: center; min-height: 100vh; padding: 1em; }
      main { width: min(100%, 420px); }
      .card { padding: 1.5em; }
      h1 { font-size: 1.4rem; }
      form button.primary { width: 100%; justify-content: center; margin-top: 0.4em; }
      .top { display: flex; justify-content: flex-end; margin-bottom: 0.6em; }
      input { width: 100%; }
    `,
  ];

  constructor() {
    super();
    this.error = '';
    this.busy = false;
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const username = (form.elements.namedItem('username') as HTMLInputElement).value.trim();
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    const t = this.i18n.t;
    if (!username || !password) {
      this.error = t('signIn.missing');
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const user: UserDto = await signIn(username, password);
      this.dispatchEvent(new CustomEvent('signed-in', { detail: user, bubbles: true, composed: true }));
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      this.error = status === 401 ? t('signIn.wrong') : status === 429 ? t('signIn.throttled') : t('error.unreachable');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = this.i18n.t;
    return html`<main>
      <div class="top">
        <button type="button" data-action="language" lang=${this.i18n.locale === 'zh-CN' ? 'en' : 'zh-CN'}
          @click=${() => this.dispatchEvent(new CustomEvent('language-switch', { bubbles: true, composed: true }))}>${t('lang.switch')}</button>
      </div>
      <div class="card">
        <h1>${t('app.name')}</h1>
        <p class="muted">${t('signIn.intro')}</p>
        <form @submit=${(e: SubmitEvent) => this.submit(e)} novalidate>
          <div class="field">
            <label for="username">${t('signIn.username')}</label>
            <input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required
              aria-describedby=${describedBy('sign-in', this.error)} />
          </div>
          <div class="field">
            <label for="password">${t('signIn.password')}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required
              aria-describedby=${describedBy('sign-in', this.error)} />
          </div>
          <div role="alert">${this.error ? fieldError('sign-in', this.error) : nothing}</div>
          <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('action.working') : t('signIn.submit')}</button>
        </form>
      </div>
    </main>`;
  }
}
customElements.define('sign-in-form', SignInForm);
declare global {
  interface HTMLElementTagNameMap {
    'sign-in-form': SignInForm;
  }
}
