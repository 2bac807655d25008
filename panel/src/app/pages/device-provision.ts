import { css, html, LitElement, nothing } from 'lit';
import type { RoomDto } from '../../../../shared/schemas/http.js';
import { api, ApiError, errorFor, fieldErrors } from '../api.js';
import { LocaleController } from '../controllers/locale.js';
import { describedBy, fieldError } from '../forms.js';
import { appStyles } from '../theme.js';
import type { DeviceWithToken } from './device-credentials.js';

const KINDS = ['panel', 'reader', 'sensor'] as const;

/**
 * Provision a device for a room: a door panel, a badge reader or an occupancy sensor.
 *
 * @fires device-provisioned - `{detail: device with its token (and a panel's provisioningUrl)}`
 */
export class DeviceProvision extends LitElement {
  static override properties = { rooms: { attribute: false }, errors: { state: true }, formError: { state: true }, busy: { state: true } };
  declare rooms: RoomDto[];
  declare errors: Record<string, string>;
  declare formError: string;
  declare busy: boolean;
  private readonly i18n = new LocaleController(this);

  static override styles = [appStyles, css`fieldset.kinds { border: 0; padding: 0; margin: 0 0 0.8em; display: flex; gap: 1.2em; flex-wrap: wrap; } fieldset.kinds legend { font-weight: 600; padding: 0; margin-bottom: 0.3em; } fieldset.kinds label { font-weight: 400; display: inline-flex; gap: 0.4em; align-items: center; } select, input { width: 100%; }`];

  constructor() {
    super();
    this.rooms = [];
    this.errors = {};
    this.formError = '';
    this.busy = false;
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = form.elements;
    const value = (name: string) => ((f.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
    const kind = (form.querySelector('input[name="kind"]:checked') as HTMLInputElement | null)?.value ?? 'panel';
    const body = { kind, room: value('room'), ...(value('deviceId') ? { id: value('deviceId') } : {}), ...(value('deviceName') ? { name: value('deviceName') } : {}) };
    this.busy = true;
    this.errors = {};
    this.formError = '';
    try {
      const created = await api<DeviceWithToken>('POST', '/api/devices', body);
      form.reset();
      this.dispatchEvent(new CustomEvent('device-provisioned', { detail: created, bubbles: true, composed: true }));
    } catch (err) {
      const t = this.i18n.t;
      const errors = fieldErrors(err);
      if (errors.id) errors.deviceId = errors.id;
      this.errors = errors;
      this.formError = Object.keys(errors).length ? t('form.fixFields') : err instanceof ApiError && err.code === 'conflict' ? t('devices.idTaken') : err instanceof ApiError && err.code === 'not_found' ? t('devices.noSuchRoom') : t('error.internal');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = this.i18n.t;
    const roomError = errorFor(this.errors, 'room');
    const idError = errorFor(this.errors, 'deviceId');
    return html`<form class="card" novalidate @submit=${(e: SubmitEvent) => this.submit(e)}>
      <h2>${t('devices.provisionTitle')}</h2>
      <div role="alert">${this.formError ? html`<p class="form-error">${this.formError}</p>` : nothing}</div>
      <fieldset class="kinds">
        <legend>${t('devices.kind')}</legend>
        ${KINDS.map((k, i) => html`<label><input type="radio" name="kind" value=${k} ?checked=${i === 0} />${t(`device.kind.${k}`)}</label>`)}
      </fieldset>
      <div class="field">
        <label for="room">${t('devices.room')}</label>
        <select id="room" name="room" aria-invalid=${roomError ? 'true' : 'false'} aria-describedby=${describedBy('room', roomError)}>
          ${this.rooms.map((r) => html`<option value=${r.id}>${r.name}${r.building ? ` · ${r.building}` : ''}</option>`)}
        </select>
        ${fieldError('room', roomError)}
      </div>
      <div class="field">
        <label for="deviceId">${t('devices.idOptional')}</label>
        <span class="hint" id="deviceId-hint">${t('devices.idHint')}</span>
        <input id="deviceId" name="deviceId" autocomplete="off" aria-invalid=${idError ? 'true' : 'false'} aria-describedby=${describedBy('deviceId', idError, true)} />
        ${fieldError('deviceId', idError)}
      </div>
      <div class="field">
        <label for="deviceName">${t('devices.nameOptional')}</label>
        <input id="deviceName" name="deviceName" autocomplete="off" />
      </div>
      <button type="submit" class="primary" data-action="provision" ?disabled=${this.busy || this.rooms.length === 0}>${t('devices.provision')}</button>
    </form>`;
  }
}
customElements.define('device-provision', DeviceProvision);
declare global {
  interface HTMLElementTagNameMap {
    'device-provision': DeviceProvision;
  }
}
