import { css, html, LitElement, nothing } from 'lit';
import type { FaultDto, FaultStatus } from '../../../../shared/schemas/faults.js';
import type { RoomDto, UserDto } from '../../../../shared/schemas/http.js';
import type { SiteTile } from '../../../../shared/schemas/site.js';
import { api, ApiError, query } from '../api.js';
import { LocaleController } from '../controllers/locale.js';
import { SiteStreamController } from '../controllers/site-stream.js';
import { actorName, span } from '../format.js';
import { href } from '../router.js';
import { appStyles } from '../theme.js';
import { equipment, faultPill, pill } from '../words.js';
import './fault-detail.js';
import './fault-report.js';

// The schemas' lists, written out: importing them would bring zod into the browser.
const FAULT_STATUSES: FaultStatus[] = ['reported', 'acknowledged', 'in_repair', 'resolved', 'rejected'];
const OPEN = new Set(['reported', 'acknowledged', 'in_repair']);

/** R9: open faults first, the oldest at the top; closed ones after, the latest first. */
export function queueOrder(a: FaultDto, b: FaultDto): number {
  const ao = OPEN.has(a.status);
  const bo = OPEN.has(b.status);
  if (ao !== bo) return ao ? -1 : 1;
  return ao ? Date.parse(a.createdAt) - Date.parse(b.createdAt) : Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
}

/**
 * The fault queue (R8-R10): faults from door panels and staff, open first by
 * age, filtered by status and room; a fault's page follows it to the end.
 * Live: a room's faults changing on the site stream reloads the queue (no polling).
 */
export class FaultsPage extends LitElement {
  static override properties = {
    faultId: { type: String }, faults: { state: true }, fault: { state: true }, status: { state: true }, room: { state: true }, rooms: { state: true }, names: { state: true }, reporting: { state: true }, notFound: { state: true },
  };
  declare faultId: string;
  declare faults: FaultDto[] | null;
  declare fault: FaultDto | null;
  declare status: string;
  declare room: string;
  declare rooms: RoomDto[];
  declare names: Map<string, string>;
  declare reporting: boolean;
  declare notFound: boolean;
  private readonly i18n = new LocaleController(this);
  private seen = new Map<string, string>();
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;

  static override styles = [appStyles, css`:host { display: block; } td.desc { max-width: 28em; } .sub { display: block; font-size: 0.85em; }`];

  constructor() {
    super();
    this.faultId = '';
    this.faults = null;
    this.fault = null;
    this.status = 'open';
    this.room = '';
    this.rooms = [];
    this.names = new Map();
    this.reporting = false;
    this.notFound = false;
    new SiteStreamController(this, { snapshot: (s) => s.tiles.forEach((x) => this.seen.set(x.room.id, signature(x))), tile: (x) => this.onTile(x) });
  }

  override connectedCallback() {
    super.connectedCallback();
    void Promise.all([api<RoomDto[]>('GET', '/api/rooms?archived=all'), api<UserDto[]>('GET', '/api/users?active=all')]).then(([rooms, users]) => {
      this.rooms = rooms;
      this.names = new Map(users.map((u) => [u.id, u.name]));
    });
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('faultId')) void this.load();
  }

  private onTile(tile: SiteTile) {
    const sig = signature(tile);
    if (this.seen.get(tile.room.id) === sig) return;
    this.seen.set(tile.room.id, sig);
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.load(), 150); // a burst of changes, one reload
  }

  private async load() {
    if (this.faultId) {
      try {
        this.fault = await api<FaultDto>('GET', `/api/faults/${encodeURIComponent(this.faultId)}`);
        this.notFound = false;
      } catch (e) {
        this.notFound = e instanceof ApiError && e.status === 404;
      }
    } else {
      this.fault = null;
      const status = this.status === 'all' ? undefined : this.status;
      this.faults = (await api<FaultDto[]>('GET', `/api/faults${query({ status, room: this.room })}`)).sort(queueOrder);
    }
  }

  private roomName(id: string) {
    return this.rooms.find((r) => r.id === id)?.name ?? id;
  }

  override render() {
    const t = this.i18n.t;
    if (this.faultId) {
      if (this.notFound) return html`<h1>${t('faults.title')}</h1><p class="card">${t('error.not_found')}</p><p><a href=${href('faults')}>${t('faults.backToQueue')}</a></p>`;
      return this.fault
        ? html`<fault-detail .fault=${this.fault} .names=${this.names} roomName=${this.roomName(this.fault.room)} @fault-changed=${(e: CustomEvent<FaultDto>) => (this.fault = e.detail)}></fault-detail>`
        : html`<p role="status">${t('common.loading')}</p>`;
    }
    const now = Date.now();
    return html`
      <h1>${t('faults.title')}</h1>
      <div class="toolbar">
        <button class="primary" data-action="report-fault" @click=${() => (this.reporting = true)}>${t('faults.reportNew')}</button>
        <div class="field">
          <label for="status">${t('faults.status')}</label>
          <select id="status" @change=${(e: Event) => { this.status = (e.target as HTMLSelectElement).value; void this.load(); }}>
            <option value="open" ?selected=${this.status === 'open'}>${t('faults.filterOpen')}</option>
            <option value="all" ?selected=${this.status === 'all'}>${t('faults.filterAll')}</option>
            ${FAULT_STATUSES.map((s) => html`<option value=${s} ?selected=${this.status === s}>${t(`faultStatus.${s}`)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="room-filter">${t('faults.room')}</label>
          <select id="room-filter" @change=${(e: Event) => { this.room = (e.target as HTMLSelectElement).value; void this.load(); }}>
            <option value="">${t('faults.allRooms')}</option>
            ${this.rooms.map((r) => html`<option value=${r.id} ?selected=${this.room === r.id}>${r.name}</option>`)}
          </select>
        </div>
      </div>
      ${this.faults === null
        ? html`<p role="status">${t('common.loading')}</p>`
        : this.faults.length === 0
          ? html`<p class="card" role="status">${t('faults.none')}</p>`
          : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t('faults.title')}>
              <table>
                <thead><tr>
                  <th scope="col">${t('faults.status')}</th><th scope="col">${t('faults.fault')}</th><th scope="col">${t('faults.room')}</th>
                  <th scope="col" class="hide-narrow">${t('faults.description')}</th><th scope="col">${t('faults.age')}</th>
                  <th scope="col">${t('faults.assignee')}</th><th scope="col" class="hide-narrow">${t('faults.reportedBy')}</th>
                </tr></thead>
                <tbody>
                  ${this.faults.map(
                    (f) => html`<tr data-fault=${f.id} data-status=${f.status}>
                      <td>${faultPill(t, f.status)}</td>
                      <td><a href=${href('faults', f.id)}>${equipment(t, f.equipment)}</a>${f.outOfService ? html`<span class="sub">${pill('bad', 'slash', t('faults.roomOutOfService'))}</span>` : nothing}</td>
                      <td>${this.roomName(f.room)}</td>
                      <td class="desc hide-narrow">${f.description}</td>
                      <td>${OPEN.has(f.status) ? span(t, now - Date.parse(f.createdAt)) : html`<span class="muted">${t('faults.closedAfter', { span: span(t, Date.parse(f.resolvedAt ?? f.updatedAt) - Date.parse(f.createdAt)) })}</span>`}</td>
                      <td>${f.assignee ? (this.names.get(f.assignee) ?? f.assignee) : html`<span class="muted">${t('faults.nobody')}</span>`}</td>
                      <td class="hide-narrow">${actorName(t, f.reportedBy, this.names)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
      <fault-report .rooms=${this.rooms.filter((r) => !r.archived)} .open=${this.reporting} @editor-close=${() => (this.reporting = false)}
        @fault-reported=${() => void this.load()}></fault-report>
    `;
  }
}

function signature(tile: SiteTile): string {
  return tile.faults.map((f) => `${f.id}:${f.status}`).join(',');
}

customElements.define('faults-page', FaultsPage);
declare global {
  interface HTMLElementTagNameMap {
    'faults-page': FaultsPage;
  }
}
