import { css, html, LitElement, nothing } from 'lit';
import type { UserDto } from '../../../../shared/schemas/http.js';
import type { MeetingDto } from '../../../../shared/schemas/meetings.js';
import { api, ApiError } from '../api.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { dateTime } from '../format.js';
import { appStyles } from '../theme.js';
import { confirmRemoval, failure, feedback, holdsRole, meetingSwitched, RUNS } from './meeting-words.js';
import { pill } from '../words.js';

interface Material {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
  late: boolean;
}

/**
 * The meeting's materials (M3): due a day before the start; the host uploads
 * them (the hub judges each file by its bytes), late ones are flagged in words,
 * everyone in the meeting downloads them. The host removes one after an
 * "are you sure".
 */
export class MeetingMaterials extends LitElement {
  static override properties = {
    zone: { type: String },
    meeting: { attribute: false },
    people: { attribute: false },
    materials: { state: true },
    removing: { state: true },
    busy: { state: true },
    message: { state: true },
    error: { state: true },
  };
  /** The room's time zone: times are shown as the room reads them. */
  declare zone: string | undefined;
  declare meeting: MeetingDto | null;
  declare people: Map<string, UserDto>;
  declare materials: Material[] | null;
  /** The material waiting for "are you sure" before it is removed. */
  declare removing: Material | null;
  declare busy: boolean;
  declare message: Note | null;
  declare error: string;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`:host { display: block; } ul { list-style: none; padding: 0; display: grid; gap: 0.5em; } li { overflow-wrap: anywhere; display: flex; flex-wrap: wrap; gap: 0.3em 0.6em; align-items: center; } li button { margin-inline-start: auto; }`,
  ];

  constructor() {
    super();
    this.zone = undefined;
    this.meeting = null;
    this.people = new Map();
    this.materials = null;
    this.removing = null;
    this.busy = false;
    this.message = null;
    this.error = '';
  }

  override updated(changed: Map<string, unknown>) {
    if (meetingSwitched(changed, this.meeting)) void this.load();
  }

  private get path() {
    return `/api/bookings/${encodeURIComponent(this.meeting!.booking)}/materials`;
  }

  private async load() {
    this.materials = await api<Material[]>('GET', this.path);
  }

  /** One file as multipart/form-data (the hub takes one file a request). */
  private async upload(e: Event) {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#material-file')!;
    const file = input.files?.[0];
    if (!file) return;
    this.busy = true;
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const res = await fetch(this.path, { method: 'POST', body: form, credentials: 'same-origin' });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { message?: string };
        throw new ApiError(res.status, 'upload', body.message ?? res.statusText);
      }
      input.value = '';
      this.message = note('materials.uploaded', { name: file.name });
      this.error = '';
      await this.load();
    } catch (err) {
      this.error = err instanceof ApiError ? (err.status === 413 ? this.i18n.t('materials.tooBig') : err.message) : this.i18n.t('error.internal');
    }
    this.busy = false;
  }

  private async removeMaterial() {
    const m = this.removing!;
    this.removing = null;
    try {
      await api('DELETE', `${this.path}/${encodeURIComponent(m.id)}`);
      this.message = note('materials.removed', { name: m.name });
      this.error = '';
      await this.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#material-file')?.focus();
    } catch (err) {
      this.error = failure(this.i18n.t, err);
    }
  }

  override render() {
    const { t, locale } = this.i18n;
    const m = this.meeting;
    if (!m || !this.materials) return html`<p role="status">${t('common.loading')}</p>`;
    const host = holdsRole(m, RUNS);
    return html`
      <h2>${t('materials.title')}</h2>
      <p>${t('materials.due', { at: dateTime(m.materialsDue, locale, this.zone) })}</p>
      ${feedback(t, this.message, this.error)}
      ${
        this.materials.length
          ? html`<ul>${this.materials.map(
              (x) => html`<li class="card" data-material=${x.id}>
            <a href=${`${this.path}/${encodeURIComponent(x.id)}`} download=${x.name}>${x.name}</a>
            <span class="muted">· ${Math.max(1, Math.round(x.size / 1024))} KB · ${this.people.get(x.uploadedBy)?.name ?? x.uploadedBy} · ${dateTime(x.uploadedAt, locale, this.zone)}</span>
            ${x.late ? pill('warn', 'clock', t('materials.late'), 'late') : nothing}
            ${host ? html`<button type="button" class="danger" data-action="remove-material" @click=${() => (this.removing = x)}>${t('materials.remove')}<span class="visually-hidden"> ${x.name}</span></button>` : nothing}
          </li>`,
            )}</ul>`
          : html`<p class="muted" data-materials="0">${t('materials.none')}</p>`
      }
      ${
        host
          ? html`<form class="card" @submit=${(e: Event) => this.upload(e)}>
            <div class="field"><label for="material-file">${t('materials.file')}</label>
              <span class="hint" id="material-file-hint">${t('materials.hint')}</span>
              <input id="material-file" type="file" aria-describedby="material-file-hint" /></div>
            <div class="actions"><button class="primary" type="submit" data-action="upload" ?disabled=${this.busy}>${t('materials.upload')}</button></div>
          </form>`
          : nothing
      }
      ${confirmRemoval(t, { open: this.removing !== null, heading: t('materials.removeTitle', { name: this.removing?.name ?? '' }), body: t('materials.removeBody'), confirm: t('materials.remove'), action: 'confirm-remove-material', cancel: () => (this.removing = null), go: () => this.removeMaterial() })}
    `;
  }
}
customElements.define('meeting-materials', MeetingMaterials);
declare global {
  interface HTMLElementTagNameMap {
    'meeting-materials': MeetingMaterials;
  }
}
