import { css, html, LitElement, nothing } from 'lit';
import type { DeviceDto } from '../../../../shared/schemas/http.js';
import '../copy-button.js';
import { hubConfig } from '../hub-config.js';
import { LocaleController } from '../controllers/locale.js';
import '../qr-code.js';
import { appStyles } from '../theme.js';
import { deviceKindWord } from '../words.js';

export type DeviceWithToken = DeviceDto & { token: string; provisioningUrl?: string };

/** The hub's MQTT address as devices on the office network reach it (the hub says; else its default port). */
export function mqttAddress(): string {
  return hubConfig().mqttUrl ?? `mqtt://${location.hostname}:1883`;
}

/** The reader bridge's exact command line for a reader (README: badge readers on serial ports). */
export function readerBridgeCommand(d: { id: string; token: string }): string {
  return `npm run reader-bridge -- --serial /dev/ttyUSB0 --protocol pn532 --mqtt ${mqttAddress()} --device ${d.id} --token ${d.token}`;
}

/**
 * A device's credentials, shown once (the hub keeps only a hash): a panel's
 * provisioning link as a QR code for the tablet's camera; a reader's token
 * with the reader-bridge command; a sensor's MQTT user and password.
 */
export class DeviceCredentials extends LitElement {
  static override properties = { device: { attribute: false } };
  declare device: DeviceWithToken | null;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      .secret { background: #f1f3f4; border: 1px solid var(--soft-line); border-radius: 6px; padding: 0.5em 0.7em; margin: 0.3em 0 0.4em; display: block; white-space: pre-wrap; }
      .qr { display: flex; flex-wrap: wrap; gap: 1em; align-items: flex-start; }
      .qr > div { flex: 1; min-width: 14em; }
      dl { display: grid; grid-template-columns: auto 1fr; gap: 0.3em 1em; }
      dt { font-weight: 600; }
      dd { margin: 0; }
    `,
  ];

  constructor() {
    super();
    this.device = null;
  }

  override render() {
    const d = this.device;
    if (!d) return nothing;
    const t = this.i18n.t;
    return html`
      <p class="notice">${t('devices.onceWarning')}</p>
      <dl>
        <dt>${t('devices.kind')}</dt><dd>${deviceKindWord(t, d.kind)}</dd>
        <dt>${t('devices.id')}</dt><dd class="mono">${d.id}</dd>
        <dt>${t('devices.room')}</dt><dd>${d.room}</dd>
      </dl>
      ${d.kind === 'panel' && d.provisioningUrl
        ? html`<div class="qr">
            <qr-code data-qr .value=${d.provisioningUrl} label=${t('devices.qrLabel', { id: d.id })}></qr-code>
            <div>
              <p>${t('devices.qrHelp')}</p>
              <p><strong>${t('devices.provisioningUrl')}</strong></p>
              <code class="secret mono" data-secret="url">${d.provisioningUrl}</code>
              <copy-button .text=${d.provisioningUrl} label=${t('devices.copyUrl')}></copy-button>
            </div>
          </div>`
        : html`
            <p><strong>${t('devices.token')}</strong></p>
            <code class="secret mono" data-secret="token">${d.token}</code>
            <copy-button .text=${d.token} label=${t('devices.copyToken')}></copy-button>
            ${d.kind === 'reader'
              ? html`<p><strong>${t('devices.bridgeCommand')}</strong></p>
                  <p class="hint">${t('devices.bridgeHelp')}</p>
                  <code class="secret mono" data-secret="command">${readerBridgeCommand(d)}</code>
                  <copy-button .text=${readerBridgeCommand(d)} label=${t('devices.copyCommand')}></copy-button>`
              : html`<p class="hint">${t('devices.sensorHelp', { mqtt: mqttAddress(), id: d.id })}</p>`}
          `}
    `;
  }
}
customElements.define('device-credentials', DeviceCredentials);
declare global {
  interface HTMLElementTagNameMap {
    'device-credentials': DeviceCredentials;
  }
}
