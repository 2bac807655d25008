import { html, LitElement, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { FaultDto } from '../../../../shared/schemas/faults.js';
import type { RoomDto } from '../../../../shared/schemas/http.js';
import { api, errorFor, fieldErrors } from '../api.js';
import '../app-dialog.js';
import { LocaleController } from '../controllers/locale.js';
import { describedBy, fieldError } from '../forms.js';
import { appStyles } from '../theme.js';
import { equipment } from '../words.js';

/**
 * R9: staff report a fault themselves (panels report with their button),
 * and may take the room out of service at once.
 *
 * @fires fault-reported - `{detail: FaultDto}`
 * @fires editor-close
 */
export class FaultReport extends LitElement {
  static override properties = { rooms: { attribute: false }, open: { type: Boolean }, room: { state: true }, errors: { state: true }, busy: { state: true } };
  declare rooms: RoomDto[];
  declare open: boolean;
  declare room: string;
  declare errors: Record<string, string>;
  declare busy: boolean;
  private readonly i18n = new LocaleController(this);
  private session = 0;
  static override styles = appStyles;

  constructor() {
    super();
    this.rooms = [];
    this.open = false;
    this.room = '';
    this.errors = {};
    this.busy = false;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('open') && this.open) {
      this.session++;
      this.errors = {};
      this.room = this.rooms[0]?.id ?? '';
    }
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const f = (e.target as HTMLFormElement).elements;
    const value = (name: string) => ((f.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
    this.busy = true;
    this.errors = {};
    try {
      const created = await api<FaultDto>('POST', '/api/faults', {
        room: this.room,
        equipment: value('equipment'),
        description: value('description'),
        outOfService: (f.namedItem('outOfService') as HTMLInputElement).checked,
      });
      this.dispatchEvent(new CustomEvent('fault-reported', { detail: created, bubbles: true, composed: true }));
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
    const room = this.rooms.find((r) => r.id === this.room);
    const choices = [...(room?.equipment ?? []), 'other'];
    const descError = errorFor(this.errors, 'description');
    return html`<app-dialog .open=${this.open} heading=${t('faults.reportTitle')} @dialog-close=${() => { this.open = false; this.dispatchEvent(new CustomEvent('editor-close')); }}>
      ${keyed(this.session, html`<form novalidate @submit=${(e: SubmitEvent) => this.submit(e)}>
        <div role="alert">${this.errors[''] ? html`<p class="form-error">${this.errors['']}</p>` : nothing}</div>
        <div class="field">
          <label for="fault-room">${t('faults.room')}</label>
          <select id="fault-room" @change=${(e: Event) => (this.room = (e.target as HTMLSelectElement).value)}>
            ${this.rooms.map((r) => html`<option value=${r.id} ?selected=${r.id === this.room}>${r.name}</option>`)}
          </select>
          ${fieldError('fault-room', errorFor(this.errors, 'room'))}
        </div>
        <div class="field">
          <label for="equipment">${t('fault.equipment')}</label>
          <select id="equipment" name="equipment">${choices.map((c) => html`<option value=${c}>${equipment(t, c)}</option>`)}</select>
        </div>
        <div class="field">
          <label for="description">${t('faults.description')}</label>
          <textarea id="description" name="description" rows="3" maxlength="2000" aria-invalid=${descError ? 'true' : 'false'} aria-describedby=${describedBy('description', descError)}></textarea>
          ${fieldError('description', descError)}
        </div>
        <label class="row"><input type="checkbox" name="outOfService" />${t('faults.takeOutOfService')}</label>
        <div class="actions">
          <button type="button" @click=${() => (this.open = false)}>${t('action.cancel')}</button>
          <button type="submit" class="primary" data-action="submit-fault" ?disabled=${this.busy || !this.room}>${t('faults.report')}</button>
        </div>
      </form>`)}
    </app-dialog>`;
  }
}
customElements.define('fault-report', FaultReport);
declare global {
  interface HTMLElementTagNameMap {
    'fault-report': FaultReport;
  }
}
