import { css, html, LitElement, nothing } from 'lit';
import type { InspectionDto, InspectionPlanDto } from '../../../../shared/schemas/inspections.js';
import { api } from '../api.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { actorName, date, dateTime } from '../format.js';
import { href } from '../router.js';
import { appStyles } from '../theme.js';
import { overduePill, resultPill } from '../words.js';
import './inspection-plan-editor.js';
import './inspection-record.js';

/** R11 for one room: its plan, recording an inspection, and the inspections done. */
export class InspectionRoom extends LitElement {
  static override properties = {
    roomId: { type: String }, roomName: { type: String }, names: { attribute: false }, plan: { state: true }, history: { state: true }, editing: { state: true }, recording: { state: true }, message: { state: true },
  };
  declare roomId: string;
  declare roomName: string;
  declare names: Map<string, string>;
  declare plan: InspectionPlanDto | null;
  declare history: InspectionDto[];
  declare editing: boolean;
  declare recording: boolean;
  declare message: Note | null;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      dl { display: grid; grid-template-columns: auto 1fr; gap: 0.3em 1em; margin: 0 0 0.8em; }
      dt { color: var(--muted); }
      dd { margin: 0; }
      .cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr); gap: 1em; align-items: start; }
      @media (max-width: 900px) { .cols { grid-template-columns: 1fr; } }
      ul.items { margin: 0.3em 0 0; padding-inline-start: 1.2em; }
    `,
  ];

  constructor() {
    super();
    this.roomId = '';
    this.roomName = '';
    this.names = new Map();
    this.plan = null;
    this.history = [];
    this.editing = false;
    this.recording = false;
    this.message = null;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('roomId') && this.roomId) void this.load();
  }

  private async load() {
    const room = encodeURIComponent(this.roomId);
    [this.plan, this.history] = await Promise.all([
      api<InspectionPlanDto>('GET', `/api/rooms/${room}/inspection-plan`),
      api<InspectionDto[]>('GET', `/api/rooms/${room}/inspections`),
    ]);
  }

  override render() {
    const { t, locale } = this.i18n;
    const p = this.plan;
    return html`
      <p><a href=${href('inspections')}>${t('inspections.backToList')}</a></p>
      <h1>${t('inspections.roomTitle', { room: this.roomName || this.roomId })}</h1>
      <p role="status" class=${this.message ? 'notice' : ''}>${this.message ? t(...this.message) : ''}</p>
      ${!p
        ? html`<p role="status">${t('common.loading')}</p>`
        : html`<div class="cols">
            <section class="card" aria-labelledby="plan-h">
              <h2 id="plan-h">${t('inspections.plan')}</h2>
              <dl>
                <dt>${t('inspections.every')}</dt><dd>${t('inspections.everyN', { n: p.everyDays })}</dd>
                <dt>${t('inspections.last')}</dt><dd>${p.lastInspectedAt ? html`${date(p.lastInspectedAt, locale)} ${p.lastResult ? resultPill(t, p.lastResult) : nothing}` : html`<span class="muted">${t('inspections.never')}</span>`}</dd>
                <dt>${t('inspections.due')}</dt><dd data-overdue=${String(p.overdue)}>${date(p.dueAt, locale)} ${p.overdue ? overduePill(t) : nothing}</dd>
              </dl>
              <h3>${t('inspections.checklist')}</h3>
              <ol>${p.checklist.map((i) => html`<li>${i.label}</li>`)}</ol>
              <div class="row">
                <button class="primary" data-action="record" @click=${() => (this.recording = true)}>${t('inspections.record')}</button>
                <button data-action="edit-plan" @click=${() => (this.editing = true)}>${t('inspections.editPlan')}</button>
              </div>
            </section>
            <section class="card" aria-labelledby="done-h">
              <h2 id="done-h">${t('inspections.done')}</h2>
              ${this.history.length === 0
                ? html`<p class="muted">${t('inspections.noneYet')}</p>`
                : html`<ol reversed>${this.history.map(
                    (i) => html`<li data-inspection=${i.id}>
                      <div class="row">${resultPill(t, i.result)} <strong>${dateTime(i.at, locale)}</strong> <span class="muted">${actorName(t, i.by, this.names)}</span></div>
                      <ul class="items">${i.items.filter((x) => x.result !== 'pass' || x.note).map(
                        (x) => html`<li>${resultPill(t, x.result)} ${x.label}${x.note ? ` · ${x.note}` : ''}${x.faultId ? html` · <a href=${href('faults', x.faultId)}>${t('inspections.faultOpened')}</a>` : nothing}</li>`,
                      )}</ul>
                      ${i.notes ? html`<p>${i.notes}</p>` : nothing}
                    </li>`,
                  )}</ol>`}
            </section>
          </div>`}
      <inspection-plan-editor .plan=${p} .open=${this.editing} @editor-close=${() => (this.editing = false)}
        @plan-saved=${(e: CustomEvent<InspectionPlanDto>) => { this.plan = e.detail; this.message = note('inspections.planSaved'); }}></inspection-plan-editor>
      <inspection-record .plan=${p} .open=${this.recording} @editor-close=${() => (this.recording = false)}
        @inspection-recorded=${() => { this.message = note('inspections.recorded'); void this.load(); }}></inspection-record>
    `;
  }
}
customElements.define('inspection-room', InspectionRoom);
declare global {
  interface HTMLElementTagNameMap {
    'inspection-room': InspectionRoom;
  }
}
