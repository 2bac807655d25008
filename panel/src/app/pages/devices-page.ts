import { css, html, LitElement, nothing } from 'lit';
import type { DeviceDto, RoomDto } from '../../../../shared/schemas/http.js';
import { api } from '../api.js';
import '../app-dialog.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { ago, dateTime } from '../format.js';
import { appStyles } from '../theme.js';
import { deviceKindWord, healthPill, pill } from '../words.js';
import './device-credentials.js';
import type { DeviceWithToken } from './device-credentials.js';
import './device-provision.js';

const LOW_BATTERY = 20;

/**
 * Devices (contract §6): every panel, reader and sensor with its health, the
 * ones that need attention first (lost, offline, stale); provisioning,
 * revoking and re-issuing a token.
 */
export class DevicesPage extends LitElement {
  static override properties = {
    devices: { state: true }, rooms: { state: true }, showRevoked: { state: true }, credentials: { state: true }, confirm: { state: true }, message: { state: true },
  };
  declare devices: DeviceDto[] | null;
  declare rooms: RoomDto[];
  declare showRevoked: boolean;
  declare credentials: DeviceWithToken | null;
  declare confirm: { device: DeviceDto; action: 'revoke' | 'reissue' } | null;
  declare message: Note | null;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      .layout { display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 1.2em; align-items: start; }
      @media (max-width: 1100px) { .layout { grid-template-columns: minmax(0, 1fr); } device-provision { order: -1; } }
      .sub { display: block; font-size: 0.85em; }
      td.actions-cell { white-space: nowrap; }
    `,
  ];

  constructor() {
    super();
    this.devices = null;
    this.rooms = [];
    this.showRevoked = false;
    this.credentials = null;
    this.confirm = null;
    this.message = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const [devices, rooms] = await Promise.all([api<DeviceDto[]>('GET', '/api/devices'), api<RoomDto[]>('GET', '/api/rooms')]);
    this.devices = devices; // the hub sorts: lost, offline, stale, never seen, online, revoked
    this.rooms = rooms;
  }

  private async act() {
    const c = this.confirm;
    if (!c) return;
    const path = `/api/devices/${encodeURIComponent(c.device.id)}`;
    this.confirm = null;
    if (c.action === 'revoke') {
      await api('DELETE', path);
      this.message = note('devices.revoked', { id: c.device.id });
    } else {
      this.credentials = await api<DeviceWithToken>('POST', `${path}/token`);
      this.message = note('devices.reissued', { id: c.device.id });
    }
    await this.load();
  }

  private roomName(id: string) {
    return this.rooms.find((r) => r.id === id)?.name ?? id;
  }

  override render() {
    const { t, locale } = this.i18n;
    const shown = (this.devices ?? []).filter((d) => this.showRevoked || !d.revoked);
    return html`
      <h1>${t('devices.title')}</h1>
      <p role="status" class=${this.message ? 'notice' : ''}>${this.message ? t(...this.message) : ''}</p>
      <div class="layout">
        <section aria-labelledby="health-heading">
          <div class="toolbar" style="justify-content:space-between">
            <h2 id="health-heading">${t('devices.health')}</h2>
            <label class="row"><input type="checkbox" .checked=${this.showRevoked} @change=${(e: Event) => (this.showRevoked = (e.target as HTMLInputElement).checked)} />${t('devices.showRevoked')}</label>
          </div>
          ${this.devices === null
            ? html`<p role="status">${t('common.loading')}</p>`
            : shown.length === 0
              ? html`<p class="card">${t('devices.none')}</p>`
              : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="health-heading">
                  <table>
                    <thead><tr>
                      <th scope="col">${t('devices.device')}</th><th scope="col">${t('devices.room')}</th><th scope="col">${t('devices.healthCol')}</th>
                      <th scope="col">${t('devices.lastSeen')}</th><th scope="col">${t('devices.firmware')}</th><th scope="col">${t('devices.battery')}</th>
                      <th scope="col"><span class="visually-hidden">${t('common.actions')}</span></th>
                    </tr></thead>
                    <tbody>
                      ${shown.map(
                        (d) => html`<tr data-device=${d.id} data-health=${d.health}>
                          <td><strong class="mono">${d.id}</strong><span class="sub muted">${deviceKindWord(t, d.kind)}${d.name ? ` · ${d.name}` : ''}</span></td>
                          <td>${this.roomName(d.room)}</td>
                          <td>${healthPill(t, d.health)}</td>
                          <td>${d.lastSeenAt ? html`${dateTime(d.lastSeenAt, locale)}<span class="sub muted">${ago(t, d.lastSeenAt)}</span>` : html`<span class="muted">${t('devices.never')}</span>`}</td>
                          <td>${d.firmware ?? ''}</td>
                          <td>${d.battery === null ? '' : d.battery < LOW_BATTERY ? pill('bad', 'alert', t('devices.batteryLow', { n: d.battery })) : `${d.battery}%`}</td>
                          <td class="actions-cell">
                            ${d.revoked
                              ? nothing
                              : html`<button data-action="reissue" @click=${() => (this.confirm = { device: d, action: 'reissue' })}>${t('devices.reissue')}<span class="visually-hidden"> ${d.id}</span></button>
                                  <button class="danger" data-action="revoke" @click=${() => (this.confirm = { device: d, action: 'revoke' })}>${t('devices.revoke')}<span class="visually-hidden"> ${d.id}</span></button>`}
                          </td>
                        </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`}
        </section>
        <device-provision .rooms=${this.rooms} @device-provisioned=${(e: CustomEvent<DeviceWithToken>) => { this.credentials = e.detail; void this.load(); }}></device-provision>
      </div>
      <app-dialog wide .open=${this.credentials !== null} heading=${t('devices.credentialsTitle', { id: this.credentials?.id ?? '' })} @dialog-close=${() => (this.credentials = null)}>
        <device-credentials .device=${this.credentials}></device-credentials>
        <div class="actions"><button type="button" class="primary" data-action="done" @click=${() => (this.credentials = null)}>${t('common.done')}</button></div>
      </app-dialog>
      <app-dialog .open=${this.confirm !== null} heading=${this.confirm ? t(this.confirm.action === 'revoke' ? 'devices.revokeTitle' : 'devices.reissueTitle', { id: this.confirm.device.id }) : ''}
        @dialog-close=${() => (this.confirm = null)}>
        <p>${this.confirm ? t(this.confirm.action === 'revoke' ? 'devices.revokeBody' : 'devices.reissueBody') : ''}</p>
        <div class="actions">
          <button type="button" @click=${() => (this.confirm = null)}>${t('action.cancel')}</button>
          <button type="button" class="danger primary" data-action="confirm" @click=${() => this.act()}>${this.confirm?.action === 'revoke' ? t('devices.revoke') : t('devices.reissue')}</button>
        </div>
      </app-dialog>
    `;
  }
}
customElements.define('devices-page', DevicesPage);
declare global {
  interface HTMLElementTagNameMap {
    'devices-page': DevicesPage;
  }
}
