import { css, html, LitElement, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { InspectionDto, InspectionPlanDto } from '../../../../shared/schemas/inspections.js';
import { api, fieldErrors } from '../api.js';
import '../app-dialog.js';
import { LocaleController } from '../controllers/locale.js';
import { fieldError } from '../forms.js';
import { appStyles } from '../theme.js';

type Result = 'pass' | 'fail' | 'na';
interface Answer {
  result?: Result;
  note: string;
  openFault: boolean;
}

/**
 * R11: record an inspection item by item: pass, fail or not applicable, with
 * a note; a failed item can open a fault for the room at once (R9).
 *
 * @fires inspection-recorded - `{detail: InspectionDto}`
 * @fires editor-close
 */
export class InspectionRecord extends LitElement {
  static override properties = { plan: { attribute: false }, open: { type: Boolean }, answers: { state: true }, errors: { state: true }, busy: { state: true } };
  declare plan: InspectionPlanDto | null;
  declare open: boolean;
  declare answers: Record<string, Answer>;
  declare errors: Record<string, string>;
  declare busy: boolean;
  private readonly i18n = new LocaleController(this);
  private session = 0;

  static override styles = [
    appStyles,
    css`
      fieldset.item { border: 1px solid var(--soft-line); border-radius: 8px; margin: 0 0 0.8em; padding: 0.5em 0.9em 0.8em; }
      fieldset.item legend { font-weight: 600; padding: 0 0.3em; }
      .choices { display: flex; gap: 1.2em; flex-wrap: wrap; margin: 0.3em 0 0.5em; }
      .choices label, .fault label { font-weight: 400; display: inline-flex; gap: 0.4em; align-items: center; }
      input[type='text'], textarea { width: 100%; }
    `,
  ];

  constructor() {
    super();
    this.plan = null;
    this.open = false;
    this.answers = {};
    this.errors = {};
    this.busy = false;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('open') && this.open) {
      this.session++;
      this.errors = {};
      this.answers = Object.fromEntries((this.plan?.checklist ?? []).map((i) => [i.id, { note: '', openFault: false }]));
    }
  }

  private set(id: string, change: Partial<Answer>) {
    this.answers = { ...this.answers, [id]: { ...this.answers[id]!, ...change } };
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const plan = this.plan;
    if (!plan) return;
    const t = this.i18n.t;
    const missing = plan.checklist.filter((i) => !this.answers[i.id]?.result);
    if (missing.length) {
      this.errors = Object.fromEntries(missing.map((i) => [`item-${i.id}`, t('inspections.chooseResult')]));
      (this.renderRoot.querySelector(`input[name="result-${missing[0]!.id}"]`) as HTMLInputElement | null)?.focus();
      return;
    }
    const notes = ((e.target as HTMLFormElement).elements.namedItem('notes') as HTMLTextAreaElement).value.trim();
    this.busy = true;
    this.errors = {};
    try {
      const done = await api<InspectionDto>('POST', `/api/rooms/${encodeURIComponent(plan.room)}/inspections`, {
        items: plan.checklist.map((i) => {
          const a = this.answers[i.id]!;
          return { item: i.id, result: a.result, ...(a.note.trim() ? { note: a.note.trim() } : {}), ...(a.result === 'fail' && a.openFault ? { openFault: true } : {}) };
        }),
        ...(notes ? { notes } : {}),
      });
      this.dispatchEvent(new CustomEvent('inspection-recorded', { detail: done, bubbles: true, composed: true }));
      this.open = false;
    } catch (err) {
      const errors = fieldErrors(err);
      this.errors = Object.keys(errors).length ? errors : { '': t('error.internal') };
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = this.i18n.t;
    const plan = this.plan;
    const results: Result[] = ['pass', 'fail', 'na'];
    return html`<app-dialog wide .open=${this.open} heading=${t('inspections.recordTitle')} @dialog-close=${() => { this.open = false; this.dispatchEvent(new CustomEvent('editor-close')); }}>
      ${keyed(this.session, html`<form novalidate @submit=${(e: SubmitEvent) => this.submit(e)}>
        <div role="alert">${Object.keys(this.errors).length ? html`<p class="form-error">${this.errors[''] ?? t('form.fixFields')}</p>` : nothing}</div>
        ${(plan?.checklist ?? []).map((item) => {
          const a = this.answers[item.id];
          const err = this.errors[`item-${item.id}`];
          return html`<fieldset class="item" data-item=${item.id} aria-describedby=${err ? `item-${item.id}-error` : nothing}>
            <legend>${item.label}</legend>
            <div class="choices">
              ${results.map((r) => html`<label><input type="radio" name="result-${item.id}" value=${r} .checked=${a?.result === r}
                @change=${() => this.set(item.id, { result: r })} />${t(`inspection.result.${r}`)}</label>`)}
            </div>
            ${fieldError(`item-${item.id}`, err)}
            <label for="note-${item.id}" class="visually-hidden">${t('inspections.itemNote', { item: item.label })}</label>
            <input type="text" id="note-${item.id}" placeholder=${t('inspections.notePlaceholder')} .value=${a?.note ?? ''}
              @input=${(e: Event) => this.set(item.id, { note: (e.target as HTMLInputElement).value })} />
            ${a?.result === 'fail'
              ? html`<div class="fault"><label><input type="checkbox" data-open-fault .checked=${a.openFault} @change=${(e: Event) => this.set(item.id, { openFault: (e.target as HTMLInputElement).checked })} />${t('inspections.openFault')}</label></div>`
              : nothing}
          </fieldset>`;
        })}
        <div class="field">
          <label for="notes">${t('inspections.notes')}</label>
          <textarea id="notes" name="notes" rows="2" maxlength="4000"></textarea>
        </div>
        <div class="actions">
          <button type="button" @click=${() => (this.open = false)}>${t('action.cancel')}</button>
          <button type="submit" class="primary" data-action="save-inspection" ?disabled=${this.busy}>${t('inspections.save')}</button>
        </div>
      </form>`)}
    </app-dialog>`;
  }
}
customElements.define('inspection-record', InspectionRecord);
declare global {
  interface HTMLElementTagNameMap {
    'inspection-record': InspectionRecord;
  }
}
