import { css, html, LitElement, nothing } from 'lit';
import type { OpeningPeriod, RoomDto } from '../../../../shared/schemas/http.js';
import { api } from '../api.js';
import { forgetDirectory } from '../directory.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { appStyles } from '../theme.js';
import { equipment, pill } from '../words.js';
import './room-editor.js';

/** "Mon–Fri 08:00–18:00" in the app's language. */
function hoursSummary(periods: OpeningPeriod[], locale: string): string {
  const day = (d: number) => new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, d));
  return periods
    .map((p) => {
      const days = [...p.days].sort();
      const run = days.every((d, i) => i === 0 || d === days[i - 1]! + 1) && days.length > 2;
      return `${run ? `${day(days[0]!)}–${day(days[days.length - 1]!)}` : days.map(day).join(', ')} ${p.open}–${p.close}`;
    })
    .join('; ');
}

/** Rooms (R1, R3, R14): the list, and creating, editing and archiving them. */
export class RoomsPage extends LitElement {
  static override properties = { rooms: { state: true }, showArchived: { state: true }, editing: { state: true }, editorOpen: { state: true }, message: { state: true } };
  declare rooms: RoomDto[] | null;
  declare showArchived: boolean;
  declare editing: RoomDto | null;
  declare editorOpen: boolean;
  declare message: Note | null;
  private readonly i18n = new LocaleController(this);

  static override styles = [appStyles, css`:host { display: block; } .id { display: block; font-size: 0.85em; } td.actions-cell { white-space: nowrap; }`];

  constructor() {
    super();
    this.rooms = null;
    this.showArchived = false;
    this.editing = null;
    this.editorOpen = false;
    this.message = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    this.rooms = await api<RoomDto[]>('GET', `/api/rooms?archived=${this.showArchived ? 'all' : 'false'}`);
  }

  private edit(room: RoomDto | null) {
    this.editing = room;
    this.editorOpen = true;
  }

  private async setArchived(room: RoomDto, archived: boolean) {
    await api('PATCH', `/api/rooms/${encodeURIComponent(room.id)}`, { archived });
    this.message = note(archived ? 'rooms.archivedDone' : 'rooms.restoredDone', { name: room.name });
    await this.load();
  }

  private async saved(room: RoomDto) {
    forgetDirectory(); // the booking pages' room list
    this.message = note('rooms.saved', { name: room.name });
    await this.load();
  }

  override render() {
    const { t, locale } = this.i18n;
    return html`
      <h1>${t('rooms.title')}</h1>
      <div class="toolbar">
        <button class="primary" data-action="new-room" @click=${() => this.edit(null)}>${t('rooms.new')}</button>
        <label class="row"><input type="checkbox" data-filter="archived" .checked=${this.showArchived}
          @change=${(e: Event) => { this.showArchived = (e.target as HTMLInputElement).checked; void this.load(); }} />${t('rooms.showArchived')}</label>
      </div>
      <p role="status" class=${this.message ? 'notice' : ''}>${this.message ? t(...this.message) : ''}</p>
      ${this.rooms === null
        ? html`<p role="status">${t('common.loading')}</p>`
        : this.rooms.length === 0
          ? html`<p class="card">${t('rooms.none')}</p>`
          : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t('rooms.title')}>
              <table>
                <thead><tr>
                  <th scope="col">${t('rooms.name')}</th><th scope="col">${t('rooms.where')}</th><th scope="col">${t('rooms.capacity')}</th>
                  <th scope="col">${t('rooms.equipment')}</th><th scope="col" class="hide-narrow">${t('rooms.hours')}</th>
                  <th scope="col">${t('rooms.flags')}</th><th scope="col"><span class="visually-hidden">${t('common.actions')}</span></th>
                </tr></thead>
                <tbody>
                  ${this.rooms.map(
                    (r) => html`<tr data-room=${r.id}>
                      <td><strong>${r.name}</strong><span class="id muted mono">${r.id}</span></td>
                      <td>${[r.building, r.floor ? t('site.floor', { floor: r.floor }) : null].filter(Boolean).join(' · ') || html`<span class="muted">—</span>`}</td>
                      <td>${r.capacity}</td>
                      <td>${r.equipment.map((e) => equipment(t, e)).join(', ')}</td>
                      <td class="hide-narrow">${hoursSummary(r.openingHours, locale)} <span class="muted">${r.timeZone}</span></td>
                      <td class="row">
                        ${r.archived ? pill('muted', 'square', t('rooms.archived')) : nothing}
                        ${r.outOfService ? pill('bad', 'slash', t('status.out_of_service')) : nothing}
                        ${r.privateByDefault ? pill('info', 'eye', t('rooms.private')) : nothing}
                      </td>
                      <td class="actions-cell">
                        <button data-action="edit" @click=${() => this.edit(r)}>${t('common.edit')}<span class="visually-hidden"> ${r.name}</span></button>
                        <button data-action=${r.archived ? 'restore' : 'archive'} @click=${() => this.setArchived(r, !r.archived)}>
                          ${r.archived ? t('rooms.restore') : t('rooms.archive')}<span class="visually-hidden"> ${r.name}</span></button>
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
      <room-editor .room=${this.editing} .open=${this.editorOpen} @editor-close=${() => (this.editorOpen = false)}
        @room-saved=${(e: CustomEvent<RoomDto>) => this.saved(e.detail)}></room-editor>
    `;
  }
}
customElements.define('rooms-page', RoomsPage);
declare global {
  interface HTMLElementTagNameMap {
    'rooms-page': RoomsPage;
  }
}
