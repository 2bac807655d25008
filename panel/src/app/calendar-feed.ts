import { css, html, LitElement } from 'lit';
import { api } from './api.js';
import './app-dialog.js';
import { LocaleController, note, type Note } from './controllers/locale.js';
import './copy-button.js';
import { appStyles } from './theme.js';

/**
 * My calendar feed (contract §5): the secret URL that Outlook, Apple or Google
 * Calendar subscribe to, to copy; rotating it (after asking) makes the old one
 * stop working, for when it was shared by mistake.
 */
export class CalendarFeed extends LitElement {
  static override properties = { userId: { type: String }, url: { state: true }, confirming: { state: true }, message: { state: true }, busy: { state: true } };
  declare userId: string;
  declare url: string;
  declare confirming: boolean;
  declare message: Note | null;
  declare busy: boolean;
  private readonly i18n = new LocaleController(this);

  static override styles = [appStyles, css`:host { display: block; } .url { display: block; background: #f4f5f7; border: 1px solid var(--soft-line); border-radius: 6px; padding: 0.5em 0.7em; margin: 0.5em 0; } p { margin: 0.3em 0; }`];

  constructor() {
    super();
    this.userId = '';
    this.url = '';
    this.confirming = false;
    this.message = null;
    this.busy = false;
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has('userId') && this.userId) void this.load();
  }

  private async load() {
    this.url = (await api<{ url: string }>('GET', `/api/users/${encodeURIComponent(this.userId)}/calendar`)).url;
  }

  private async rotate() {
    this.busy = true;
    try {
      this.url = (await api<{ url: string }>('POST', `/api/users/${encodeURIComponent(this.userId)}/calendar/rotate`)).url;
      this.message = note('feed.rotated');
    } catch {
      this.message = note('error.internal');
    } finally {
      this.busy = false;
      this.confirming = false;
    }
  }

  override render() {
    const t = this.i18n.t;
    return html`<section class="card" aria-labelledby="feed-h">
      <h2 id="feed-h">${t('feed.title')}</h2>
      <p class="muted">${t('feed.help')}</p>
      ${this.url ? html`<code class="url mono" data-feed-url>${this.url}</code>` : html`<p role="status">${t('common.loading')}</p>`}
      <div class="row">
        <copy-button .text=${this.url} label=${t('feed.copy')}></copy-button>
        <button type="button" data-action="rotate-feed" @click=${() => (this.confirming = true)}>${t('feed.rotate')}</button>
      </div>
      <p role="status">${this.message ? t(...this.message) : ''}</p>
      <app-dialog .open=${this.confirming} heading=${t('feed.rotateTitle')} @dialog-close=${() => (this.confirming = false)}>
        <p>${t('feed.rotateBody')}</p>
        <div class="actions">
          <button type="button" @click=${() => (this.confirming = false)}>${t('action.cancel')}</button>
          <button type="button" class="primary danger" data-action="confirm-rotate" ?disabled=${this.busy} @click=${() => this.rotate()}>${t('feed.rotate')}</button>
        </div>
      </app-dialog>
    </section>`;
  }
}
customElements.define('calendar-feed', CalendarFeed);
declare global {
  interface HTMLElementTagNameMap {
    'calendar-feed': CalendarFeed;
  }
}
