import { css, html, LitElement, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { BookingDto, RoomDto, UserDto } from '../../../shared/schemas/http.js';
import type { SeriesDto } from '../../../shared/schemas/series.js';
import { api, ApiError, errorFor, fieldErrors } from './api.js';
import './app-dialog.js';
import { problemText } from './booking-words.js';
import './clash-check.js';
import type { CheckResult } from './clash-check.js';
import { LocaleController } from './controllers/locale.js';
import { directory } from './directory.js';
import { describedBy, fieldError } from './forms.js';
import { zoneNote } from './format.js';
import './people-picker.js';
import './repeat-editor.js';
import { type Repeat, toRrule } from './repeat-editor.js';
import './series-outcome.js';
import { appStyles } from './theme.js';
import { fromWall, toWall } from './zoned.js';

export interface BookingPreset {
  start: number;
  end: number;
  headcount?: number;
}

export interface BookingSaved {
  booking?: BookingDto;
  series?: SeriesDto;
}

const CHECK_DELAY_MS = 300;

/**
 * Book a room, or change a booking (R2: topic, time and headcount; M1: the
 * attendees from the directory): title, day and times in the room's zone,
 * headcount, attendees, privacy (G4) and, for a new one, a repeat (G1). The
 * clash check runs as it is filled in. A new series answers with every
 * occurrence: booked, or why not. An occurrence of a series changes alone or
 * with the ones after it.
 *
 * @fires booking-saved - `{detail: BookingSaved}`
 * @fires editor-close
 */
export class BookingEditor extends LitElement {
  static override properties = {
    room: { attribute: false },
    booking: { attribute: false },
    preset: { attribute: false },
    me: { attribute: false },
    open: { type: Boolean },
    people: { state: true },
    form: { state: true },
    check: { state: true },
    checking: { state: true },
    errors: { state: true },
    formError: { state: true },
    busy: { state: true },
    outcome: { state: true },
  };
  declare room: RoomDto | null;
  declare booking: BookingDto | null;
  declare preset: BookingPreset | null;
  declare me: UserDto | null;
  declare open: boolean;
  declare people: UserDto[];
  declare form: { title: string; date: string; start: string; end: string; headcount: number; attendees: string[]; private: boolean; repeat: Repeat; scope: 'one' | 'following' };
  declare check: CheckResult | null;
  declare checking: boolean;
  declare errors: Record<string, string>;
  declare formError: string;
  declare busy: boolean;
  declare outcome: SeriesDto | null;
  private readonly i18n = new LocaleController(this);
  private session = 0;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private checkSeq = 0;

  static override styles = [
    appStyles,
    css`
      .when { display: grid; grid-template-columns: 1.4fr 1fr 1fr; gap: 0 0.8em; }
      .two { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1em; }
      .room { margin: 0 0 0.8em; }
      input[type='text'], input:not([type]) { width: 100%; }
      .scope { border: 1px solid var(--soft-line); border-radius: 8px; padding: 0.5em 0.8em; margin: 0 0 0.8em; }
      .scope label { font-weight: 400; display: flex; gap: 0.4em; align-items: center; margin: 0.2em 0; }
      .zone { font-weight: 400; color: var(--muted); }
      @media (max-width: 600px) { .when, .two { grid-template-columns: 1fr 1fr; } .when .field:first-child { grid-column: 1 / -1; } }
    `,
  ];

  constructor() {
    super();
    this.room = null;
    this.booking = null;
    this.preset = null;
    this.me = null;
    this.open = false;
    this.people = [];
    this.form = this.blank();
    this.check = null;
    this.checking = false;
    this.errors = {};
    this.formError = '';
    this.busy = false;
    this.outcome = null;
  }

  private blank(): BookingEditor['form'] {
    return { title: '', date: '', start: '', end: '', headcount: 2, attendees: [], private: false, repeat: { freq: 'none' }, scope: 'one' };
  }

  private get zone() {
    return this.room?.timeZone;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('open') && this.open) {
      this.session++;
      this.errors = {};
      this.formError = '';
      this.outcome = null;
      this.check = null;
      const b = this.booking;
      const start = b ? Date.parse(b.start) : (this.preset?.start ?? 0);
      const end = b ? Date.parse(b.end) : (this.preset?.end ?? 0);
      const s = toWall(start, this.zone);
      this.form = {
        ...this.blank(),
        title: b?.title ?? '',
        date: s.date,
        start: s.time,
        end: toWall(end, this.zone).time,
        headcount: b?.headcount ?? this.preset?.headcount ?? 2,
        attendees: b?.attendees ?? [],
        private: b?.private ?? this.room?.privateByDefault ?? false,
      };
      void directory().then((p) => (this.people = p)).catch(() => undefined);
      this.scheduleCheck();
    }
  }

  private times(): { start: number; end: number } | null {
    const f = this.form;
    if (!f.date || !f.start || !f.end) return null;
    const start = fromWall(f.date, f.start, this.zone);
    let end = fromWall(f.date, f.end, this.zone);
    if (end <= start && f.end === '00:00') end = fromWall(f.date, '24:00', this.zone); // to midnight
    return { start, end };
  }

  private update_(patch: Partial<BookingEditor['form']>, recheck = true) {
    this.form = { ...this.form, ...patch };
    if (recheck) this.scheduleCheck();
  }

  private scheduleCheck() {
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => void this.runCheck(), CHECK_DELAY_MS);
  }

  private async runCheck() {
    const times = this.times();
    if (!this.room || !times || this.outcome) return;
    const seq = ++this.checkSeq;
    this.checking = true;
    const f = this.form;
    try {
      const r = await api<CheckResult>('POST', '/api/bookings/check', {
        room: this.room.id,
        title: f.title.trim() || '-',
        start: new Date(times.start).toISOString(),
        end: new Date(times.end).toISOString(),
        headcount: Math.max(1, f.headcount || 1),
        attendees: f.attendees,
        ...(this.booking ? { host: this.booking.host, replaces: this.booking.id } : {}),
      });
      if (seq === this.checkSeq) this.check = r;
    } catch (err) {
      if (seq === this.checkSeq) this.check = { ok: false, problems: [{ code: err instanceof ApiError ? err.code : 'internal', message: err instanceof Error ? err.message : '', details: err instanceof ApiError ? err.details : undefined }] };
    } finally {
      if (seq === this.checkSeq) this.checking = false;
    }
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const t = this.i18n.t;
    const f = this.form;
    const times = this.times();
    this.errors = {};
    this.formError = '';
    const local: Record<string, string> = {};
    if (!f.title.trim()) local.title = t('validation.required');
    if (!times) local.start = t('validation.required');
    else if (times.end <= times.start) local.end = t('check.endBeforeStart');
    if (Object.keys(local).length) {
      this.errors = local;
      this.formError = t('form.fixFields');
      return;
    }
    const body = {
      title: f.title.trim(),
      start: new Date(times!.start).toISOString(),
      end: new Date(times!.end).toISOString(),
      headcount: f.headcount,
      attendees: f.attendees,
      private: f.private,
    };
    this.busy = true;
    try {
      const b = this.booking;
      let saved: BookingSaved;
      if (b && f.scope === 'following' && b.series) {
        // A new time of day moves this and every following meeting to it (each on its own day).
        const was = { start: toWall(Date.parse(b.start), this.zone).time, end: toWall(Date.parse(b.end), this.zone).time };
        const time = f.start !== was.start || f.end !== was.end ? { start: f.start, minutes: Math.round((times!.end - times!.start) / 60_000) } : undefined;
        const series = await api<SeriesDto>('PATCH', `/api/series/${encodeURIComponent(b.series)}`, { from: b.start, title: body.title, attendees: body.attendees, headcount: body.headcount, private: body.private, ...(time ? { time } : {}) });
        saved = { series };
      } else if (b) {
        saved = { booking: await api<BookingDto>('PATCH', `/api/bookings/${encodeURIComponent(b.id)}`, body) };
      } else {
        const rrule = toRrule(f.repeat, f.date, this.zone ?? 'UTC');
        if (rrule) {
          this.outcome = await api<SeriesDto>('POST', '/api/series', { room: this.room!.id, ...body, rrule });
          saved = { series: this.outcome };
        } else {
          saved = { booking: await api<BookingDto>('POST', '/api/bookings', { room: this.room!.id, ...body }) };
        }
      }
      this.dispatchEvent(new CustomEvent<BookingSaved>('booking-saved', { detail: saved, bubbles: true, composed: true }));
      if (!this.outcome) this.open = false; // a new series stays open on its occurrences
    } catch (err) {
      this.errors = fieldErrors(err);
      if (Object.keys(this.errors).length) this.formError = t('form.fixFields');
      else if (err instanceof ApiError && err.code !== 'internal') this.formError = problemText(t, { code: err.code, message: err.message, details: err.details });
      else this.formError = t('error.internal');
      void this.runCheck();
    } finally {
      this.busy = false;
    }
  }

  private close() {
    this.open = false;
    this.dispatchEvent(new CustomEvent('editor-close'));
  }

  private input(id: keyof BookingEditor['form'], label: string, type: string, opts: { step?: number; min?: number; disabled?: boolean; autocomplete?: string } = {}) {
    const error = errorFor(this.errors, id);
    const v = this.form[id];
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} name=${id} type=${type} .value=${String(v)} step=${opts.step ?? nothing} min=${opts.min ?? nothing} ?disabled=${opts.disabled}
        autocomplete=${opts.autocomplete ?? nothing} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy(id, error)}
        @input=${(e: Event) => { const el = e.target as HTMLInputElement; this.update_({ [id]: type === 'number' ? Number(el.value) : el.value } as Partial<BookingEditor['form']>); }} />
      ${fieldError(id, error)}
    </div>`;
  }

  override render() {
    const t = this.i18n.t;
    const r = this.room;
    const b = this.booking;
    const inSeries = !!b?.series;
    const following = inSeries && this.form.scope === 'following';
    const zone = zoneNote(this.zone);
    const heading = this.outcome ? t('series.outcomeTitle', { title: this.outcome.title }) : b ? t('booking.editTitle', { title: b.title }) : t('booking.newTitle', { room: r?.name ?? '' });
    return html`<app-dialog wide .open=${this.open} heading=${heading} @dialog-close=${() => this.close()}>
      ${this.outcome
        ? html`<series-outcome .series=${this.outcome} .room=${r}></series-outcome>
            <div class="actions"><button class="primary" data-action="done" @click=${() => this.close()}>${t('common.done')}</button></div>`
        : keyed(this.session, html`<form novalidate @submit=${(e: SubmitEvent) => this.submit(e)}>
        <div role="alert">${this.formError ? html`<p class="form-error" data-form-error>${this.formError}</p>` : nothing}</div>
        <p class="room"><strong>${r?.name}</strong> · ${t('room.seats', { n: r?.capacity ?? 0 })}${zone ? html` · <span class="zone">${t('booking.timesIn', { zone })}</span>` : nothing}</p>
        ${inSeries
          ? html`<fieldset class="scope"><legend>${t('series.applyTo')}</legend>
              <label><input type="radio" name="scope" value="one" .checked=${this.form.scope === 'one'} @change=${() => this.update_({ scope: 'one' })} />${t('series.thisOne')}</label>
              <label><input type="radio" name="scope" value="following" .checked=${following} @change=${() => this.update_({ scope: 'following' }, false)} />${t('series.thisAndFollowing')}</label>
              ${following ? html`<p class="hint">${t('series.followingHint')}</p>` : nothing}
            </fieldset>`
          : nothing}
        ${this.input('title', t('booking.title'), 'text')}
        <div class="when">
          ${this.input('date', t('booking.date'), 'date', { disabled: following })}
          ${this.input('start', t('booking.start'), 'time', { step: 300 })}
          ${this.input('end', t('booking.end'), 'time', { step: 300 })}
        </div>
        <div class="two">
          ${this.input('headcount', t('booking.headcount'), 'number', { min: 1 })}
          <div class="field">
            <span class="row" style="min-height:40px;margin-top:1.5em"><label class="row" style="font-weight:600"><input type="checkbox" name="private" .checked=${this.form.private}
              @change=${(e: Event) => this.update_({ private: (e.target as HTMLInputElement).checked }, false)} aria-describedby="private-hint" />${t('booking.private')}</label></span>
            <span class="hint" id="private-hint">${t('booking.privateHint')}</span>
          </div>
        </div>
        <people-picker .people=${this.people} .value=${this.form.attendees} .exclude=${[b?.host ?? this.me?.id ?? '']}
          @people-change=${(e: CustomEvent<string[]>) => this.update_({ attendees: e.detail, headcount: Math.max(this.form.headcount, e.detail.length + 1) })}></people-picker>
        ${fieldError('attendees', errorFor(this.errors, 'attendees'))}
        ${b ? nothing : html`<repeat-editor .value=${this.form.repeat} date=${this.form.date} @repeat-change=${(e: CustomEvent<Repeat>) => this.update_({ repeat: e.detail }, false)}></repeat-editor>`}
        <h3 id="check-h">${this.form.repeat.freq !== 'none' ? t('check.titleFirst') : t('check.title')}</h3>
        <clash-check aria-labelledby="check-h" .result=${this.check} ?checking=${this.checking} ?admin=${this.me?.role === 'admin'}></clash-check>
        <div class="actions">
          <button type="button" @click=${() => this.close()}>${t('action.cancel')}</button>
          <button type="submit" class="primary" data-action="save-booking" ?disabled=${this.busy}>${this.busy ? t('action.working') : b ? t('common.save') : this.form.repeat.freq !== 'none' ? t('booking.bookSeries') : t('booking.book')}</button>
        </div>
      </form>`)}
    </app-dialog>`;
  }
}
customElements.define('booking-editor', BookingEditor);
declare global {
  interface HTMLElementTagNameMap {
    'booking-editor': BookingEditor;
  }
}
