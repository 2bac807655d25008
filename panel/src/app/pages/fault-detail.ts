import { css, html, LitElement, nothing } from 'lit';
import type { FaultDto, FaultStatus } from '../../../../shared/schemas/faults.js';
import { api, ApiError, errorFor, fieldErrors } from '../api.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { actorName, dateTime, span } from '../format.js';
import { describedBy, fieldError } from '../forms.js';
import { href } from '../router.js';
import { appStyles } from '../theme.js';
import { equipment, faultPill, pill } from '../words.js';

/** R9: where each open status may go next (the hub refuses the rest with 409). */
const NEXT: Record<FaultStatus, ('acknowledged' | 'in_repair' | 'resolved' | 'rejected')[]> = {
  reported: ['acknowledged', 'in_repair', 'resolved', 'rejected'],
  acknowledged: ['in_repair', 'resolved', 'rejected'],
  in_repair: ['resolved', 'rejected'],
  resolved: [],
  rejected: [],
};

/**
 * One fault followed to the end (R9): its history (who did what when), its
 * age or time to repair, and the next steps: acknowledge, start the repair,
 * resolve, or reject with a reason; assignee, notes, and the room out of service.
 *
 * @fires fault-changed - `{detail: FaultDto}`
 */
export class FaultDetail extends LitElement {
  static override properties = { fault: { attribute: false }, names: { attribute: false }, roomName: { type: String }, errors: { state: true }, busy: { state: true }, message: { state: true } };
  declare fault: FaultDto | null;
  declare names: Map<string, string>;
  declare roomName: string;
  declare errors: Record<string, string>;
  declare busy: boolean;
  declare message: Note | null;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      .grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1em; }
      @media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
      dl { display: grid; grid-template-columns: auto 1fr; gap: 0.3em 1em; margin: 0; }
      dt { color: var(--muted); }
      dd { margin: 0; }
      ol { list-style: none; padding: 0; margin: 0; }
      ol li { border-inline-start: 3px solid var(--soft-line); padding: 0.2em 0 0.8em 0.9em; }
      textarea, input { width: 100%; }
      .steps { display: flex; flex-wrap: wrap; gap: 0.5em; }
    `,
  ];

  constructor() {
    super();
    this.fault = null;
    this.names = new Map();
    this.roomName = '';
    this.errors = {};
    this.busy = false;
    this.message = null;
  }

  private async change(status?: 'acknowledged' | 'in_repair' | 'resolved' | 'rejected') {
    const f = this.fault;
    if (!f) return;
    const t = this.i18n.t;
    const form = this.renderRoot.querySelector('form')!;
    const noteText = (form.elements.namedItem('note') as HTMLTextAreaElement).value.trim();
    const assignee = (form.elements.namedItem('assignee') as HTMLInputElement).value.trim();
    const outOfService = (form.elements.namedItem('outOfService') as HTMLInputElement).checked;
    if (status === 'rejected' && !noteText) {
      // R9: a rejected report says why; said here before the hub would refuse it.
      this.errors = { note: t('faults.rejectNeedsNote') };
      (form.elements.namedItem('note') as HTMLTextAreaElement).focus();
      return;
    }
    const body: Record<string, unknown> = {
      ...(status ? { status } : {}),
      ...(noteText ? { note: noteText } : {}),
      ...(assignee !== (f.assignee ?? '') ? { assignee: assignee || null } : {}),
      ...(outOfService !== f.outOfService ? { outOfService } : {}),
    };
    this.busy = true;
    this.errors = {};
    try {
      const updated = await api<FaultDto>('PATCH', `/api/faults/${encodeURIComponent(f.id)}`, body);
      (form.elements.namedItem('note') as HTMLTextAreaElement).value = '';
      this.message = status ? note(`faults.now.${status}`) : note('faults.savedChange');
      this.dispatchEvent(new CustomEvent('fault-changed', { detail: updated, bubbles: true, composed: true }));
    } catch (err) {
      const errors = fieldErrors(err);
      this.errors = Object.keys(errors).length
        ? errors
        : { '': err instanceof ApiError && err.code === 'invalid_state' ? t('faults.changedMeanwhile') : err instanceof ApiError && err.code === 'invalid' ? t('faults.nothingToChange') : t('error.internal') };
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const f = this.fault;
    if (!f) return nothing;
    const { t, locale } = this.i18n;
    const open = NEXT[f.status].length > 0;
    const now = Date.now();
    const noteError = errorFor(this.errors, 'note');
    const assigneeError = errorFor(this.errors, 'assignee');
    return html`
      <p><a href=${href('faults')}>${t('faults.backToQueue')}</a></p>
      <h1>${t('faults.detailTitle', { equipment: equipment(t, f.equipment), room: this.roomName || f.room })}</h1>
      <p role="status" class=${this.message ? 'notice' : ''}>${this.message ? t(...this.message) : ''}</p>
      <div class="grid">
        <section class="card" aria-labelledby="facts">
          <h2 id="facts">${t('faults.facts')}</h2>
          <dl>
            <dt>${t('faults.status')}</dt><dd data-fault-status=${f.status}>${faultPill(t, f.status)}</dd>
            <dt>${t('faults.description')}</dt><dd>${f.description || html`<span class="muted">${t('faults.noDescription')}</span>`}</dd>
            <dt>${t('faults.reportedBy')}</dt><dd>${actorName(t, f.reportedBy, this.names)} · ${dateTime(f.createdAt, locale)}</dd>
            ${f.resolvedAt
              ? html`<dt>${t(f.status === 'resolved' ? 'faults.timeToRepair' : 'faults.timeToClose')}</dt><dd data-ttr>${span(t, Date.parse(f.resolvedAt) - Date.parse(f.createdAt))}</dd>`
              : html`<dt>${t('faults.age')}</dt><dd>${span(t, now - Date.parse(f.createdAt))}</dd>`}
            <dt>${t('faults.assignee')}</dt><dd>${f.assignee ? (this.names.get(f.assignee) ?? f.assignee) : html`<span class="muted">${t('faults.nobody')}</span>`}</dd>
            <dt>${t('faults.room')}</dt><dd>${f.outOfService ? pill('bad', 'slash', t('faults.roomOutOfService')) : t('faults.roomInService')}</dd>
          </dl>
        </section>
        ${open
          ? html`<section class="card" aria-labelledby="next">
              <h2 id="next">${t('faults.nextStep')}</h2>
              <form novalidate @submit=${(e: Event) => { e.preventDefault(); void this.change(); }}>
                <div role="alert">${this.errors[''] ? html`<p class="form-error">${this.errors['']}</p>` : nothing}</div>
                <div class="field">
                  <label for="note">${t('faults.note')}</label>
                  <span class="hint" id="note-hint">${t('faults.noteHint')}</span>
                  <textarea id="note" name="note" rows="3" maxlength="2000" aria-invalid=${noteError ? 'true' : 'false'} aria-describedby=${describedBy('note', noteError, true)}></textarea>
                  ${fieldError('note', noteError)}
                </div>
                <div class="field">
                  <label for="assignee">${t('faults.assignee')}</label>
                  <span class="hint" id="assignee-hint">${t('faults.assigneeHint')}</span>
                  <input id="assignee" name="assignee" list="people" .value=${f.assignee ?? ''} autocomplete="off" aria-invalid=${assigneeError ? 'true' : 'false'} aria-describedby=${describedBy('assignee', assigneeError, true)} />
                  <datalist id="people">${[...this.names].map(([id, name]) => html`<option value=${id}>${name}</option>`)}</datalist>
                  ${fieldError('assignee', assigneeError)}
                </div>
                <label class="row"><input type="checkbox" name="outOfService" .checked=${f.outOfService} />${t('faults.takeOutOfService')}</label>
                <p class="hint">${t('faults.outOfServiceHint')}</p>
                <div class="steps">
                  ${NEXT[f.status].map(
                    (s) => html`<button type="button" class=${s === 'rejected' ? 'danger' : s === NEXT[f.status][0] ? 'primary' : ''} data-step=${s} ?disabled=${this.busy}
                      @click=${() => this.change(s)}>${t(`faults.step.${s}`)}</button>`,
                  )}
                  <button type="submit" data-step="save" ?disabled=${this.busy}>${t('faults.saveOnly')}</button>
                </div>
              </form>
            </section>`
          : nothing}
      </div>
      <section class="card" aria-labelledby="history" style="margin-top:1em">
        <h2 id="history">${t('faults.history')}</h2>
        <ol>
          ${f.history.map(
            (h) => html`<li>
              <div class="row">${faultPill(t, h.status)} <strong>${actorName(t, h.by, this.names)}</strong> <span class="muted">${dateTime(h.at, locale)}</span></div>
              ${h.note ? html`<p style="margin:0.2em 0 0">${h.note}</p>` : nothing}
              ${h.assignee !== undefined ? html`<p class="muted" style="margin:0.2em 0 0">${t('faults.assignedTo', { who: h.assignee ? (this.names.get(h.assignee) ?? h.assignee) : t('faults.nobody') })}</p>` : nothing}
            </li>`,
          )}
        </ol>
      </section>
    `;
  }
}
customElements.define('fault-detail', FaultDetail);
declare global {
  interface HTMLElementTagNameMap {
    'fault-detail': FaultDetail;
  }
}
