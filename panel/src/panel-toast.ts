import { css, html, LitElement, nothing } from 'lit';
import { baseStyles } from './theme.js';

/**
 * A short message over the panel for a few seconds: who just signed in with
 * their badge (and whether on time), an error in plain words, a confirmation.
 */
export class PanelToast extends LitElement {
  static override properties = {
    message: { type: String },
    detail: { type: String },
    tone: { type: String, reflect: true },
  };
  declare message: string;
  declare detail: string;
  declare tone: 'info' | 'good' | 'warn' | 'error';

  static override styles = [
    baseStyles,
    css`
      :host { position: fixed; left: 50%; bottom: 6vh; transform: translateX(-50%); z-index: 20; pointer-events: none; }
      .toast { background: #111; border: 4px solid #fff; border-radius: 18px; padding: 0.6em 1.2em; font-size: clamp(22px, 5vmin, 52px); font-weight: 700; text-align: center; box-shadow: 0 8px 30px rgba(0,0,0,0.5); }
      .detail { font-size: 0.7em; font-weight: 600; }
      :host([tone='good']) .toast { border-color: #7ee787; }
      :host([tone='warn']) .toast { border-color: #ffd54f; }
      :host([tone='error']) .toast { border-color: #ff8a80; }
    `,
  ];

  constructor() {
    super();
    this.message = '';
    this.detail = '';
    this.tone = 'info';
  }

  override render() {
    if (!this.message) return nothing;
    return html`<div class="toast" role="status" aria-live="polite">
      <div class="message">${this.message}</div>
      ${this.detail ? html`<div class="detail">${this.detail}</div>` : nothing}
    </div>`;
  }
}
customElements.define('panel-toast', PanelToast);
declare global {
  interface HTMLElementTagNameMap {
    'panel-toast': PanelToast;
  }
}
