import { css, html, LitElement, nothing } from 'lit';
import type { ActionDto } from '../../../../shared/schemas/meetings.js';
import { api, errorFor, fieldErrors } from '../api.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { date, dateTime } from '../format.js';
import { describedBy, fieldError } from '../forms.js';
import { href } from '../router.js';
import { appStyles } from '../theme.js';
import { toWall } from '../zoned.js';
import { actionPill, dayEnd, failure, feedback, RATINGS } from './meeting-words.js';

/** The fields written in a text box of the card, whose refusal is said beside it. */
const BESIDE = /^(plan|progress|report|overdueReason|remedy|answer\d*|evaluationText)$/;

/**
 * One action item and what may be done with it (C4-C7): its owner plans it,
 * logs progress, raises problems with the host, reports its completion (C5)
 * and, once it is overdue, says why and what will fix it (C7: asked first,
 * it goes to the next meeting's agenda); the host (`follows`) answers problems,
 * evaluates it once done (C6), hands it to another owner, moves its deadline
 * and reopens it when the work turns out not to be finished.
 *
 * @fires action-changed - `{detail: ActionDto}`
 */
export class ActionCard extends LitElement {
  static override properties = {
    zone: { type: String },
    action: { attribute: false },
    mine: { type: Boolean },
    follows: { type: Boolean },
    names: { attribute: false },
    fields: { state: true },
    errors: { state: true },
    message: { state: true },
    error: { state: true },
  };
  /** The room's time zone: times are shown as the room reads them. */
  declare zone: string | undefined;
  declare action: ActionDto | null;
  /** The caller owns it. */
  declare mine: boolean;
  /** The caller runs its meeting (host, delegate) or is the administration office. */
  declare follows: boolean;
  declare names: Map<string, string>;
  declare fields: Record<string, string>;
  declare errors: Record<string, string>;
  declare message: Note | null;
  declare error: string;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      article { background: #fff; border: 1px solid var(--soft-line); border-radius: 10px; padding: 0.8em 1em; }
      article.overdue { border: 2px solid var(--danger); }
      .head { display: flex; flex-wrap: wrap; gap: 0.4em 0.8em; align-items: baseline; justify-content: space-between; }
      h3 { margin: 0; overflow-wrap: anywhere; }
      .meta { color: var(--muted); }
      ol.log { margin: 0.3em 0; padding-inline-start: 1.2em; }
      .analysis { border-inline-start: 4px solid var(--danger); padding: 0.2em 0 0.2em 0.8em; margin: 0.6em 0; }
      textarea { width: 100%; min-height: 3.5em; }
      details { margin-top: 0.5em; }
      summary { cursor: pointer; font-weight: 600; min-height: 32px; }
      .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1em; }
      @media (max-width: 700px) { .grid { grid-template-columns: 1fr; } }
    `,
  ];

  constructor() {
    super();
    this.zone = undefined;
    this.action = null;
    this.mine = false;
    this.follows = false;
    this.names = new Map();
    this.fields = {};
    this.errors = {};
    this.message = null;
    this.error = '';
  }

  private set(field: string, v: string) {
    this.fields = { ...this.fields, [field]: v };
  }

  private async patch(body: Record<string, unknown>, done: Note) {
    try {
      const a = await api<ActionDto>('PATCH', `/api/actions/${encodeURIComponent(this.action!.id)}`, body);
      this.action = a;
      this.fields = {};
      this.errors = {};
      this.error = '';
      this.message = done;
      this.dispatchEvent(new CustomEvent('action-changed', { detail: a, bubbles: true, composed: true }));
    } catch (err) {
      this.errors = fieldErrors(err);
      // Said beside its text box when it is one of them; otherwise (owner, deadline, status) said above.
      this.error = Object.keys(this.errors).some((k) => BESIDE.test(k)) ? '' : failure(this.i18n.t, err);
    }
  }

  private area(field: string, label: string) {
    const id = `${this.action!.id}-${field}`;
    const err = errorFor(this.errors, field);
    return html`<div class="field"><label for=${id}>${label}</label>
      <textarea id=${id} data-field=${field} .value=${this.fields[field] ?? ''} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${describedBy(id, err)}
        @input=${(e: Event) => this.set(field, (e.target as HTMLTextAreaElement).value)}></textarea>${fieldError(id, err)}</div>`;
  }

  private who(ref: string) {
    const id = ref.replace(/^user:/, '');
    return this.names.get(id) ?? id;
  }

  override render() {
    const { t, locale } = this.i18n;
    const a = this.action;
    if (!a) return nothing;
    const f = this.fields;
    const open = a.status !== 'done';
    return html`<article class=${a.overdue ? 'overdue' : ''} data-action-item=${a.id} data-overdue=${a.overdue ? 'true' : 'false'} aria-labelledby=${`${a.id}-h`}>
      <div class="head"><h3 id=${`${a.id}-h`}>${a.text}</h3>${actionPill(t, a)}</div>
      <p class="meta">${t('actionItem.ownerDeadline', { owner: a.ownerName ?? this.who(a.owner), deadline: dateTime(a.deadline, locale, this.zone) })}
        ${a.meeting ? html` · <a href=${href('meetings', a.booking, 'outcomes')}>${t('actionItem.from', { title: a.meeting.title, date: date(a.meeting.start, locale) })}</a>` : nothing}</p>
      ${feedback(t, this.message, this.error)}
      ${a.overdue || a.overdueReason ? this.analysis(a) : nothing}
      ${a.plan ? html`<p><strong>${t('actionItem.plan')}</strong> ${a.plan}</p>` : nothing}
      ${a.progress.length ? html`<p><strong>${t('actionItem.progress')}</strong></p><ol class="log">${a.progress.map((p) => html`<li>${dateTime(p.at, locale, this.zone)} · ${p.text}</li>`)}</ol>` : nothing}
      ${
        a.problems.length
          ? html`<p><strong>${t('actionItem.problems')}</strong></p><ol class="log">${a.problems.map(
              (p, i) => html`<li data-problem=${i}>${dateTime(p.at, locale, this.zone)} · ${p.text}
            ${p.answer ? html`<div>${t('actionItem.answer', { name: this.who(p.answeredBy ?? ''), text: p.answer })}</div>` : this.follows ? this.answerForm(i) : nothing}</li>`,
            )}</ol>`
          : nothing
      }
      ${a.report ? html`<p data-report><strong>${t('actionItem.report')}</strong> ${a.report}</p>` : nothing}
      ${a.evaluation ? html`<p data-evaluation><strong>${t('actionItem.evaluation')}</strong> ${t(`actionItem.rating.${a.evaluation.rating}`)}${a.evaluation.text ? ` · ${a.evaluation.text}` : ''}</p>` : nothing}
      ${
        this.mine && open
          ? html`<details>
            <summary>${t('actionItem.update')}</summary>
            ${a.plan ? nothing : html`${this.area('plan', t('actionItem.plan'))}<div class="actions"><button data-action="save-plan" @click=${() => this.patch({ plan: f.plan ?? '', status: 'in_progress' }, note('actionItem.planSaved'))}>${t('actionItem.savePlan')}</button></div>`}
            ${this.area('progress', t('actionItem.progressNew'))}
            <div class="actions">
              <button data-action="log-progress" @click=${() => this.patch({ progress: f.progress ?? '', ...(a.status === 'open' ? { status: 'in_progress' } : {}) }, note('actionItem.progressSaved'))}>${t('actionItem.logProgress')}</button>
              <button data-action="raise-problem" @click=${() => this.patch({ problem: f.progress ?? '' }, note('actionItem.problemRaised'))}>${t('actionItem.raiseProblem')}</button>
            </div>
            ${this.area('report', t('actionItem.reportNew'))}
            <div class="actions"><button class="primary" data-action="mark-done" @click=${() => this.patch({ status: 'done', report: f.report ?? '' }, note('actionItem.doneSaved'))}>${t('actionItem.markDone')}</button></div>
          </details>`
          : nothing
      }
      ${this.follows && a.status === 'done' && !a.evaluation ? this.evaluationForm() : nothing}
      ${this.follows ? this.hostTools(a) : nothing}
    </article>`;
  }

  /** C7: overdue: why, and what will fix it (the owner writes it; the next meeting reads it). */
  private analysis(a: ActionDto) {
    const t = this.i18n.t;
    return html`<div class="analysis" data-analysis=${a.analysisMissing ? 'missing' : 'given'}>
      ${a.analysisMissing ? html`<p><strong>${t('actionItem.analysisMissing')}</strong></p>` : html`<p><strong>${t('actionItem.overdueReason')}</strong> ${a.overdueReason}</p><p><strong>${t('actionItem.remedy')}</strong> ${a.remedy}</p>`}
      ${
        this.mine && a.analysisMissing
          ? html`<div class="grid">${this.area('overdueReason', t('actionItem.overdueReason'))}${this.area('remedy', t('actionItem.remedy'))}</div>
            <div class="actions"><button class="primary" data-action="save-analysis"
              @click=${() => this.patch({ overdueReason: this.fields.overdueReason ?? '', remedy: this.fields.remedy ?? '' }, note('actionItem.analysisSaved'))}>${t('actionItem.saveAnalysis')}</button></div>`
          : nothing
      }
    </div>`;
  }

  private answerForm(i: number) {
    const t = this.i18n.t;
    const field = `answer${i}`;
    return html`${this.area(field, t('actionItem.answerLabel'))}<div class="actions"><button data-action="answer-problem"
      @click=${() => this.patch({ answer: { problem: i, text: this.fields[field] ?? '' } }, note('actionItem.answered'))}>${t('actionItem.sendAnswer')}</button></div>`;
  }

  /** The host's changes: another owner, a new deadline (a day: 18:00 in the room's zone), or reopened once done. */
  private hostTools(a: ActionDto) {
    const t = this.i18n.t;
    const f = this.fields;
    const id = (k: string) => `${a.id}-${k}`;
    const owner = f.owner ?? a.owner;
    const deadline = f.deadline ?? toWall(Date.parse(a.deadline), this.zone).date;
    const changed = { ...(owner !== a.owner ? { owner } : {}), ...(f.deadline && dayEnd(f.deadline, this.zone) !== a.deadline ? { deadline: dayEnd(f.deadline, this.zone) } : {}) };
    const names = [...this.names.entries()].sort((x, y) => x[1].localeCompare(y[1]));
    return html`<details data-host-tools>
      <summary>${t('actionItem.hostTools')}</summary>
      <div class="grid">
        <div class="field"><label for=${id('owner')}>${t('actionItem.newOwner')}</label>
          <select id=${id('owner')} data-field="owner" @change=${(e: Event) => this.set('owner', (e.target as HTMLSelectElement).value)}>
            ${names.some(([p]) => p === a.owner) ? nothing : html`<option value=${a.owner} selected>${this.who(a.owner)}</option>`}
            ${names.map(([p, name]) => html`<option value=${p} ?selected=${p === owner}>${name}</option>`)}
          </select></div>
        <div class="field"><label for=${id('deadline')}>${t('actionItem.newDeadline')}</label>
          <input id=${id('deadline')} data-field="deadline" type="date" .value=${deadline} @input=${(e: Event) => this.set('deadline', (e.target as HTMLInputElement).value)} /></div>
      </div>
      <div class="actions">
        <button data-action="reassign" ?disabled=${!Object.keys(changed).length} @click=${() => this.patch(changed, note('actionItem.reassigned'))}>${t('actionItem.saveChanges')}</button>
        ${a.status === 'done' ? html`<button data-action="reopen" @click=${() => this.patch({ status: 'in_progress' }, note('actionItem.reopened'))}>${t('actionItem.reopen')}</button>` : nothing}
      </div>
    </details>`;
  }

  private evaluationForm() {
    const t = this.i18n.t;
    const id = `${this.action!.id}-rating`;
    return html`<div class="card">
      <div class="field"><label for=${id}>${t('actionItem.evaluation')}</label>
        <select id=${id} data-field="rating" @change=${(e: Event) => this.set('rating', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.fields.rating}>${t('actionItem.chooseRating')}</option>
          ${RATINGS.map((r) => html`<option value=${r} ?selected=${this.fields.rating === r}>${t(`actionItem.rating.${r}`)}</option>`)}
        </select></div>
      ${this.area('evaluationText', t('actionItem.evaluationText'))}
      <div class="actions"><button class="primary" data-action="evaluate" ?disabled=${!this.fields.rating}
        @click=${() => this.patch({ evaluation: { rating: this.fields.rating, text: this.fields.evaluationText ?? '' } }, note('actionItem.evaluated'))}>${t('actionItem.evaluate')}</button></div>
    </div>`;
  }
}
customElements.define('action-card', ActionCard);
declare global {
  interface HTMLElementTagNameMap {
    'action-card': ActionCard;
  }
}
