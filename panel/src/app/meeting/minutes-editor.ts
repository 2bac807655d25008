import { css, html, LitElement, nothing } from 'lit';
import type { MinutesDto } from '../../../../shared/schemas/meetings.js';
import { api, ApiError } from '../api.js';
import { LocaleController } from '../controllers/locale.js';
import { clock } from '../format.js';
import { icon } from '../icons.js';
import { appStyles } from '../theme.js';
import { forgetDrafts, keepDraft, keptDrafts } from './draft-store.js';

const DEBOUNCE_MS = 800;
const RETRY_MS = 3000;

type SaveState = 'saved' | 'pending' | 'saving' | 'offline' | 'conflict' | 'error';

/**
 * The minute taker's editor (M9, C2), made to be typed into while people talk:
 * the text is saved as it is typed (a debounced PUT naming the version it was
 * written on), kept on this device until the hub has it (a dropped network
 * loses nothing; a reload brings it back), and a save refused because the
 * minutes changed elsewhere is shown with both texts, never overwritten
 * silently. The state is said in words.
 *
 * @fires minutes-saved - `{detail: MinutesDto}` after each save the hub kept
 */
export class MinutesEditor extends LitElement {
  static override properties = {
    bookingId: { type: String },
    minutes: { attribute: false },
    text: { state: true },
    state: { state: true },
    savedAt: { state: true },
    restored: { state: true },
    theirs: { state: true },
    problem: { state: true },
  };
  declare bookingId: string;
  /** The minutes as the hub last answered them. */
  declare minutes: MinutesDto | null;
  declare text: string;
  declare state: SaveState;
  declare savedAt: string;
  declare restored: boolean;
  /** On a conflict: the text saved elsewhere. */
  declare theirs: MinutesDto | null;
  declare problem: string;
  private readonly i18n = new LocaleController(this);
  /** The server version the editor's text is written on. */
  private version = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;
  private again = false;
  private started = '';

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      textarea { width: 100%; min-height: 22em; resize: vertical; line-height: 1.6; }
      .status { display: flex; align-items: center; gap: 0.4em; min-height: 1.6em; font-weight: 600; margin: 0.3em 0; }
      .status svg { width: 1em; height: 1em; }
      .conflict { border: 2px solid var(--warn); border-radius: 8px; padding: 0.6em 0.8em; background: #fff8ec; margin: 0.5em 0; }
      .conflict pre { white-space: pre-wrap; max-height: 12em; overflow: auto; background: #fff; border: 1px solid var(--soft-line); padding: 0.5em; margin: 0.3em 0; font: inherit; }
    `,
  ];

  constructor() {
    super();
    this.bookingId = '';
    this.minutes = null;
    this.text = '';
    this.state = 'saved';
    this.savedAt = '';
    this.restored = false;
    this.theirs = null;
    this.problem = '';
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.timer);
  }

  private readonly onOnline = () => {
    if (this.state === 'offline') void this.save();
  };

  override willUpdate(changed: Map<string, unknown>) {
    const m = this.minutes;
    if (changed.has('minutes') && m && `${m.booking}:${m.version}` !== this.started && !this.inFlight && this.state !== 'pending') this.begin(m);
  }

  /** Starts from the hub's text, or from a draft this device kept that the hub never got. */
  private begin(m: MinutesDto) {
    this.started = `${m.booking}:${m.version}`;
    this.version = m.version;
    this.text = m.text;
    const kept = keptDrafts(m.booking).find((d) => d.text !== m.text);
    if (!kept) {
      forgetDrafts(m.booking, m.version); // what was kept reached the hub (its answer may have been lost)
      return;
    }
    if (kept.version === m.version) {
      // Written on this very version and never saved: take it up again and save it.
      this.text = kept.text;
      this.restored = true;
      this.schedule(0);
    } else if (kept.version < m.version) {
      // Written on an older version: the minutes changed since; the person chooses.
      this.text = kept.text;
      this.theirs = m;
      this.state = 'conflict';
    }
  }

  private onInput(e: Event) {
    this.text = (e.target as HTMLTextAreaElement).value;
    keepDraft({ bookingId: this.bookingId, version: this.version, text: this.text, at: Date.now() });
    if (this.state !== 'conflict') this.schedule(DEBOUNCE_MS);
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    if (this.state !== 'saving') this.state = 'pending';
    this.timer = setTimeout(() => void this.save(), ms);
  }

  /** Saves now (also what the "Save now" button and leaving the field do). */
  async save() {
    clearTimeout(this.timer);
    if (this.state === 'conflict') return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const sent = this.text;
    const base = this.version;
    this.inFlight = true;
    this.state = 'saving';
    try {
      const m = await api<MinutesDto>('PUT', `/api/bookings/${encodeURIComponent(this.bookingId)}/minutes`, { text: sent, version: base });
      forgetDrafts(this.bookingId, base);
      this.version = m.version;
      this.started = `${m.booking}:${m.version}`;
      this.savedAt = new Date().toISOString();
      this.problem = '';
      this.inFlight = false;
      this.dispatchEvent(new CustomEvent('minutes-saved', { detail: m, bubbles: true, composed: true }));
      if (this.text !== sent) {
        keepDraft({ bookingId: this.bookingId, version: this.version, text: this.text, at: Date.now() });
        this.schedule(this.again ? 0 : DEBOUNCE_MS);
      } else {
        this.state = 'saved';
      }
      this.again = false;
    } catch (err) {
      this.inFlight = false;
      this.again = false;
      if (err instanceof ApiError && err.status === 0) {
        this.state = 'offline'; // kept on this device; tried again when back online and every few seconds
        this.timer = setTimeout(() => void this.save(), RETRY_MS);
      } else if (err instanceof ApiError && err.code === 'conflict') {
        const theirs = await api<MinutesDto>('GET', `/api/bookings/${encodeURIComponent(this.bookingId)}/minutes`).catch(() => null);
        if (theirs && theirs.text === this.text) {
          // Our own save arrived, its answer did not (the network dropped on the way back): nothing to choose.
          forgetDrafts(this.bookingId, Number.MAX_SAFE_INTEGER);
          this.version = theirs.version;
          this.started = `${theirs.booking}:${theirs.version}`;
          this.state = 'saved';
          return;
        }
        this.theirs = theirs;
        this.state = 'conflict';
      } else {
        this.state = 'error';
        this.problem = err instanceof ApiError ? err.message : String(err);
      }
    }
  }

  /** On a conflict: my text replaces the one saved elsewhere (which stays shown until then). */
  private keepMine() {
    if (!this.theirs) return;
    forgetDrafts(this.bookingId, this.version);
    this.version = this.theirs.version;
    keepDraft({ bookingId: this.bookingId, version: this.version, text: this.text, at: Date.now() });
    this.theirs = null;
    this.state = 'pending';
    void this.save();
  }

  /** On a conflict: take the text saved elsewhere; mine is dropped. */
  private takeTheirs() {
    if (!this.theirs) return;
    forgetDrafts(this.bookingId, Number.MAX_SAFE_INTEGER);
    this.version = this.theirs.version;
    this.text = this.theirs.text;
    this.started = `${this.theirs.booking}:${this.theirs.version}`;
    this.theirs = null;
    this.state = 'saved';
  }

  private statusLine() {
    const { t, locale } = this.i18n;
    switch (this.state) {
      case 'saved':
        return [icon('check'), this.savedAt ? t('minutes.editor.savedAt', { time: clock(this.savedAt, locale) }) : t('minutes.editor.upToDate')];
      case 'pending':
        return [icon('half'), t('minutes.editor.pending')];
      case 'saving':
        return [icon('clock'), t('minutes.editor.saving')];
      case 'offline':
        return [icon('alert'), t('minutes.editor.offline')];
      case 'conflict':
        return [icon('alert'), t('minutes.editor.conflict')];
      case 'error':
        return [icon('cross'), t('minutes.editor.error', { message: this.problem })];
    }
  }

  override render() {
    const t = this.i18n.t;
    const [mark, words] = this.statusLine();
    return html`
      <label for="minutes-text">${t('minutes.editor.label')}</label>
      <p class="hint" id="minutes-text-hint">${t('minutes.editor.hint')}</p>
      <p class="status" role="status" data-save-state=${this.state}>${mark}<span>${words}</span></p>
      ${this.restored ? html`<p class="notice" data-restored>${t('minutes.editor.restored')}</p>` : nothing}
      ${
        this.state === 'conflict' && this.theirs
          ? html`<div class="conflict" data-conflict role="alert">
            <p>${t('minutes.editor.conflictBody', { version: this.theirs.version })}</p>
            <details><summary>${t('minutes.editor.theirText')}</summary><pre>${this.theirs.text}</pre></details>
            <div class="row">
              <button type="button" class="primary" data-action="keep-mine" @click=${() => this.keepMine()}>${t('minutes.editor.keepMine')}</button>
              <button type="button" data-action="take-theirs" @click=${() => this.takeTheirs()}>${t('minutes.editor.takeTheirs')}</button>
            </div>
          </div>`
          : nothing
      }
      <textarea id="minutes-text" aria-describedby="minutes-text-hint" spellcheck="true" .value=${this.text}
        @input=${(e: Event) => this.onInput(e)} @blur=${() => {
          if (this.state === 'pending') void this.save();
        }}></textarea>
      <div class="row"><button type="button" data-action="save-minutes" @click=${() => void this.save()} ?disabled=${this.state === 'conflict'}>${t('minutes.editor.saveNow')}</button></div>
    `;
  }
}
customElements.define('minutes-editor', MinutesEditor);
declare global {
  interface HTMLElementTagNameMap {
    'minutes-editor': MinutesEditor;
  }
}
