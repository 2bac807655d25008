import { css, html, LitElement, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { InspectionPlanDto } from '../../../../shared/schemas/inspections.js';
import { api, errorFor, fieldErrors } from '../api.js';
import '../app-dialog.js';
import { LocaleController } from '../controllers/locale.js';
import { describedBy, fieldError } from '../forms.js';
import { appStyles } from '../theme.js';

interface Item {
  id: string;
  label: string;
}

/** A new item's id: the API wants a-z 0-9 _, and labels are often Chinese, so a counter, unique in the list. */
export function newItemId(items: Item[]): string {
  let n = items.length + 1;
  while (items.some((i) => i.id === `item_${n}`)) n++;
  return `item_${n}`;
}

/**
 * R11: a room's inspection plan: how often (every N days) and the checklist
 * (fire extinguisher, exits and signs, electrical, cleanliness...), editable.
 *
 * @fires plan-saved - `{detail: InspectionPlanDto}`
 * @fires editor-close
 */
export class InspectionPlanEditor extends LitElement {
  static override properties = { plan: { attribute: false }, open: { type: Boolean }, items: { state: true }, errors: { state: true }, busy: { state: true } };
  declare plan: InspectionPlanDto | null;
  declare open: boolean;
  declare items: Item[];
  declare errors: Record<string, string>;
  declare busy: boolean;
  private readonly i18n = new LocaleController(this);
  private session = 0;

  static override styles = [appStyles, css`ol { padding-inline-start: 1.4em; } li { margin-bottom: 0.6em; } li .row input { flex: 1; min-width: 12em; } #everyDays { width: 8em; }`];

  constructor() {
    super();
    this.plan = null;
    this.open = false;
    this.items = [];
    this.errors = {};
    this.busy = false;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('open') && this.open) {
      this.session++;
      this.errors = {};
      this.items = (this.plan?.checklist ?? []).map((i) => ({ ...i }));
    }
  }

  private move(i: number, by: number) {
    const items = [...this.items];
    const [it] = items.splice(i, 1);
    items.splice(i + by, 0, it!);
    this.items = items;
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    if (!this.plan) return;
    const everyDays = Number(((e.target as HTMLFormElement).elements.namedItem('everyDays') as HTMLInputElement).value);
    this.busy = true;
    this.errors = {};
    try {
      const saved = await api<InspectionPlanDto>('PUT', `/api/rooms/${encodeURIComponent(this.plan.room)}/inspection-plan`, {
        everyDays,
        checklist: this.items.map((i) => ({ id: i.id, label: i.label.trim() })),
      });
      this.dispatchEvent(new CustomEvent('plan-saved', { detail: saved, bubbles: true, composed: true }));
      this.open = false;
    } catch (err) {
      const errors = fieldErrors(err);
      this.errors = Object.keys(errors).length ? errors : { '': this.i18n.t('error.internal') };
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = this.i18n.t;
    const everyError = errorFor(this.errors, 'everyDays');
    const listError = this.errors.checklist;
    return html`<app-dialog wide .open=${this.open} heading=${t('inspections.planTitle')} @dialog-close=${() => { this.open = false; this.dispatchEvent(new CustomEvent('editor-close')); }}>
      ${keyed(this.session, html`<form novalidate @submit=${(e: SubmitEvent) => this.submit(e)}>
        <div role="alert">${this.errors[''] || Object.keys(this.errors).length ? html`<p class="form-error">${this.errors[''] ?? t('form.fixFields')}</p>` : nothing}</div>
        <div class="field">
          <label for="everyDays">${t('inspections.everyDays')}</label>
          <span class="hint" id="everyDays-hint">${t('inspections.everyDaysHint')}</span>
          <input id="everyDays" name="everyDays" type="number" min="1" max="366" inputmode="numeric" .value=${String(this.plan?.everyDays ?? 30)}
            aria-invalid=${everyError ? 'true' : 'false'} aria-describedby=${describedBy('everyDays', everyError, true)} />
          ${fieldError('everyDays', everyError)}
        </div>
        <fieldset class="card">
          <legend><strong>${t('inspections.checklist')}</strong></legend>
          <ol>
            ${this.items.map((item, i) => {
              const error = errorFor(this.errors, `checklist.${i}`);
              const id = `item-${i}`;
              return html`<li data-item=${item.id}>
                <label for=${id} class="visually-hidden">${t('inspections.itemLabel', { n: i + 1 })}</label>
                <div class="row">
                  <input id=${id} .value=${item.label} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy(id, error)}
                    @input=${(e: Event) => (this.items = this.items.map((x, j) => (j === i ? { ...x, label: (e.target as HTMLInputElement).value } : x)))} />
                  <button type="button" ?disabled=${i === 0} @click=${() => this.move(i, -1)}>${t('inspections.up')}<span class="visually-hidden"> ${item.label}</span></button>
                  <button type="button" ?disabled=${i === this.items.length - 1} @click=${() => this.move(i, 1)}>${t('inspections.down')}<span class="visually-hidden"> ${item.label}</span></button>
                  <button type="button" class="danger" ?disabled=${this.items.length === 1} @click=${() => (this.items = this.items.filter((_, j) => j !== i))}>${t('inspections.remove')}<span class="visually-hidden"> ${item.label}</span></button>
                </div>
                ${fieldError(id, error)}
              </li>`;
            })}
          </ol>
          ${fieldError('checklist', listError)}
          <button type="button" data-action="add-item" @click=${() => (this.items = [...this.items, { id: newItemId(this.items), label: '' }])}>${t('inspections.addItem')}</button>
        </fieldset>
        <div class="actions">
          <button type="button" @click=${() => (this.open = false)}>${t('action.cancel')}</button>
          <button type="submit" class="primary" data-action="save-plan" ?disabled=${this.busy}>${t('common.save')}</button>
        </div>
      </form>`)}
    </app-dialog>`;
  }
}
customElements.define('inspection-plan-editor', InspectionPlanEditor);
declare global {
  interface HTMLElementTagNameMap {
    'inspection-plan-editor': InspectionPlanEditor;
  }
}
