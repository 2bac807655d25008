import { css, html, LitElement, nothing } from 'lit';
import type { UserDto } from '../../../../shared/schemas/http.js';
import type { ActionDto, MeetingDto } from '../../../../shared/schemas/meetings.js';
import { api, errorFor, fieldErrors } from '../api.js';
import { LocaleController, note, type Note } from '../controllers/locale.js';
import { dateTime } from '../format.js';
import { describedBy, fieldError } from '../forms.js';
import { href } from '../router.js';
import { appStyles } from '../theme.js';
import { AUDIENCE, dayEnd, failure, feedback, holdsRole, KEEPS_RECORD, meetingSwitched, RUNS } from './meeting-words.js';
import './action-card.js';

interface Decision {
  id: string;
  text: string;
  owner: string;
  deadline: string;
  action: string | null;
}
interface Vote {
  id: string;
  question: string;
  options: string[];
  status: 'open' | 'closed';
  voters: string[];
  result: { counts: Record<string, number>; winner: string | null; ballots: number } | null;
}
type Kind = 'decision' | 'action';

/**
 * What the meeting settled (M6, M7, G5): votes of those present, decisions
 * (each with an owner and a deadline, refused without them) and action items
 * followed afterwards on "My actions" (C4-C7).
 */
export class MeetingOutcomes extends LitElement {
  static override properties = {
    zone: { type: String },
    meeting: { attribute: false },
    people: { attribute: false },
    me: { attribute: false },
    decisions: { state: true },
    actions: { state: true },
    votes: { state: true },
    drafts: { state: true },
    errors: { state: true },
    message: { state: true },
    error: { state: true },
  };
  /** The room's time zone: times are shown as the room reads them. */
  declare zone: string | undefined;
  declare meeting: MeetingDto | null;
  declare people: Map<string, UserDto>;
  declare me: UserDto | null;
  declare decisions: Decision[];
  declare actions: ActionDto[];
  declare votes: Vote[];
  /** The forms' fields by form: `decision`, `action`, `vote`. */
  declare drafts: Record<string, Record<string, string>>;
  declare errors: Record<string, Record<string, string>>;
  declare message: Note | null;
  declare error: string;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      section { margin-bottom: 1.4em; }
      h4 { margin: 0 0 0.5em; }
      ul.list { list-style: none; margin: 0 0 0.8em; padding: 0; display: grid; gap: 0.5em; }
      ul.list.plain > li { background: none; border: 0; padding: 0; }
      ul.list > li { background: #fff; border: 1px solid var(--soft-line); border-radius: 10px; padding: 0.6em 0.8em; }
      .meta { color: var(--muted); font-size: 0.92em; }
      .grid { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr) minmax(0, 1fr); gap: 0 1em; }
      textarea, input, select { width: 100%; }
      @media (max-width: 700px) { .grid { grid-template-columns: 1fr; } }
    `,
  ];

  constructor() {
    super();
    this.zone = undefined;
    this.meeting = null;
    this.people = new Map();
    this.me = null;
    this.decisions = [];
    this.actions = [];
    this.votes = [];
    this.drafts = { decision: {}, action: {}, vote: {} };
    this.errors = {};
    this.message = null;
    this.error = '';
  }

  override updated(changed: Map<string, unknown>) {
    if (meetingSwitched(changed, this.meeting)) void this.load();
  }

  private get path() {
    return `/api/bookings/${encodeURIComponent(this.meeting!.booking)}`;
  }

  private async load() {
    [this.decisions, this.actions, this.votes] = await Promise.all([
      api<Decision[]>('GET', `${this.path}/decisions`),
      api<ActionDto[]>('GET', `${this.path}/actions`),
      api<Vote[]>('GET', `${this.path}/votes`),
    ]);
  }

  private set(form: string, field: string, v: string) {
    this.drafts = { ...this.drafts, [form]: { ...this.drafts[form], [field]: v } };
  }

  private async run(form: string, call: () => Promise<unknown>, done: Note) {
    try {
      await call();
      this.drafts = { ...this.drafts, [form]: {} };
      this.errors = { ...this.errors, [form]: {} };
      this.message = done;
      this.error = '';
      await this.load();
    } catch (err) {
      const fields = fieldErrors(err);
      this.errors = { ...this.errors, [form]: fields };
      this.error = Object.keys(fields).length ? '' : failure(this.i18n.t, err);
    }
  }

  private record(e: Event, kind: Kind) {
    e.preventDefault();
    const d = this.drafts[kind]!;
    // G5: owner and deadline are required; the hub says which is missing, beside its field.
    const body = { text: d.text ?? '', owner: d.owner ?? '', ...(d.deadline ? { deadline: dayEnd(d.deadline, this.zone) } : {}) };
    void this.run(kind, () => api('POST', `${this.path}/${kind === 'decision' ? 'decisions' : 'actions'}`, body), note(kind === 'decision' ? 'outcomes.decisionRecorded' : 'outcomes.actionRecorded'));
  }

  private openVote(e: Event) {
    e.preventDefault();
    const d = this.drafts.vote!;
    const options = (d.options ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    void this.run('vote', () => api('POST', `${this.path}/votes`, { question: d.question ?? '', options }), note('outcomes.voteOpened'));
  }

  private names() {
    return new Map([...this.people.values()].map((p) => [p.id, p.name]));
  }

  private name(id: string) {
    return this.people.get(id)?.name ?? id;
  }

  override render() {
    const t = this.i18n.t;
    const m = this.meeting;
    if (!m) return html`<p role="status">${t('common.loading')}</p>`;
    const may = (roles: readonly string[]) => holdsRole(m, roles);
    return html`
      <h2>${t('outcomes.title')}</h2>
      ${feedback(t, this.message, this.error)}
      ${this.votesSection(may(RUNS), may(AUDIENCE))}
      <section aria-labelledby="dec-h">
        <h3 id="dec-h">${t('outcomes.decisions')}</h3>
        ${
          this.decisions.length
            ? html`<ul class="list">${this.decisions.map(
                (d) => html`<li data-decision=${d.id}><strong>${d.text}</strong>
              <div class="meta">${t('actionItem.ownerDeadline', { owner: this.name(d.owner), deadline: dateTime(d.deadline, this.i18n.locale, this.zone) })}</div></li>`,
              )}</ul>`
            : html`<p class="muted">${t('outcomes.noDecisions')}</p>`
        }
        ${may(KEEPS_RECORD) ? this.outcomeForm('decision') : nothing}
      </section>
      <section aria-labelledby="act-h">
        <h3 id="act-h">${t('outcomes.actions')}</h3>
        ${
          this.actions.length
            ? html`<ul class="list plain">${this.actions.map(
                (a) => html`<li><action-card .zone=${this.zone} .action=${a} .names=${this.names()} ?mine=${a.owner === this.me?.id} ?follows=${may(RUNS)}
              @action-changed=${() => void this.load()}></action-card></li>`,
              )}</ul>`
            : html`<p class="muted">${t('outcomes.noActions')}</p>`
        }
        <p><a href=${href('actions')}>${t('outcomes.followOnActions')}</a></p>
        ${may(KEEPS_RECORD) ? this.outcomeForm('action') : nothing}
      </section>
    `;
  }

  /** One form for a decision or an action: what, who (owner) and by when (deadline); G5. */
  private outcomeForm(kind: Kind) {
    const t = this.i18n.t;
    const m = this.meeting!;
    const d = this.drafts[kind]!;
    const e = this.errors[kind] ?? {};
    const id = (f: string) => `${kind}-${f}`;
    const input = (f: string) => (ev: Event) => this.set(kind, f, (ev.target as HTMLInputElement).value);
    return html`<form class="card" data-form=${kind} @submit=${(ev: Event) => this.record(ev, kind)} aria-labelledby=${id('h')} novalidate>
      <h4 id=${id('h')}>${t(kind === 'decision' ? 'outcomes.newDecision' : 'outcomes.newAction')}</h4>
      <div class="grid">
        <div class="field"><label for=${id('text')}>${t(kind === 'decision' ? 'outcomes.decisionText' : 'outcomes.actionText')}</label>
          <textarea id=${id('text')} rows="2" .value=${d.text ?? ''} aria-invalid=${errorFor(e, 'text') ? 'true' : 'false'} aria-describedby=${describedBy(id('text'), errorFor(e, 'text'))} @input=${input('text')}></textarea>${fieldError(id('text'), errorFor(e, 'text'))}</div>
        <div class="field"><label for=${id('owner')}>${t('outcomes.owner')}</label>
          <select id=${id('owner')} aria-invalid=${errorFor(e, 'owner') ? 'true' : 'false'} aria-describedby=${describedBy(id('owner'), errorFor(e, 'owner'))} @change=${input('owner')}>
            <option value="" ?selected=${!d.owner}>${t('outcomes.chooseOwner')}</option>
            ${[m.host, ...m.attendees].map((p) => html`<option value=${p} ?selected=${d.owner === p}>${this.name(p)}</option>`)}
          </select>${fieldError(id('owner'), errorFor(e, 'owner'))}</div>
        <div class="field"><label for=${id('deadline')}>${t('outcomes.deadline')}</label>
          <input id=${id('deadline')} type="date" .value=${d.deadline ?? ''} aria-invalid=${errorFor(e, 'deadline') ? 'true' : 'false'} aria-describedby=${describedBy(id('deadline'), errorFor(e, 'deadline'))} @input=${input('deadline')} />${fieldError(id('deadline'), errorFor(e, 'deadline'))}</div>
      </div>
      <div class="actions"><button class="primary" type="submit" data-action=${`record-${kind}`}>${t(kind === 'decision' ? 'outcomes.recordDecision' : 'outcomes.recordAction')}</button></div>
    </form>`;
  }

  private votesSection(runs: boolean, votes: boolean) {
    const t = this.i18n.t;
    const d = this.drafts.vote!;
    const e = this.errors.vote ?? {};
    if (!this.votes.length && !(runs && this.meeting?.status === 'checked_in')) return nothing;
    return html`<section aria-labelledby="votes-h">
      <h3 id="votes-h">${t('outcomes.votes')}</h3>
      ${
        this.votes.length
          ? html`<ul class="list">${this.votes.map(
              (v) => html`<li data-vote=${v.id} data-vote-status=${v.status}>
            <strong>${v.question}</strong>
            ${
              v.status === 'open'
                ? html`<div class="meta">${t('outcomes.ballots', { n: v.voters.length })}</div>
                  ${
                    votes && !v.voters.includes(this.me?.id ?? '')
                      ? html`<div class="row" role="group" aria-label=${t('outcomes.castFor', { question: v.question })}>${v.options.map(
                          (o) => html`<button type="button" data-choice=${o}
                        @click=${() => this.run('ballot', () => api('POST', `${this.path}/votes/${encodeURIComponent(v.id)}/ballots`, { choice: o }), note('outcomes.ballotCast'))}>${o}</button>`,
                        )}</div>`
                      : nothing
                  }
                  ${
                    runs
                      ? html`<div class="actions" style="justify-content:flex-start"><button type="button" data-action="close-vote"
                      @click=${() => this.run('close', () => api('POST', `${this.path}/votes/${encodeURIComponent(v.id)}/close`), note('outcomes.voteClosed'))}>${t('outcomes.closeVote')}</button></div>`
                      : nothing
                  }`
                : html`<div class="meta" data-result>${v.options.map((o) => `${o}: ${v.result?.counts[o] ?? 0}`).join(' · ')} · ${v.result?.winner ? t('outcomes.winner', { option: v.result.winner }) : t('outcomes.tie')}</div>`
            }
          </li>`,
            )}</ul>`
          : nothing
      }
      ${
        runs && this.meeting?.status === 'checked_in' // M6: put to those present, while the meeting is held
          ? html`<form class="card" @submit=${(ev: Event) => this.openVote(ev)} aria-labelledby="vote-new-h" novalidate>
            <h4 id="vote-new-h">${t('outcomes.newVote')}</h4>
            <div class="field"><label for="vote-question">${t('outcomes.question')}</label>
              <input id="vote-question" .value=${d.question ?? ''} aria-invalid=${errorFor(e, 'question') ? 'true' : 'false'} aria-describedby=${describedBy('vote-question', errorFor(e, 'question'))}
                @input=${(ev: Event) => this.set('vote', 'question', (ev.target as HTMLInputElement).value)} />${fieldError('vote-question', errorFor(e, 'question'))}</div>
            <div class="field"><label for="vote-options">${t('outcomes.options')}</label>
              <span class="hint" id="vote-options-hint">${t('outcomes.optionsHint')}</span>
              <textarea id="vote-options" rows="3" .value=${d.options ?? ''} aria-invalid=${errorFor(e, 'options') ? 'true' : 'false'} aria-describedby=${describedBy('vote-options', errorFor(e, 'options'), true)}
                @input=${(ev: Event) => this.set('vote', 'options', (ev.target as HTMLTextAreaElement).value)}></textarea>${fieldError('vote-options', errorFor(e, 'options'))}</div>
            <div class="actions"><button class="primary" type="submit" data-action="open-vote">${t('outcomes.openVote')}</button></div>
          </form>`
          : nothing
      }
    </section>`;
  }
}
customElements.define('meeting-outcomes', MeetingOutcomes);
declare global {
  interface HTMLElementTagNameMap {
    'meeting-outcomes': MeetingOutcomes;
  }
}
