import { loadHubConfig } from './hub-config.js';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { Locale } from '../../../shared/i18n/panel.js';
import type { UserDto } from '../../../shared/schemas/http.js';
import { SESSION_ENDED } from './api.js';
import { chooseInitialLocale, LocaleController, setLocale } from './controllers/locale.js';
import { APPROVALS_CHANGED, pendingCount } from './approvals-count.js';
import { href, LOADERS, MEMBER_PAGES, type PageName, parseRoute, type Route } from './router.js';
import { rememberUser, signOut, whoAmI } from './session.js';
import './sign-in-form.js';
import { appStyles } from './theme.js';

const ADMIN_NAV: PageName[] = ['site', 'find', 'meetings', 'actions', 'minutes', 'calendar', 'approvals', 'analytics', 'rooms', 'people', 'devices', 'faults', 'inspections', 'audit', 'account'];
const APPROVALS_POLL_MS = 60_000;

/**
 * The office web app (contract §6): sign-in, then the pages by role. Everyone
 * books (R1): finding a room, my meetings, room calendars, usage, my account.
 * Admins (the administration office: R3, R8-R11, R15) see every page, with the
 * count of after-hours requests waiting beside "Approvals"; the admin pages' API
 * answers a member 403 anyway.
 */
export class OfficeApp extends LitElement {
  static override properties = { user: { state: true }, route: { state: true }, checked: { state: true }, waiting: { state: true }, menuOpen: { state: true } };
  declare user: UserDto | null;
  /** After-hours requests waiting for approval (R15), for the navigation's count. */
  declare waiting: number;
  declare menuOpen: boolean;
  declare route: Route;
  declare checked: boolean;
  private readonly i18n = new LocaleController(this);
  private focusMain = false;
  private poll: ReturnType<typeof setInterval> | undefined;

  static override styles = [
    appStyles,
    css`
      :host { display: block; min-height: 100vh; }
      .skip { position: absolute; left: 0.5em; top: -4em; z-index: 20; background: #fff; padding: 0.5em 1em; }
      .skip:focus { top: 0.5em; }
      header { background: #fff; border-bottom: 1px solid var(--soft-line); display: flex; flex-wrap: wrap; align-items: center; gap: 0.4em 1.2em; padding: 0.4em 1.2em; position: sticky; top: 0; z-index: 5; }
      .brand { font-weight: 800; font-size: 1.05rem; margin: 0; white-space: nowrap; }
      nav { flex: 1; min-width: 0; }
      nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.1em 0.2em; margin: 0; padding: 0; }
      .count { display: inline-flex; align-items: center; justify-content: center; min-width: 1.5em; height: 1.5em; padding: 0 0.35em; margin-inline-start: 0.35em; border-radius: 999px; background: var(--danger); color: #fff; font-size: 0.8em; font-weight: 700; }
      .menu { display: none; }
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
        .menu { display: inline-flex; }
        nav { order: 3; flex-basis: 100%; }
        nav:not(.open) { display: none; }
        nav ul { flex-direction: column; padding-bottom: 0.4em; }
        nav a[aria-current='page'] { border-bottom-color: transparent; border-inline-start: 4px solid var(--accent); border-radius: 0 8px 8px 0; }
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
    this.waiting = 0;
    this.menuOpen = false;
  }

  override async connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener(SESSION_ENDED, this.onSessionEnded);
    window.addEventListener(APPROVALS_CHANGED, this.onApprovals);
    const config = await loadHubConfig();
    chooseInitialLocale(config.locale);
    this.user = await whoAmI();
    this.onHash();
    this.checked = true;
    this.watchApprovals();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener(SESSION_ENDED, this.onSessionEnded);
    window.removeEventListener(APPROVALS_CHANGED, this.onApprovals);
    clearInterval(this.poll);
  }

  private readonly onApprovals = (e: Event) => {
    this.waiting = (e as CustomEvent<number>).detail;
  };

  /** The count beside "Approvals": now, and every minute while an admin is signed in. */
  private watchApprovals() {
    clearInterval(this.poll);
    if (this.user?.role !== 'admin') return;
    const refresh = async () => {
      this.waiting = await pendingCount();
    };
    void refresh();
    this.poll = setInterval(() => void refresh(), APPROVALS_POLL_MS);
  }

  private readonly onSessionEnded = () => {
    this.user = null;
  };

  private readonly onHash = () => {
    const wanted = parseRoute(location.hash);
    const admin = this.user?.role === 'admin';
    // The admin pages are not a member's (their API says 403 too): a member lands on their meetings.
    const route: Route = admin ? (wanted ?? { page: 'site' }) : wanted && MEMBER_PAGES.includes(wanted.page) ? wanted : { page: 'meetings' };
    if (this.user && (!wanted || wanted.page !== route.page)) history.replaceState(null, '', href(route.page));
    void LOADERS[route.page]();
    this.focusMain = this.checked && (route.page !== this.route.page || route.id !== this.route.id || route.part !== this.route.part);
    this.route = route;
    this.menuOpen = false;
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
    this.watchApprovals();
  }

  private async signOut() {
    await signOut();
    clearInterval(this.poll);
    this.user = null;
    history.replaceState(null, '', '/');
  }

  override render() {
    const t = this.i18n.t;
    if (!this.checked) return html`<p class="loading" role="status">${t('common.loading')}</p>`;
    if (!this.user)
      return html`<sign-in-form @signed-in=${(e: CustomEvent<UserDto>) => this.onSignedIn(e.detail)}
        @language-switch=${() => this.switchLanguage()}></sign-in-form>`;
    const pages: readonly PageName[] = this.user.role === 'admin' ? ADMIN_NAV : MEMBER_PAGES;
    return html`
      <a class="skip button" href="#main" @click=${(e: Event) => { e.preventDefault(); (this.renderRoot.querySelector('main') as HTMLElement).focus(); }}>${t('nav.skip')}</a>
      <header>
        <p class="brand">${t('app.name')}</p>
        <button type="button" class="menu" data-action="menu" aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-controls="main-nav"
          @click=${() => (this.menuOpen = !this.menuOpen)}>${t('nav.menu')}${this.waiting ? html`<span class="count" aria-hidden="true">${this.waiting}</span>` : nothing}</button>
        <nav id="main-nav" class=${this.menuOpen ? 'open' : ''} aria-label=${t('nav.label')}>
          <ul>
            ${pages.map((p) => html`<li><a href=${href(p)} data-page=${p} aria-current=${this.route.page === p ? 'page' : 'false'}>${t(`nav.${p}`)}${p === 'approvals' && this.waiting
              ? html`<span class="count" data-count=${this.waiting} aria-hidden="true">${this.waiting}</span><span class="visually-hidden">${t('nav.waiting', { n: this.waiting })}</span>`
              : nothing}</a></li>`)}
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
      case 'find': return html`<find-page .me=${user}></find-page>`;
      case 'meetings': return html`<meetings-page .me=${user} .bookingId=${id ?? ''} .view=${this.route.part ?? ''}></meetings-page>`;
      case 'actions': return html`<actions-page .me=${user}></actions-page>`;
      case 'minutes': return html`<minutes-page .me=${user}></minutes-page>`;
      case 'calendar': return html`<room-calendar .me=${user} .roomId=${id ?? ''}></room-calendar>`;
      case 'approvals': return html`<approvals-page></approvals-page>`;
      case 'analytics': return html`<analytics-page .me=${user}></analytics-page>`;
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
