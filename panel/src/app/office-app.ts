import { loadHubConfig } from './hub-config.js';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { Locale } from '../../../shared/i18n/panel.js';
import type { UserDto } from '../../../shared/schemas/http.js';
import { SESSION_ENDED } from './api.js';
import { chooseInitialLocale, LocaleController, setLocale } from './controllers/locale.js';
import { href, LOADERS, type PageName, parseRoute, type Route } from './router.js';
import { rememberUser, signOut, whoAmI } from './session.js';
import './sign-in-form.js';
import { appStyles } from './theme.js';

const ADMIN_NAV: PageName[] = ['site', 'rooms', 'people', 'devices', 'faults', 'inspections', 'audit'];

/**
 * The office web app (contract §6): sign-in, then the pages by role. Admins
 * (the administration office: R1, R3, R8-R11) see every page; a member sees
 * only their own account, and the admin pages' API answers them 403 anyway.
 */
export class OfficeApp extends LitElement {
  static override properties = { user: { state: true }, route: { state: true }, checked: { state: true } };
  declare user: UserDto | null;
  declare route: Route;
  declare checked: boolean;
  private readonly i18n = new LocaleController(this);
  private focusMain = false;

  static override styles = [
    appStyles,
    css`
      :host { display: block; min-height: 100vh; }
      .skip { position: absolute; left: 0.5em; top: -4em; z-index: 20; background: #fff; padding: 0.5em 1em; }
      .skip:focus { top: 0.5em; }
      header { background: #fff; border-bottom: 1px solid var(--soft-line); display: flex; flex-wrap: wrap; align-items: center; gap: 0.4em 1.2em; padding: 0.4em 1.2em; position: sticky; top: 0; z-index: 5; }
      .brand { font-weight: 800; font-size: 1.05rem; margin: 0; white-space: nowrap; }
      nav { flex: 1; min-width: 0; }
      nav ul { list-style: none; display: flex; gap: 0.2em; margin: 0; padding: 0; overflow-x: auto; }
      nav a { display: inline-flex; align-items: center; min-height: 40px; padding: 0 0.75em; border-radius: 8px; color: #1b1c1f; text-decoration: none; font-weight: 600; white-space: nowrap; border-bottom: 3px solid transparent; }
      nav a:hover { background: #eef2fb; }
      nav a[aria-current='page'] { color: var(--accent); border-bottom-color: var(--accent); border-radius: 8px 8px 0 0; }
      .me { display: flex; align-items: center; gap: 0.6em; white-space: nowrap; }
      .me .name { color: var(--muted); }
      main { padding: 1.2em; max-width: 1600px; margin: 0 auto; }
      main:focus { outline: none; }
      .loading { padding: 3em; text-align: center; }
      @media (max-width: 700px) {
        header { padding: 0.4em 0.6em; }
        nav { order: 3; flex-basis: 100%; }
        .me .name { display: none; }
        main { padding: 0.8em 0.6em; }
      }
    `,
  ];

  constructor() {
    super();
    this.user = null;
    this.route = { page: 'site' };
    this.checked = false;
  }

  override async connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener(SESSION_ENDED, this.onSessionEnded);
    const config = await loadHubConfig();
    chooseInitialLocale(config.locale);
    this.user = await whoAmI();
    this.onHash();
    this.checked = true;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener(SESSION_ENDED, this.onSessionEnded);
  }

  private readonly onSessionEnded = () => {
    this.user = null;
  };

  private readonly onHash = () => {
    const wanted = parseRoute(location.hash);
    const admin = this.user?.role === 'admin';
    // A member has one page here; the admin pages are not theirs (their API says 403 too).
    const route: Route = !admin ? { page: 'account' } : (wanted ?? { page: 'site' });
    if (this.user && (!wanted || wanted.page !== route.page)) history.replaceState(null, '', href(route.page));
    void LOADERS[route.page]();
    this.focusMain = this.checked && (route.page !== this.route.page || route.id !== this.route.id);
    this.route = route;
  };

  override updated() {
    const t = this.i18n.t;
    document.title = this.user ? `${t(`nav.${this.route.page}`)} · ${t('app.name')}` : t('app.name');
    if (this.focusMain) {
      this.focusMain = false;
      // A new page: move focus to its start, so keyboard and screen-reader users begin there.
      (this.renderRoot.querySelector('main') as HTMLElement | null)?.focus();
    }
  }

  private switchLanguage() {
    const next: Locale = this.i18n.locale === 'zh-CN' ? 'en' : 'zh-CN';
    setLocale(next);
  }

  private onSignedIn(user: UserDto) {
    rememberUser(user);
    this.user = user;
    this.onHash();
  }

  private async signOut() {
    await signOut();
    this.user = null;
    history.replaceState(null, '', '/');
  }

  override render() {
    const t = this.i18n.t;
    if (!this.checked) return html`<p class="loading" role="status">${t('common.loading')}</p>`;
    if (!this.user)
      return html`<sign-in-form @signed-in=${(e: CustomEvent<UserDto>) => this.onSignedIn(e.detail)}
        @language-switch=${() => this.switchLanguage()}></sign-in-form>`;
    const pages: PageName[] = this.user.role === 'admin' ? [...ADMIN_NAV, 'account'] : ['account'];
    return html`
      <a class="skip button" href="#main" @click=${(e: Event) => { e.preventDefault(); (this.renderRoot.querySelector('main') as HTMLElement).focus(); }}>${t('nav.skip')}</a>
      <header>
        <p class="brand">${t('app.name')}</p>
        <nav aria-label=${t('nav.label')}>
          <ul>
            ${pages.map((p) => html`<li><a href=${href(p)} data-page=${p} aria-current=${this.route.page === p ? 'page' : 'false'}>${t(`nav.${p}`)}</a></li>`)}
          </ul>
        </nav>
        <div class="me">
          <span class="name">${this.user.name}</span>
          <button type="button" data-action="language" lang=${this.i18n.locale === 'zh-CN' ? 'en' : 'zh-CN'} @click=${() => this.switchLanguage()}>${t('lang.switch')}</button>
          <button type="button" data-action="sign-out" @click=${() => this.signOut()}>${t('nav.signOut')}</button>
        </div>
      </header>
      <main id="main" tabindex="-1">${this.page()}</main>
    `;
  }

  private page(): TemplateResult | typeof nothing {
    const { page, id } = this.route;
    const user = this.user!;
    switch (page) {
      case 'site': return html`<site-view></site-view>`;
      case 'rooms': return html`<rooms-page></rooms-page>`;
      case 'people': return html`<people-page .me=${user}></people-page>`;
      case 'devices': return html`<devices-page></devices-page>`;
      case 'faults': return html`<faults-page .faultId=${id ?? ''}></faults-page>`;
      case 'inspections': return html`<inspections-page .roomId=${id ?? ''}></inspections-page>`;
      case 'audit': return html`<audit-page></audit-page>`;
      case 'account': return html`<account-page .user=${user} @user-changed=${(e: CustomEvent<UserDto>) => { this.user = e.detail; rememberUser(e.detail); }}></account-page>`;
    }
  }
}
customElements.define('office-app', OfficeApp);
declare global {
  interface HTMLElementTagNameMap {
    'office-app': OfficeApp;
  }
}
