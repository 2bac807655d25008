import { html, LitElement } from 'lit';
import { LocaleController } from './controllers/locale.js';
import { appStyles } from './theme.js';

/** Copies a text (a device token, a command) and says so in a live region. */
export class CopyButton extends LitElement {
  static override properties = { text: { type: String }, label: { type: String }, outcome: { state: true } };
  declare text: string;
  declare label: string;
  declare outcome: '' | 'copied' | 'failed';
  private readonly i18n = new LocaleController(this);
  static override styles = appStyles;

  constructor() {
    super();
    this.text = '';
    this.label = '';
    this.outcome = '';
  }

  private async copy() {
    try {
      await navigator.clipboard.writeText(this.text);
      this.outcome = 'copied';
    } catch {
      // No clipboard access (plain http from another host): the text stays on screen to copy by hand.
      this.outcome = 'failed';
    }
    setTimeout(() => (this.outcome = ''), 4000);
  }

  override render() {
    const t = this.i18n.t;
    return html`<button type="button" data-action="copy" @click=${() => this.copy()}>${this.label || t('common.copy')}</button>
      <span role="status" class="muted">${this.outcome === 'copied' ? t('common.copied') : this.outcome === 'failed' ? t('common.copyFailed') : ''}</span>`;
  }
}
customElements.define('copy-button', CopyButton);
declare global {
  interface HTMLElementTagNameMap {
    'copy-button': CopyButton;
  }
}
