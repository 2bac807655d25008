import { css, html, LitElement, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { OpeningPeriod, RoomDto } from '../../../../shared/schemas/http.js';
import { api, ApiError, errorFor, fieldErrors } from '../api.js';
import '../app-dialog.js';
import { LocaleController } from '../controllers/locale.js';
import { describedBy, fieldError } from '../forms.js';
import { appStyles } from '../theme.js';
import { equipment, KNOWN_EQUIPMENT } from '../words.js';
import './opening-hours-editor.js';

/** R14's default, as the hub applies it (shared/schemas/http.ts; not imported: that would bring zod into the browser). */
const DEFAULT_OPENING_HOURS: OpeningPeriod[] = [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '18:00' }];
const TIME_ZONES: string[] = (Intl as unknown as { supportedValuesOf?(k: string): string[] }).supportedValuesOf?.('timeZone') ?? [];

/**
 * Create or edit a room (R3: capacity and equipment decide which meetings
 * fit): name, capacity, equipment, building and floor, time zone, weekly
 * opening hours (R14), privacy default (G4). The API's validation errors
 * (422 `details`) appear beside their field.
 *
 * @fires room-saved - `{detail: RoomDto}`
 */
export class RoomEditor extends LitElement {
  static override properties = { room: { attribute: false }, open: { type: Boolean }, errors: { state: true }, formError: { state: true }, busy: { state: true }, hours: { state: true } };
  declare room: RoomDto | null;
  declare open: boolean;
  declare errors: Record<string, string>;
  declare formError: string;
  declare busy: boolean;
  declare hours: OpeningPeriod[];
  private readonly i18n = new LocaleController(this);
  private session = 0;

  static override styles = [
    appStyles,
    css`
      .two { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1em; }
      .checks { display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; border: 0; padding: 0; margin: 0 0 0.8em; }
      .checks legend { font-weight: 600; margin-bottom: 0.3em; padding: 0; }
      .checks label { font-weight: 400; display: inline-flex; gap: 0.4em; align-items: center; }
      opening-hours-editor { margin-bottom: 0.8em; }
      @media (max-width: 600px) { .two { grid-template-columns: 1fr; } }
    `,
  ];

  constructor() {
    super();
    this.room = null;
    this.open = false;
    this.errors = {};
    this.formError = '';
    this.busy = false;
    this.hours = DEFAULT_OPENING_HOURS;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if ((changed.has('open') && this.open) || changed.has('room')) {
      this.session++; // a fresh form each time: nothing typed last time lingers
      this.errors = {};
      this.formError = '';
      this.hours = this.room?.openingHours ?? DEFAULT_OPENING_HOURS;
    }
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const f = (e.target as HTMLFormElement).elements;
    const value = (name: string) => ((f.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
    const checked = (name: string) => (f.namedItem(name) as HTMLInputElement | null)?.checked ?? false;
    const known = KNOWN_EQUIPMENT.filter((k) => checked(`eq-${k}`));
    const other = value('otherEquipment').split(/[,，]/).map((s) => s.trim().toLowerCase().replace(/\s+/g, '_')).filter(Boolean);
    const editing = this.room;
    const capacity = value('capacity');
    const body: Record<string, unknown> = {
      name: value('name'),
      capacity: capacity === '' ? undefined : Number(capacity),
      equipment: [...known, ...other],
      building: value('building') || (editing ? null : undefined),
      floor: value('floor') || (editing ? null : undefined),
      timeZone: value('timeZone') || undefined,
      openingHours: this.hours,
      privateByDefault: checked('privateByDefault'),
      ...(editing ? { outOfService: checked('outOfService') } : {}),
    };
    if (!editing && value('id')) body.id = value('id');
    this.busy = true;
    this.errors = {};
    this.formError = '';
    try {
      const saved = editing
        ? await api<RoomDto>('PATCH', `/api/rooms/${encodeURIComponent(editing.id)}`, body)
        : await api<RoomDto>('POST', '/api/rooms', body);
      this.dispatchEvent(new CustomEvent('room-saved', { detail: saved, bubbles: true, composed: true }));
      this.open = false;
    } catch (err) {
      this.errors = fieldErrors(err);
      const t = this.i18n.t;
      this.formError = Object.keys(this.errors).length ? t('form.fixFields') : err instanceof ApiError && err.code === 'conflict' ? t('rooms.idTaken') : t('error.internal');
    } finally {
      this.busy = false;
    }
  }

  private input(id: string, label: string, opts: { value?: string | number; type?: string; hint?: string; list?: string; disabled?: boolean; min?: number; inputmode?: string } = {}) {
    const error = errorFor(this.errors, id);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${opts.hint ? html`<span class="hint" id="${id}-hint">${opts.hint}</span>` : nothing}
      <input id=${id} name=${id} type=${opts.type ?? 'text'} .value=${String(opts.value ?? '')} list=${opts.list ?? nothing}
        ?disabled=${opts.disabled} min=${opts.min ?? nothing} inputmode=${opts.inputmode ?? nothing}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy(id, error, !!opts.hint)} />
      ${fieldError(id, error)}
    </div>`;
  }

  override render() {
    const t = this.i18n.t;
    const r = this.room;
    const eq = new Set(r?.equipment ?? []);
    const others = [...eq].filter((e) => !(KNOWN_EQUIPMENT as readonly string[]).includes(e));
    return html`<app-dialog wide .open=${this.open} heading=${r ? t('rooms.editTitle', { name: r.name }) : t('rooms.newTitle')}
      @dialog-close=${() => { this.open = false; this.dispatchEvent(new CustomEvent('editor-close')); }}>
      ${keyed(this.session, html`<form novalidate @submit=${(e: SubmitEvent) => this.submit(e)}>
        <div role="alert">${this.formError ? html`<p class="form-error">${this.formError}</p>` : nothing}</div>
        <div class="two">
          ${this.input('name', t('rooms.name'), { value: r?.name })}
          ${r ? nothing : this.input('id', t('rooms.id'), { hint: t('rooms.idHint') })}
          ${this.input('capacity', t('rooms.capacity'), { value: r?.capacity, type: 'number', min: 1, inputmode: 'numeric' })}
          ${this.input('building', t('rooms.building'), { value: r?.building ?? '' })}
          ${this.input('floor', t('rooms.floor'), { value: r?.floor ?? '' })}
          ${this.input('timeZone', t('rooms.timeZone'), { value: r?.timeZone ?? '', list: 'time-zones', hint: t('rooms.timeZoneHint') })}
        </div>
        <datalist id="time-zones">${TIME_ZONES.map((z) => html`<option value=${z}></option>`)}</datalist>
        <fieldset class="checks" aria-describedby=${describedBy('equipment', errorFor(this.errors, 'equipment'))}>
          <legend>${t('rooms.equipment')}</legend>
          ${KNOWN_EQUIPMENT.map((k) => html`<label><input type="checkbox" name="eq-${k}" .checked=${eq.has(k)} />${equipment(t, k)}</label>`)}
        </fieldset>
        ${this.input('otherEquipment', t('rooms.otherEquipment'), { value: others.join(', '), hint: t('rooms.otherEquipmentHint') })}
        ${fieldError('equipment', errorFor(this.errors, 'equipment'))}
        <opening-hours-editor .value=${this.hours} error=${errorFor(this.errors, 'openingHours') ?? ''}
          @hours-change=${(e: CustomEvent<OpeningPeriod[]>) => (this.hours = e.detail)}></opening-hours-editor>
        <div class="field">
          <label class="row" style="font-weight:600"><input type="checkbox" name="privateByDefault" .checked=${r?.privateByDefault ?? false} aria-describedby="privacy-hint" />${t('rooms.privateByDefault')}</label>
          <span class="hint" id="privacy-hint">${t('rooms.privateHint')}</span>
        </div>
        ${r
          ? html`<div class="field">
              <label class="row"><input type="checkbox" name="outOfService" .checked=${r.outOfService} aria-describedby="oos-hint" />${t('rooms.outOfService')}</label>
              <span class="hint" id="oos-hint">${t('rooms.outOfServiceHint')}</span>
            </div>`
          : nothing}
        <div class="actions">
          <button type="button" @click=${() => (this.open = false)}>${t('action.cancel')}</button>
          <button type="submit" class="primary" data-action="save-room" ?disabled=${this.busy}>${this.busy ? t('action.working') : t('common.save')}</button>
        </div>
      </form>`)}
    </app-dialog>`;
  }
}
customElements.define('room-editor', RoomEditor);
declare global {
  interface HTMLElementTagNameMap {
    'room-editor': RoomEditor;
  }
}
