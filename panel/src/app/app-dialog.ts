import { css, html, LitElement } from 'lit';
import { LocaleController } from './controllers/locale.js';
import { icon } from './icons.js';
import { appStyles } from './theme.js';

/**
 * A modal dialog on the native <dialog>: showModal() makes the page behind it
 * inert (focus stays inside) and Escape closes it; focus returns to where it was.
 *
 * @fires dialog-close - when it closes, by Escape, the close button or `open = false`
 */
export class AppDialog extends LitElement {
  static override properties = { open: { type: Boolean, reflect: true }, heading: { type: String }, wide: { type: Boolean } };
  declare open: boolean;
  declare heading: string;
  declare wide: boolean;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      dialog { border: 0; border-radius: 12px; padding: 0; width: min(94vw, 620px); max-height: 92vh; box-shadow: 0 12px 40px rgba(0,0,0,.35); color: inherit; }
      :host([wide]) dialog { width: min(96vw, 900px); }
      dialog::backdrop { background: rgba(20, 22, 26, 0.55); }
      header { display: flex; justify-content: space-between; align-items: center; gap: 1em; padding: 0.9em 1.1em 0.4em; position: sticky; top: 0; background: #fff; z-index: 1; }
      h2 { margin: 0; min-width: 0; overflow-wrap: anywhere; }
      .close { flex: none; }
      .body { padding: 0.4em 1.1em 1.1em; }
      .close svg { width: 1em; height: 1em; }
    `,
  ];

  constructor() {
    super();
    this.open = false;
    this.heading = '';
    this.wide = false;
  }

  private get dialog() {
    return this.renderRoot.querySelector('dialog');
  }

  override updated() {
    const d = this.dialog;
    if (!d) return;
    if (this.open && !d.open) d.showModal();
    if (!this.open && d.open) d.close();
  }

  private onClose() {
    if (this.open) this.open = false;
    this.dispatchEvent(new CustomEvent('dialog-close', { bubbles: true, composed: true }));
  }

  override render() {
    return html`<dialog aria-labelledby="dialog-heading" @close=${() => this.onClose()}>
      <header>
        <h2 id="dialog-heading">${this.heading}</h2>
        <button class="close" type="button" data-action="close-dialog" aria-label=${this.i18n.t('common.close')} @click=${() => (this.open = false)}>${icon('cross')}</button>
      </header>
      <div class="body"><slot></slot></div>
    </dialog>`;
  }
}
customElements.define('app-dialog', AppDialog);
declare global {
  interface HTMLElementTagNameMap {
    'app-dialog': AppDialog;
  }
}
