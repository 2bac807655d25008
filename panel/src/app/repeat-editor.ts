import { css, html, LitElement, nothing } from 'lit';
import { LocaleController } from './controllers/locale.js';
import { appStyles } from './theme.js';
import { fromWall, weekdayOf } from './zoned.js';

export type Repeat =
  | { freq: 'none' }
  | {
      freq: 'weekly' | 'monthly';
      /** Every N weeks or months. */
      interval: number;
      /** Weekly: ISO weekdays 1..7. */
      days: number[];
      /** Monthly: on the date (the 15th) or on the nth weekday (the 2nd Tuesday; -1 = the last). */
      monthly: 'date' | 'weekday';
      ends: 'count' | 'until';
      count: number;
      until: string;
    };

const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const MAX_COUNT = 100; // the hub books at most 100 occurrences (contract §7)

/** Which weekday of its month a date is: 2 for the 2nd Tuesday, -1 when it is the last one. */
export function nthWeekday(date: string): number {
  const day = Number(date.slice(8, 10));
  const [y, m] = date.split('-').map(Number) as [number, number];
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return day + 7 > daysInMonth && day > 28 ? -1 : Math.ceil(day / 7);
}

/** The RFC 5545 RRULE of a repeat that starts on `date` (YYYY-MM-DD) in `zone`; null for none. */
export function toRrule(r: Repeat, date: string, zone: string): string | null {
  if (r.freq === 'none') return null;
  const parts = [`FREQ=${r.freq.toUpperCase()}`];
  if (r.interval > 1) parts.push(`INTERVAL=${r.interval}`);
  if (r.freq === 'weekly') parts.push(`BYDAY=${(r.days.length ? r.days : [weekdayOf(date)]).sort().map((d) => BYDAY[d - 1]).join(',')}`);
  else if (r.monthly === 'date') parts.push(`BYMONTHDAY=${Number(date.slice(8, 10))}`);
  else parts.push(`BYDAY=${nthWeekday(date)}${BYDAY[weekdayOf(date) - 1]}`);
  if (r.ends === 'count') parts.push(`COUNT=${Math.min(MAX_COUNT, Math.max(1, r.count))}`);
  else {
    // To the end of the last day, in the room's zone, as UTC (RFC 5545 3.3.10).
    const end = new Date(fromWall(r.until, '23:59', zone) + 59_000).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    parts.push(`UNTIL=${end}`);
  }
  return parts.join(';');
}

/**
 * The repeat of a meeting (G1): weekly on chosen weekdays, every N weeks; or
 * monthly on the date or on "the 2nd Tuesday"; until a date or N times. Its
 * RRULE is made by toRrule().
 *
 * @fires repeat-change - `{detail: Repeat}`
 */
export class RepeatEditor extends LitElement {
  static override properties = { value: { attribute: false }, date: { type: String }, errors: { attribute: false } };
  declare value: Repeat;
  /** The first occurrence's date: the default weekday and the monthly choices follow it. */
  declare date: string;
  declare errors: Record<string, string>;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      fieldset { border: 1px solid var(--soft-line); border-radius: 8px; padding: 0.6em 0.8em; margin: 0 0 0.8em; }
      legend { font-weight: 600; padding: 0 0.3em; }
      .days { display: flex; flex-wrap: wrap; gap: 0.3em 0.9em; border: 0; padding: 0; margin: 0.4em 0; }
      .days legend { padding: 0; margin-bottom: 0.2em; font-weight: 600; }
      .opt { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4em; font-weight: 400; margin: 0.3em 0; }
      .opt label, .days label { font-weight: 400; display: inline-flex; align-items: center; gap: 0.35em; }
      input[type='number'] { width: 5em; }
      .summary { margin: 0.4em 0 0; color: var(--muted); }
    `,
  ];

  constructor() {
    super();
    this.value = { freq: 'none' };
    this.date = '';
    this.errors = {};
  }

  private set(patch: Omit<Partial<Extract<Repeat, { freq: 'weekly' | 'monthly' }>>, 'freq'> & { freq?: Repeat['freq'] }) {
    const base: Extract<Repeat, { freq: 'weekly' | 'monthly' }> =
      this.value.freq === 'none'
        ? { freq: 'weekly', interval: 1, days: [weekdayOf(this.date)], monthly: 'date', ends: 'count', count: 10, until: '' }
        : this.value;
    const next = patch.freq === 'none' ? ({ freq: 'none' } as Repeat) : ({ ...base, ...patch } as Repeat);
    this.value = next;
    this.dispatchEvent(new CustomEvent('repeat-change', { detail: next, bubbles: true, composed: true }));
  }

  private weekday(d: number, style: 'short' | 'long' = 'short') {
    return new Intl.DateTimeFormat(this.i18n.locale, { weekday: style, timeZone: 'UTC' }).format(Date.UTC(2024, 0, d));
  }

  /** "Every 2 weeks on Mon, Wed · 10 times" in words. */
  summary(): string {
    const t = this.i18n.t;
    const r = this.value;
    if (r.freq === 'none' || !this.date) return '';
    const n = nthWeekday(this.date);
    const what =
      r.freq === 'weekly'
        ? t(r.interval > 1 ? 'repeat.everyNWeeksOn' : 'repeat.weeklyOn', { n: r.interval, days: r.days.slice().sort().map((d) => this.weekday(d)).join(', ') })
        : r.monthly === 'date'
          ? t(r.interval > 1 ? 'repeat.everyNMonthsOnDate' : 'repeat.monthlyOnDate', { n: r.interval, date: Number(this.date.slice(8, 10)) })
          : t(r.interval > 1 ? 'repeat.everyNMonthsOnWeekday' : 'repeat.monthlyOnWeekday', { n: r.interval, nth: t(n === -1 ? 'repeat.nth.last' : `repeat.nth.${n as 1 | 2 | 3 | 4}`), weekday: this.weekday(weekdayOf(this.date), 'long') });
    const ends = r.ends === 'count' ? t('repeat.times', { n: r.count }) : r.until ? t('repeat.untilDate', { date: r.until }) : '';
    return [what, ends].filter(Boolean).join(' · ');
  }

  override render() {
    const t = this.i18n.t;
    const r = this.value;
    const date = this.date;
    const n = date ? nthWeekday(date) : 1;
    const num = (e: Event) => Math.max(1, Math.floor(Number((e.target as HTMLInputElement).value) || 1));
    return html`<fieldset>
      <legend>${t('repeat.title')}</legend>
      <div class="field">
        <label for="repeat-freq">${t('repeat.repeats')}</label>
        <select id="repeat-freq" data-field="freq" @change=${(e: Event) => this.set({ freq: (e.target as HTMLSelectElement).value as Repeat['freq'] })}>
          ${(['none', 'weekly', 'monthly'] as const).map((f) => html`<option value=${f} ?selected=${r.freq === f}>${t(`repeat.freq.${f}`)}</option>`)}
        </select>
      </div>
      ${r.freq === 'none'
        ? nothing
        : html`
            <div class="opt">
              <label for="repeat-interval">${t(r.freq === 'weekly' ? 'repeat.everyWeeks' : 'repeat.everyMonths')}</label>
              <input id="repeat-interval" type="number" min="1" max="12" inputmode="numeric" data-field="interval" .value=${String(r.interval)} @change=${(e: Event) => this.set({ interval: num(e) })} />
            </div>
            ${r.freq === 'weekly'
              ? html`<fieldset class="days"><legend>${t('repeat.onDays')}</legend>
                  ${[1, 2, 3, 4, 5, 6, 7].map((d) => html`<label><input type="checkbox" data-day=${d} .checked=${r.days.includes(d)}
                    @change=${(e: Event) => this.set({ days: (e.target as HTMLInputElement).checked ? [...r.days, d] : r.days.filter((x) => x !== d) })} />${this.weekday(d)}</label>`)}
                </fieldset>`
              : html`<div role="radiogroup" aria-label=${t('repeat.monthlyHow')}>
                  <label class="opt"><input type="radio" name="monthly" value="date" .checked=${r.monthly === 'date'} @change=${() => this.set({ monthly: 'date' })} />${t('repeat.onDate', { date: Number(date.slice(8, 10)) })}</label>
                  <label class="opt"><input type="radio" name="monthly" value="weekday" .checked=${r.monthly === 'weekday'} @change=${() => this.set({ monthly: 'weekday' })} />${t('repeat.onWeekday', { nth: t(n === -1 ? 'repeat.nth.last' : `repeat.nth.${n as 1 | 2 | 3 | 4}`), weekday: this.weekday(weekdayOf(date), 'long') })}</label>
                </div>`}
            <div role="radiogroup" aria-label=${t('repeat.ends')}>
              <div class="opt">
                <label><input type="radio" name="ends" value="count" .checked=${r.ends === 'count'} @change=${() => this.set({ ends: 'count' })} />${t('repeat.after')}</label>
                <input type="number" min="1" max=${MAX_COUNT} inputmode="numeric" aria-label=${t('repeat.count')} data-field="count" .value=${String(r.count)}
                  ?disabled=${r.ends !== 'count'} @change=${(e: Event) => this.set({ count: Math.min(MAX_COUNT, num(e)) })} />
                <span>${t('repeat.occurrences')}</span>
              </div>
              <div class="opt">
                <label><input type="radio" name="ends" value="until" .checked=${r.ends === 'until'} @change=${() => this.set({ ends: 'until' })} />${t('repeat.on')}</label>
                <input type="date" aria-label=${t('repeat.untilLabel')} data-field="until" .value=${r.until} min=${date} ?disabled=${r.ends !== 'until'}
                  @change=${(e: Event) => this.set({ until: (e.target as HTMLInputElement).value })} />
              </div>
            </div>
            <p class="summary" data-summary>${this.summary()}</p>
          `}
    </fieldset>`;
  }
}
customElements.define('repeat-editor', RepeatEditor);
declare global {
  interface HTMLElementTagNameMap {
    'repeat-editor': RepeatEditor;
  }
}
