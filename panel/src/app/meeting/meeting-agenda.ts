import { css, html, LitElement, nothing } from 'lit';
import type { UserDto } from '../../../../shared/schemas/http.js';
import type { AgendaDto, AgendaSection, MeetingDto } from '../../../../shared/schemas/meetings.js';
import { api, ApiError, errorFor, fieldErrors } from '../api.js';
import { LocaleController } from '../controllers/locale.js';
import { date, dateTime } from '../format.js';
import { describedBy, fieldError } from '../forms.js';
import { appStyles } from '../theme.js';
import { actionPill, confirmRemoval, failure, holdsRole, meetingSwitched, minutesPill, RUNS, SECTIONS } from './meeting-words.js';

type Item = AgendaDto['sections'][number]['items'][number];

/**
 * The agenda (M5): the six fixed sections in order, readable on a phone. For
 * a meeting in a series, section (a) brings the previous meeting's minutes to
 * confirm and every overdue action of the series with its owner's analysis
 * (C7), as the hub computes them. The host (or delegate) adds items, edits
 * them, moves them up or down within their section by buttons (keyboard and
 * touch alike, no dragging) and removes them after an "are you sure".
 */
export class MeetingAgenda extends LitElement {
  static override properties = {
    zone: { type: String },
    meeting: { attribute: false },
    people: { attribute: false },
    agenda: { state: true },
    section: { state: true },
    title: { state: true },
    notes: { state: true },
    errors: { state: true },
    editing: { state: true },
    draft: { state: true },
    removing: { state: true },
    error: { state: true },
  };
  /** The room's time zone: times are shown as the room reads them. */
  declare zone: string | undefined;
  declare meeting: MeetingDto | null;
  declare people: Map<string, UserDto>;
  declare agenda: AgendaDto | null;
  declare section: AgendaSection;
  declare title: string;
  declare notes: string;
  declare errors: Record<string, string>;
  /** The item being edited in place, and its fields as typed. */
  declare editing: string | null;
  declare draft: { section: AgendaSection; title: string; notes: string };
  /** The item waiting for "are you sure" before it is removed. */
  declare removing: Item | null;
  declare error: string;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      ol.sections { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.8em; }
      ol.sections > li { background: #fff; border: 1px solid var(--soft-line); border-radius: 10px; padding: 0.8em 1em; }
      h3 { display: flex; gap: 0.5em; align-items: baseline; }
      .letter { font-weight: 800; color: var(--accent); }
      ul.items { margin: 0; padding-inline-start: 1.2em; display: grid; gap: 0.4em; }
      .notes { white-space: pre-wrap; color: var(--muted); overflow-wrap: anywhere; }
      .carried { border-inline-start: 4px solid var(--warn); padding-inline-start: 0.7em; margin: 0.5em 0; }
      .carried .text { white-space: pre-wrap; max-height: 14em; overflow: auto; overflow-wrap: anywhere; }
      form { margin-top: 1em; }
      .tools { display: flex; flex-wrap: wrap; gap: 0.3em; margin-top: 0.3em; }
      .tools button { min-height: 36px; padding: 0.2em 0.6em; }
      form.edit { margin: 0.3em 0 0.6em; }
      form .grid { display: grid; grid-template-columns: minmax(0, 14em) minmax(0, 1fr); gap: 0 1em; }
      form input, form select, form textarea { width: 100%; }
      @media (max-width: 600px) { form .grid { grid-template-columns: 1fr; } }
    `,
  ];

  constructor() {
    super();
    this.zone = undefined;
    this.meeting = null;
    this.people = new Map();
    this.agenda = null;
    this.section = 'c';
    this.title = '';
    this.notes = '';
    this.errors = {};
    this.editing = null;
    this.draft = { section: 'c', title: '', notes: '' };
    this.removing = null;
    this.error = '';
  }

  override updated(changed: Map<string, unknown>) {
    if (meetingSwitched(changed, this.meeting)) void this.load();
  }

  private async load() {
    this.agenda = await api<AgendaDto>('GET', `/api/bookings/${encodeURIComponent(this.meeting!.booking)}/agenda`);
  }

  private async add(e: Event) {
    e.preventDefault();
    try {
      await api('POST', `/api/bookings/${encodeURIComponent(this.meeting!.booking)}/agenda`, { section: this.section, title: this.title, ...(this.notes.trim() ? { notes: this.notes } : {}) });
      this.title = '';
      this.notes = '';
      this.errors = {};
      await this.load();
    } catch (err) {
      this.errors = { ...fieldErrors(err), ...(err instanceof ApiError && err.status !== 422 ? { form: err.message } : {}) };
    }
  }

  private itemPath(id: string) {
    return `/api/bookings/${encodeURIComponent(this.meeting!.booking)}/agenda/${encodeURIComponent(id)}`;
  }

  /** Runs a change to one item, reloads, and puts the keyboard focus back on `focus` (inside that item) when given. */
  private async change(run: () => Promise<unknown>, focus?: string) {
    try {
      await run();
      this.error = '';
      await this.load();
      if (focus) {
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>(focus)?.focus();
      }
    } catch (err) {
      this.error = failure(this.i18n.t, err);
    }
  }

  /** Up or down one place within its section (the hub renumbers the others). */
  private move(item: Item, index: number, by: -1 | 1, count: number) {
    const to = index + by;
    // Focus stays on the same button unless the item reached the end it was moving to.
    const edge = to === 0 ? 'move-down' : to === count - 1 ? 'move-up' : by < 0 ? 'move-up' : 'move-down';
    void this.change(() => api('PATCH', this.itemPath(item.id), { position: to }), `li[data-item="${item.id}"] [data-action="${edge}"]`);
  }

  private startEdit(item: Item) {
    this.editing = item.id;
    this.draft = { section: item.section, title: item.title, notes: item.notes };
    this.errors = {};
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#edit-title-${item.id}`)?.focus());
  }

  /** Cancel (or Escape): nothing saved, the focus back on the item's Edit button. */
  private cancelEdit(item: Item) {
    this.editing = null;
    this.errors = {};
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`li[data-item="${item.id}"] [data-action="edit-item"]`)?.focus());
  }

  private async saveEdit(e: Event, item: Item) {
    e.preventDefault();
    const d = this.draft;
    try {
      await api('PATCH', this.itemPath(item.id), { title: d.title, notes: d.notes, ...(d.section !== item.section ? { section: d.section } : {}) });
      this.editing = null;
      this.errors = {};
      this.error = '';
      await this.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`li[data-item="${item.id}"] [data-action="edit-item"]`)?.focus();
    } catch (err) {
      this.errors = fieldErrors(err);
      this.error = Object.keys(this.errors).length ? '' : failure(this.i18n.t, err);
    }
  }

  private removeItem() {
    const item = this.removing!;
    this.removing = null;
    void this.change(() => api('DELETE', this.itemPath(item.id)), 'form [data-action="add-item"]');
  }

  private name(id: string | null) {
    return id ? (this.people.get(id)?.name ?? id) : '';
  }

  override render() {
    const { t } = this.i18n;
    const a = this.agenda;
    if (!a || !this.meeting) return html`<p role="status">${t('common.loading')}</p>`;
    const edit = holdsRole(this.meeting, RUNS);
    return html`
      <h2>${t('agenda.title')}</h2>
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      <ol class="sections">
        ${a.sections.map(
          (s) => html`<li data-section=${s.section}>
            <h3><span class="letter" aria-hidden="true">(${s.section})</span><span>${t(`agenda.section.${s.section}`)}</span></h3>
            ${s.section === 'a' ? this.carried() : nothing}
            ${
              s.items.length
                ? html`<ul class="items">${s.items.map((i, n) => html`<li data-item=${i.id}>${this.editing === i.id ? this.editForm(i) : html`<strong>${i.title}</strong>${i.presenter ? html` · ${this.name(i.presenter)}` : nothing}${i.notes ? html`<div class="notes">${i.notes}</div>` : nothing}${edit ? this.itemTools(i, n, s.items.length) : nothing}`}</li>`)}</ul>`
                : s.section === 'a'
                  ? nothing
                  : html`<p class="muted">${t('agenda.noItems')}</p>`
            }
          </li>`,
        )}
      </ol>
      ${edit ? this.form() : nothing}
      ${confirmRemoval(t, { open: this.removing !== null, heading: t('agenda.removeTitle', { title: this.removing?.title ?? '' }), body: t('agenda.removeBody'), confirm: t('agenda.remove'), action: 'confirm-remove-item', cancel: () => (this.removing = null), go: () => this.removeItem() })}
    `;
  }

  /** The host's buttons on one item; each names its item for a screen reader. */
  private itemTools(i: Item, n: number, count: number) {
    const t = this.i18n.t;
    const which = html`<span class="visually-hidden"> ${i.title}</span>`;
    return html`<div class="tools">
      <button type="button" data-action="move-up" ?disabled=${n === 0} @click=${() => this.move(i, n, -1, count)}><span aria-hidden="true">↑</span> ${t('agenda.moveUp')}${which}</button>
      <button type="button" data-action="move-down" ?disabled=${n === count - 1} @click=${() => this.move(i, n, 1, count)}><span aria-hidden="true">↓</span> ${t('agenda.moveDown')}${which}</button>
      <button type="button" data-action="edit-item" @click=${() => this.startEdit(i)}>${t('agenda.edit')}${which}</button>
      <button type="button" class="danger" data-action="remove-item" @click=${() => (this.removing = i)}>${t('agenda.remove')}${which}</button>
    </div>`;
  }

  private editForm(i: Item) {
    const t = this.i18n.t;
    const e = this.errors;
    const d = this.draft;
    const id = (f: string) => `edit-${f}-${i.id}`;
    return html`<form class="edit" data-edit=${i.id} @submit=${(ev: Event) => this.saveEdit(ev, i)} @keydown=${(ev: KeyboardEvent) => ev.key === 'Escape' && this.cancelEdit(i)} aria-label=${t('agenda.editTitle', { title: i.title })}>
      <div class="grid">
        <div class="field"><label for=${id('section')}>${t('agenda.sectionLabel')}</label>
          <select id=${id('section')} @change=${(ev: Event) => (this.draft = { ...d, section: (ev.target as HTMLSelectElement).value as AgendaSection })}>
            ${SECTIONS.map((s) => html`<option value=${s} ?selected=${s === d.section}>(${s}) ${t(`agenda.section.${s}`)}</option>`)}
          </select></div>
        <div class="field"><label for=${id('title')}>${t('agenda.itemTitle')}</label>
          <input id=${id('title')} required .value=${d.title} aria-invalid=${errorFor(e, 'title') ? 'true' : 'false'} aria-describedby=${describedBy(id('title'), errorFor(e, 'title'))}
            @input=${(ev: Event) => (this.draft = { ...d, title: (ev.target as HTMLInputElement).value })} />${fieldError(id('title'), errorFor(e, 'title'))}</div>
      </div>
      <div class="field"><label for=${id('notes')}>${t('agenda.itemNotes')}</label>
        <textarea id=${id('notes')} .value=${d.notes} @input=${(ev: Event) => (this.draft = { ...d, notes: (ev.target as HTMLTextAreaElement).value })}></textarea></div>
      <div class="actions">
        <button type="button" data-action="cancel-edit" @click=${() => this.cancelEdit(i)}>${t('action.cancel')}</button>
        <button class="primary" type="submit" data-action="save-item">${t('agenda.save')}</button>
      </div>
    </form>`;
  }

  /** Section (a): the previous meeting's minutes and the series' overdue actions (C7). */
  private carried() {
    const { t, locale } = this.i18n;
    const { previousMeeting: p, overdueActions } = this.agenda!.carriedOver;
    if (!p && !overdueActions.length) return html`<p class="muted">${t('agenda.noPrevious')}</p>`;
    return html`
      ${
        p
          ? html`<div class="carried" data-previous=${p.booking}>
            <p><strong>${t('agenda.previous', { title: p.title, date: date(p.start, locale) })}</strong> ${minutesPill(t, { status: p.minutesStatus })} · ${t('agenda.confirmedBy', { n: p.confirmations })}</p>
            ${p.minutes ? html`<details><summary>${t('agenda.readPrevious')}</summary><div class="text">${p.minutes}</div></details>` : nothing}
          </div>`
          : nothing
      }
      ${
        overdueActions.length
          ? html`<div class="carried" data-overdue-actions=${overdueActions.length}>
            <p><strong>${t('agenda.overdue', { n: overdueActions.length })}</strong></p>
            <ul class="items">
              ${overdueActions.map(
                (x) => html`<li data-action-item=${x.id}>${x.text} ${actionPill(t, x)}
                  <div class="muted">${t('actionItem.ownerDeadline', { owner: x.ownerName ?? this.name(x.owner), deadline: dateTime(x.deadline, locale, this.zone) })}</div>
                  ${
                    x.analysisMissing
                      ? html`<div data-analysis="missing">${t('actionItem.analysisMissing')}</div>`
                      : html`<div data-analysis="given"><strong>${t('actionItem.overdueReason')}</strong> ${x.overdueReason} · <strong>${t('actionItem.remedy')}</strong> ${x.remedy}</div>`
                  }
                </li>`,
              )}
            </ul>
          </div>`
          : nothing
      }
    `;
  }

  private form() {
    const t = this.i18n.t;
    const e = this.errors;
    return html`<form class="card" @submit=${(ev: Event) => this.add(ev)} aria-labelledby="add-item-h">
      <h3 id="add-item-h">${t('agenda.add')}</h3>
      ${e.form ? html`<p class="form-error" role="alert">${e.form}</p>` : nothing}
      <div class="grid">
        <div class="field"><label for="item-section">${t('agenda.sectionLabel')}</label>
          <select id="item-section" .value=${this.section} @change=${(ev: Event) => (this.section = (ev.target as HTMLSelectElement).value as AgendaSection)}>
            ${SECTIONS.map((s) => html`<option value=${s} ?selected=${s === this.section}>(${s}) ${t(`agenda.section.${s}`)}</option>`)}
          </select></div>
        <div class="field"><label for="item-title">${t('agenda.itemTitle')}</label>
          <input id="item-title" required .value=${this.title} aria-invalid=${errorFor(e, 'title') ? 'true' : 'false'} aria-describedby=${describedBy('item-title', errorFor(e, 'title'))}
            @input=${(ev: Event) => (this.title = (ev.target as HTMLInputElement).value)} />${fieldError('item-title', errorFor(e, 'title'))}</div>
      </div>
      <div class="field"><label for="item-notes">${t('agenda.itemNotes')}</label>
        <textarea id="item-notes" .value=${this.notes} @input=${(ev: Event) => (this.notes = (ev.target as HTMLTextAreaElement).value)}></textarea></div>
      <div class="actions"><button class="primary" type="submit" data-action="add-item">${t('agenda.addButton')}</button></div>
    </form>`;
  }
}
customElements.define('meeting-agenda', MeetingAgenda);
declare global {
  interface HTMLElementTagNameMap {
    'meeting-agenda': MeetingAgenda;
  }
}
