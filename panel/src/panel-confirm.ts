import { css, html, LitElement, nothing } from 'lit';
import type { Translate } from './i18n.js';
import { baseStyles } from './theme.js';

/**
 * Asks before something that cannot be undone at the door (ending a meeting,
 * releasing the room). "Keep it" has the focus, so a stray tap changes nothing.
 *
 * @fires confirm-accept
 * @fires confirm-cancel
 */
export class PanelConfirm extends LitElement {
  static override properties = {
    open: { type: Boolean, reflect: true },
    heading: { type: String },
    body: { type: String },
    action: { type: String },
    busy: { type: Boolean },
    t: { attribute: false },
  };
  declare open: boolean;
  declare heading: string;
  declare body: string;
  declare action: string;
  declare busy: boolean;
  declare t: Translate;

  static override styles = [
    baseStyles,
    css`
      :host { display: none; }
      :host([open]) { display: flex; position: fixed; inset: 0; background: rgba(0, 0, 0, 0.75); align-items: center; justify-content: center; z-index: 10; }
      .box { background: #1d1f21; border: 3px solid #fff; border-radius: 20px; padding: 1.2em; width: min(92vw, 760px); font-size: clamp(18px, 3.4vmin, 32px); display: flex; flex-direction: column; gap: 0.8em; }
      h2 { margin: 0; font-size: 1.3em; }
      p { margin: 0; }
      .row { display: flex; gap: 0.6em; justify-content: flex-end; flex-wrap: wrap; }
      button.danger { background: #ff8a80; color: #111; border-color: #ff8a80; }
    `,
  ];

  constructor() {
    super();
    this.open = false;
    this.heading = '';
    this.body = '';
    this.action = '';
    this.busy = false;
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has('open') && this.open) (this.renderRoot.querySelector('[data-action="keep"]') as HTMLElement | null)?.focus();
  }

  private fire(name: 'confirm-accept' | 'confirm-cancel') {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }

  override render() {
    if (!this.open || !this.t) return nothing;
    return html`<div class="box" role="alertdialog" aria-modal="true" aria-labelledby="confirm-h" aria-describedby="confirm-p"
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.fire('confirm-cancel')}>
      <h2 id="confirm-h">${this.heading}</h2>
      <p id="confirm-p">${this.body}</p>
      <div class="row">
        <button data-action="keep" @click=${() => this.fire('confirm-cancel')}>${this.t('confirm.keep')}</button>
        <button class="danger" data-action="confirm" ?disabled=${this.busy} @click=${() => this.fire('confirm-accept')}>${this.action}</button>
      </div>
    </div>`;
  }
}
customElements.define('panel-confirm', PanelConfirm);
declare global {
  interface HTMLElementTagNameMap {
    'panel-confirm': PanelConfirm;
  }
}
