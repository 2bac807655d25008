import { css, html, LitElement, nothing } from 'lit';
import type { ConnectionStatus } from './controllers/panel-connection.js';
import { duration } from './format.js';
import type { Translate } from './i18n.js';
import { baseStyles } from './theme.js';

/** Says plainly when the panel is offline, and how old the state on screen is. */
export class ConnectionBanner extends LitElement {
  static override properties = {
    status: { type: String, reflect: true },
    ageMs: { type: Number },
    t: { attribute: false },
  };
  declare status: ConnectionStatus;
  declare ageMs: number;
  declare t: Translate;

  static override styles = [
    baseStyles,
    css`
      :host { display: block; }
      .bar { background: #ffd54f; color: #111; font-weight: 800; padding: 0.4em 0.8em; font-size: clamp(18px, 3.4vmin, 32px); text-align: center; }
    `,
  ];

  constructor() {
    super();
    this.status = 'connecting';
    this.ageMs = 0;
  }

  override render() {
    if (!this.t || this.status === 'online' || this.status === 'rejected') return nothing;
    const text = this.status === 'offline' ? this.t('conn.offline', { age: duration(this.t, this.ageMs) }) : this.t('conn.connecting');
    return html`<div class="bar" role="alert">${text}</div>`;
  }
}
customElements.define('connection-banner', ConnectionBanner);
declare global {
  interface HTMLElementTagNameMap {
    'connection-banner': ConnectionBanner;
  }
}
