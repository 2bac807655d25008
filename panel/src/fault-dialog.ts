import { css, html, LitElement, nothing } from 'lit';
import { equipmentName, type Translate } from './i18n.js';
import { baseStyles } from './theme.js';

/**
 * R9: report a fault at once: pick the room's equipment (or "something
 * else") and optionally say more.
 *
 * @fires fault-submit - `{detail: {equipment, description}}`
 * @fires fault-cancel
 */
export class FaultDialog extends LitElement {
  static override properties = {
    open: { type: Boolean, reflect: true },
    equipment: { attribute: false },
    busy: { type: Boolean },
    t: { attribute: false },
    selected: { state: true },
  };
  declare open: boolean;
  declare equipment: string[];
  declare busy: boolean;
  declare t: Translate;
  declare selected: string;

  static override styles = [
    baseStyles,
    css`
      :host { display: none; }
      :host([open]) { display: flex; position: fixed; inset: 0; background: rgba(0, 0, 0, 0.75); align-items: center; justify-content: center; z-index: 10; }
      .box { background: #1d1f21; border: 3px solid #fff; border-radius: 20px; padding: 1.2em; width: min(92vw, 900px); font-size: clamp(18px, 3.2vmin, 30px); display: flex; flex-direction: column; gap: 0.8em; }
      h2 { margin: 0; font-size: 1.3em; }
      .choices { display: flex; flex-wrap: wrap; gap: 0.5em; }
      button[aria-pressed='true'] { background: #fff; color: #111; }
      textarea { font: inherit; min-height: 3.2em; border-radius: 12px; padding: 0.4em; border: 3px solid #fff; background: #000; color: #fff; }
      .row { display: flex; gap: 0.6em; justify-content: flex-end; }
    `,
  ];

  constructor() {
    super();
    this.open = false;
    this.equipment = [];
    this.busy = false;
    this.selected = '';
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has('open') && this.open) this.selected = '';
  }

  private submit() {
    const description = (this.renderRoot.querySelector('textarea') as HTMLTextAreaElement | null)?.value ?? '';
    this.dispatchEvent(new CustomEvent('fault-submit', { detail: { equipment: this.selected, description }, bubbles: true, composed: true }));
  }

  override render() {
    if (!this.open || !this.t) return nothing;
    const t = this.t;
    const choices = [...this.equipment, 'other'];
    return html`<div class="box" role="dialog" aria-modal="true" aria-label=${t('fault.title')}>
      <h2>${t('fault.title')}</h2>
      <div>${t('fault.equipment')}</div>
      <div class="choices">
        ${choices.map(
          (e) => html`<button data-equipment=${e} aria-pressed=${this.selected === e ? 'true' : 'false'} @click=${() => (this.selected = e)}>${equipmentName(t, e)}</button>`,
        )}
      </div>
      <label>${t('fault.description')}<br /><textarea maxlength="2000"></textarea></label>
      <div class="row">
        <button data-action="cancel" @click=${() => this.dispatchEvent(new CustomEvent('fault-cancel', { bubbles: true, composed: true }))}>${t('action.cancel')}</button>
        <button class="primary" data-action="send" ?disabled=${!this.selected || this.busy} @click=${() => this.submit()}>${t('action.send')}</button>
      </div>
    </div>`;
  }
}
customElements.define('fault-dialog', FaultDialog);
declare global {
  interface HTMLElementTagNameMap {
    'fault-dialog': FaultDialog;
  }
}
