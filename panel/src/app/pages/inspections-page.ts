import { css, html, LitElement, nothing } from 'lit';
import type { InspectionPlanDto } from '../../../../shared/schemas/inspections.js';
import type { RoomDto, UserDto } from '../../../../shared/schemas/http.js';
import { api, query } from '../api.js';
import { LocaleController } from '../controllers/locale.js';
import { date } from '../format.js';
import { href } from '../router.js';
import { appStyles } from '../theme.js';
import { overduePill, pill, resultPill } from '../words.js';
import './inspection-room.js';

/**
 * Safety inspections (R11): every room's plan, the overdue ones first and
 * marked; a room's page records an inspection and edits its plan.
 */
export class InspectionsPage extends LitElement {
  static override properties = { roomId: { type: String }, plans: { state: true }, rooms: { state: true }, names: { state: true }, onlyOverdue: { state: true } };
  declare roomId: string;
  declare plans: InspectionPlanDto[] | null;
  declare rooms: Map<string, RoomDto>;
  declare names: Map<string, string>;
  declare onlyOverdue: boolean;
  private readonly i18n = new LocaleController(this);

  static override styles = [appStyles, css`:host { display: block; }`];

  constructor() {
    super();
    this.roomId = '';
    this.plans = null;
    this.rooms = new Map();
    this.names = new Map();
    this.onlyOverdue = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    void Promise.all([api<RoomDto[]>('GET', '/api/rooms'), api<UserDto[]>('GET', '/api/users?active=all')]).then(([rooms, users]) => {
      this.rooms = new Map(rooms.map((r) => [r.id, r]));
      this.names = new Map(users.map((u) => [u.id, u.name]));
    });
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('roomId') && !this.roomId) void this.load();
  }

  private async load() {
    // The hub answers by due date: the overdue ones come first.
    this.plans = await api<InspectionPlanDto[]>('GET', `/api/inspections${query({ overdue: this.onlyOverdue && 'true' })}`);
  }

  override render() {
    const { t, locale } = this.i18n;
    if (this.roomId) return html`<inspection-room .roomId=${this.roomId} roomName=${this.rooms.get(this.roomId)?.name ?? ''} .names=${this.names}></inspection-room>`;
    const overdue = (this.plans ?? []).filter((p) => p.overdue).length;
    return html`
      <h1>${t('inspections.title')}</h1>
      <p>${overdue > 0 ? pill('bad', 'alert', t('inspections.overdueCount', { n: overdue })) : pill('ok', 'check', t('inspections.noneOverdue'))}</p>
      <div class="toolbar">
        <label class="row"><input type="checkbox" data-filter="overdue" .checked=${this.onlyOverdue}
          @change=${(e: Event) => { this.onlyOverdue = (e.target as HTMLInputElement).checked; void this.load(); }} />${t('inspections.onlyOverdue')}</label>
      </div>
      ${this.plans === null
        ? html`<p role="status">${t('common.loading')}</p>`
        : this.plans.length === 0
          ? html`<p class="card">${t('inspections.noPlans')}</p>`
          : html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t('inspections.title')}>
              <table>
                <thead><tr>
                  <th scope="col">${t('inspections.room')}</th><th scope="col">${t('inspections.due')}</th><th scope="col">${t('inspections.every')}</th>
                  <th scope="col">${t('inspections.last')}</th>
                </tr></thead>
                <tbody>
                  ${this.plans.map(
                    (p) => html`<tr data-room=${p.room} data-overdue=${String(p.overdue)}>
                      <td><a href=${href('inspections', p.room)}>${this.rooms.get(p.room)?.name ?? p.room}</a></td>
                      <td>${date(p.dueAt, locale)} ${p.overdue ? overduePill(t) : nothing}</td>
                      <td>${t('inspections.everyN', { n: p.everyDays })}</td>
                      <td>${p.lastInspectedAt ? html`${date(p.lastInspectedAt, locale)} ${p.lastResult ? resultPill(t, p.lastResult) : nothing}` : html`<span class="muted">${t('inspections.never')}</span>`}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`}
    `;
  }
}
customElements.define('inspections-page', InspectionsPage);
declare global {
  interface HTMLElementTagNameMap {
    'inspections-page': InspectionsPage;
  }
}
