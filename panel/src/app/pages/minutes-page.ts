import { css, html, LitElement, nothing } from 'lit';
import type { UserDto } from '../../../../shared/schemas/http.js';
import { api, ApiError, query } from '../api.js';
import { LocaleController } from '../controllers/locale.js';
import { whenText } from '../format.js';
import { href } from '../router.js';
import { appStyles } from '../theme.js';

interface Archived {
  booking: string;
  title: string;
  room: string;
  start: string;
  end: string;
  department: string | null;
  approvedAt: string;
  excerpt: string;
}

/**
 * The minutes archive (C8): approved minutes newest first, those the reader
 * may read only (C9: their department's and those copied to it; G4: a private
 * meeting's for its audience), searched in Chinese or English.
 */
export class MinutesPage extends LitElement {
  static override properties = { me: { attribute: false }, q: { state: true }, searched: { state: true }, hits: { state: true }, error: { state: true } };
  declare me: UserDto | null;
  declare q: string;
  /** The words the list shows results for ('' for all). */
  declare searched: string;
  declare hits: Archived[] | null;
  declare error: string;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; max-width: 1000px; }
      form { display: flex; flex-wrap: wrap; gap: 0.6em; align-items: flex-end; margin-bottom: 1em; }
      form .field { margin: 0; flex: 1 1 16em; }
      input { width: 100%; }
      ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.6em; }
      .title { font-weight: 700; font-size: 1.05rem; }
      .meta { color: var(--muted); font-size: 0.92em; }
      .excerpt { margin: 0.3em 0 0; overflow-wrap: anywhere; }
    `,
  ];

  constructor() {
    super();
    this.me = null;
    this.q = '';
    this.searched = '';
    this.hits = null;
    this.error = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.search();
  }

  private async search(e?: Event) {
    e?.preventDefault();
    const q = this.q.trim();
    try {
      this.hits = await api<Archived[]>('GET', `/api/minutes${query({ q })}`);
      this.searched = q;
      this.error = '';
    } catch (err) {
      this.error = err instanceof ApiError ? err.message : this.i18n.t('error.internal');
    }
  }

  override render() {
    const { t, locale } = this.i18n;
    return html`
      <h1>${t('archive.title')}</h1>
      <form role="search" @submit=${(e: Event) => this.search(e)}>
        <div class="field"><label for="archive-q">${t('archive.search')}</label>
          <input id="archive-q" type="search" aria-describedby="archive-q-hint" .value=${this.q} @input=${(e: Event) => (this.q = (e.target as HTMLInputElement).value)} />
          <span class="hint" id="archive-q-hint">${t('archive.hint')}</span></div>
        <button class="primary" type="submit" data-action="search">${t('archive.searchButton')}</button>
        ${
          this.searched
            ? html`<button type="button" data-action="clear" @click=${() => {
                this.q = '';
                void this.search();
              }}>${t('archive.clear')}</button>`
            : nothing
        }
      </form>
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      <div role="status">${
        this.hits
          ? html`<p data-hits=${this.hits.length}>${this.searched ? t('archive.found', { n: this.hits.length, q: this.searched }) : t('archive.count', { n: this.hits.length })}</p>`
          : html`<p>${t('common.loading')}</p>`
      }</div>
      ${
        this.hits?.length
          ? html`<ol aria-label=${t('archive.list')}>${this.hits.map(
              (h) => html`<li class="card" data-booking=${h.booking}>
            <a class="title" href=${href('meetings', h.booking, 'minutes')}>${h.title}</a>
            <div class="meta">${whenText(h.start, h.end, locale)} · ${h.room}${h.department ? ` · ${h.department}` : ''}</div>
            ${h.excerpt ? html`<p class="excerpt" data-excerpt>${h.excerpt}</p>` : nothing}
          </li>`,
            )}</ol>`
          : nothing
      }
    `;
  }
}
customElements.define('minutes-page', MinutesPage);
declare global {
  interface HTMLElementTagNameMap {
    'minutes-page': MinutesPage;
  }
}
