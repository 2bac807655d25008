import { css, html, LitElement, nothing } from 'lit';
import type { DeviceDto } from '../../../../shared/schemas/http.js';
import { api, ApiError } from '../api.js';
import { LocaleController } from '../controllers/locale.js';
import { appStyles } from '../theme.js';
import { deviceKindWord } from '../words.js';

const WAIT_SECONDS = 60;

/**
 * Enrol a badge by tapping it: pick a reader, wait, and the next card nobody
 * holds that is tapped there becomes the badge (POST /api/devices/{id}/capture-badge).
 * Unknown cards are otherwise ignored by the hub, as before.
 *
 * @fires badge-captured - `{detail: {uid}}`
 */
export class BadgeEnrol extends LitElement {
  static override properties = { readers: { state: true }, reader: { state: true }, waiting: { state: true }, message: { state: true }, tone: { state: true } };
  declare readers: DeviceDto[];
  declare reader: string;
  declare waiting: boolean;
  declare message: string;
  declare tone: 'info' | 'bad' | 'ok';
  private readonly i18n = new LocaleController(this);
  private abort: AbortController | null = null;

  static override styles = [appStyles, css`:host { display: block; } .card { background: #f8f9fa; } select { min-width: 14em; }`];

  constructor() {
    super();
    this.readers = [];
    this.reader = '';
    this.waiting = false;
    this.message = '';
    this.tone = 'info';
  }

  override async connectedCallback() {
    super.connectedCallback();
    const devices = await api<DeviceDto[]>('GET', '/api/devices');
    // Readers first: that is what sits at a desk for enrolment; panels with a reader can too.
    this.readers = devices.filter((d) => !d.revoked && d.kind !== 'sensor').sort((a, b) => (a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind === 'reader' ? -1 : 1));
    this.reader ||= this.readers[0]?.id ?? '';
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  private async start() {
    const t = this.i18n.t;
    const reader = this.readers.find((r) => r.id === this.reader);
    if (!reader) return;
    this.abort = new AbortController();
    this.waiting = true;
    this.tone = 'info';
    this.message = t('badge.tapNow', { reader: reader.name ?? reader.id, seconds: WAIT_SECONDS });
    try {
      const r = await api<{ uid: string }>('POST', `/api/devices/${encodeURIComponent(reader.id)}/capture-badge`, { timeoutSeconds: WAIT_SECONDS }, { signal: this.abort.signal });
      this.tone = 'ok';
      this.message = t('badge.captured', { uid: r.uid });
      this.dispatchEvent(new CustomEvent('badge-captured', { detail: { uid: r.uid }, bubbles: true, composed: true }));
    } catch (e) {
      const code = e instanceof ApiError ? e.code : 'internal';
      this.tone = code === 'aborted' ? 'info' : 'bad';
      this.message = code === 'aborted' ? t('badge.stopped') : code === 'timeout' ? t('badge.noTap') : t(e instanceof ApiError && e.status === 409 ? 'badge.readerUnusable' : 'error.internal');
    } finally {
      this.waiting = false;
      this.abort = null;
    }
  }

  override render() {
    const t = this.i18n.t;
    return html`<div class="card">
      <div class="row">
        <label for="reader">${t('badge.reader')}</label>
        <select id="reader" .value=${this.reader} ?disabled=${this.waiting} @change=${(e: Event) => (this.reader = (e.target as HTMLSelectElement).value)}>
          ${this.readers.map((r) => html`<option value=${r.id} ?selected=${r.id === this.reader}>${r.name ?? r.id} · ${deviceKindWord(t, r.kind)} · ${r.room}</option>`)}
        </select>
        ${this.waiting
          ? html`<button type="button" data-action="stop-capture" @click=${() => this.abort?.abort()}>${t('badge.stop')}</button>`
          : html`<button type="button" class="primary" data-action="capture" ?disabled=${!this.reader} @click=${() => this.start()}>${t('badge.waitForTap')}</button>`}
      </div>
      ${this.readers.length === 0 ? html`<p class="muted">${t('badge.noReaders')}</p>` : nothing}
      <p role="status" aria-live="polite" class="tone-${this.tone}" data-capture=${this.waiting ? 'waiting' : this.tone}>${this.message}</p>
    </div>`;
  }
}
customElements.define('badge-enrol', BadgeEnrol);
declare global {
  interface HTMLElementTagNameMap {
    'badge-enrol': BadgeEnrol;
  }
}
