import { css, html, LitElement, nothing } from 'lit';
import type { Translate } from './i18n.js';
import { baseStyles } from './theme.js';

/** The "not provisioned" screen: no credentials, or the hub refused them. Never a spinner. */
export class PanelSetup extends LitElement {
  static override properties = {
    reason: { type: String, reflect: true },
    t: { attribute: false },
  };
  declare reason: 'missing' | 'rejected';
  declare t: Translate;

  static override styles = [
    baseStyles,
    css`
      :host { display: flex; flex-direction: column; justify-content: center; gap: 0.8em; padding: 6vmin; min-height: 100vh; background: #3c4043; }
      h1 { font-size: clamp(32px, 8vmin, 80px); margin: 0; }
      p { font-size: clamp(20px, 4vmin, 40px); margin: 0; max-width: 40em; }
    `,
  ];

  constructor() {
    super();
    this.reason = 'missing';
  }

  override render() {
    if (!this.t) return nothing;
    return html`<h1>${this.t('setup.title')}</h1>
      <p>${this.reason === 'rejected' ? this.t('setup.rejected') : this.t('setup.body')}</p>`;
  }
}
customElements.define('panel-setup', PanelSetup);
declare global {
  interface HTMLElementTagNameMap {
    'panel-setup': PanelSetup;
  }
}
