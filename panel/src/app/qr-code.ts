import { css, html, LitElement, nothing } from 'lit';
import QRCode from 'qrcode';
import { appStyles } from './theme.js';

/**
 * A QR code of a link (a panel's provisioning link, which a tablet's camera
 * opens), drawn by the `qrcode` library with a white quiet zone.
 */
export class QrCode extends LitElement {
  static override properties = { value: { type: String }, label: { type: String }, dataUrl: { state: true } };
  declare value: string;
  declare label: string;
  declare dataUrl: string;

  static override styles = [appStyles, css`:host { display: inline-block; background: #fff; } img { display: block; width: 256px; height: 256px; image-rendering: pixelated; }`];

  constructor() {
    super();
    this.value = '';
    this.label = '';
    this.dataUrl = '';
  }

  override async willUpdate(changed: Map<string, unknown>) {
    if (changed.has('value')) {
      this.dataUrl = this.value ? await QRCode.toDataURL(this.value, { errorCorrectionLevel: 'M', margin: 4, scale: 8, color: { dark: '#000000', light: '#ffffff' } }) : '';
    }
  }

  override render() {
    return this.dataUrl ? html`<img src=${this.dataUrl} alt=${this.label} width="256" height="256" />` : nothing;
  }
}
customElements.define('qr-code', QrCode);
declare global {
  interface HTMLElementTagNameMap {
    'qr-code': QrCode;
  }
}
