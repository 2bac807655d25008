import { css, html, LitElement, nothing } from 'lit';
import type { OpeningPeriod } from '../../../../shared/schemas/http.js';
import { LocaleController } from '../controllers/locale.js';
import { describedBy, fieldError } from '../forms.js';
import { DAYS, type Hours, MIDNIGHT, toPeriods, toWeek } from '../opening-hours.js';
import { appStyles } from '../theme.js';

/**
 * The weekly opening hours (R14) as a table, one row per weekday, each with
 * its opening periods: no JSON to type. A time input cannot hold 24:00, so a
 * closing time of 00:00 means midnight.
 *
 * @fires hours-change - `{detail: OpeningPeriod[]}`
 */
export class OpeningHoursEditor extends LitElement {
  static override properties = { value: { attribute: false }, error: { type: String }, week: { state: true } };
  declare value: OpeningPeriod[];
  declare error: string;
  declare week: Hours[][];
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      table { width: auto; }
      th[scope='row'] { color: inherit; background: none; font-size: 1em; }
      td { vertical-align: middle; }
      .period { display: flex; align-items: center; gap: 0.4em; flex-wrap: wrap; margin: 0.15em 0; }
      input[type='time'] { width: 9.5em; }
      .closed { color: var(--muted); }
      .table-wrap { border: 1px solid var(--soft-line); }
    `,
  ];

  constructor() {
    super();
    this.value = [];
    this.error = '';
    this.week = DAYS.map(() => []);
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('value')) this.week = toWeek(this.value);
  }

  private change(week: Hours[][]) {
    this.week = week;
    this.dispatchEvent(new CustomEvent('hours-change', { detail: toPeriods(week), bubbles: true, composed: true }));
  }

  private edit(day: number, index: number, key: keyof Hours, raw: string) {
    const value = key === 'close' && raw === '00:00' ? MIDNIGHT : raw;
    this.change(this.week.map((d, i) => (i === day ? d.map((h, j) => (j === index ? { ...h, [key]: value } : h)) : d)));
  }

  private setOpen(day: number, open: boolean) {
    const last = this.week.find((d) => d.length > 0)?.[0] ?? { open: '08:00', close: '18:00' };
    this.change(this.week.map((d, i) => (i === day ? (open ? [{ ...last }] : []) : d)));
  }

  private addPeriod(day: number) {
    this.change(this.week.map((d, i) => (i === day ? [...d, { open: '13:00', close: '18:00' }] : d)));
  }

  private removePeriod(day: number, index: number) {
    this.change(this.week.map((d, i) => (i === day ? d.filter((_, j) => j !== index) : d)));
  }

  private copyMondayToWeekdays() {
    const monday = this.week[0] ?? [];
    this.change(this.week.map((d, i) => (i >= 1 && i <= 4 ? monday.map((h) => ({ ...h })) : d)));
  }

  override render() {
    const { t, locale } = this.i18n;
    const dayName = (d: number) => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, d)); // 2024-01-01 is a Monday
    return html`<fieldset class="card" aria-describedby=${describedBy('hours', this.error, true)}>
      <legend><strong>${t('rooms.hours')}</strong></legend>
      <p class="hint" id="hours-hint">${t('rooms.hoursHint')}</p>
      <div class="table-wrap">
        <table>
          <thead><tr><th scope="col">${t('rooms.day')}</th><th scope="col">${t('rooms.openThatDay')}</th><th scope="col">${t('rooms.periods')}</th></tr></thead>
          <tbody>
            ${this.week.map((periods, i) => {
              const name = dayName(i + 1);
              return html`<tr data-day=${i + 1}>
                <th scope="row">${name}</th>
                <td><input type="checkbox" data-field="open-day" aria-label=${t('rooms.openOn', { day: name })} .checked=${periods.length > 0}
                  @change=${(e: Event) => this.setOpen(i, (e.target as HTMLInputElement).checked)} /></td>
                <td>
                  ${periods.length === 0 ? html`<span class="closed">${t('rooms.closedAllDay')}</span>` : nothing}
                  ${periods.map(
                    (h, j) => html`<div class="period">
                      <input type="time" step="300" data-field="open" aria-label=${t('rooms.opensAt', { day: name })} .value=${h.open}
                        @change=${(e: Event) => this.edit(i, j, 'open', (e.target as HTMLInputElement).value)} />
                      <span aria-hidden="true">–</span>
                      <input type="time" step="300" data-field="close" aria-label=${t('rooms.closesAt', { day: name })} .value=${h.close === MIDNIGHT ? '00:00' : h.close}
                        @change=${(e: Event) => this.edit(i, j, 'close', (e.target as HTMLInputElement).value)} />
                      ${periods.length > 1 ? html`<button type="button" class="link" @click=${() => this.removePeriod(i, j)}>${t('rooms.removePeriod')}<span class="visually-hidden"> ${name}</span></button>` : nothing}
                    </div>`,
                  )}
                  ${periods.length > 0 ? html`<button type="button" class="link" data-action="add-period" @click=${() => this.addPeriod(i)}>${t('rooms.addPeriod')}<span class="visually-hidden"> ${name}</span></button>` : nothing}
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <div class="row" style="margin-top:0.5em">
        <button type="button" data-action="copy-monday" @click=${() => this.copyMondayToWeekdays()}>${t('rooms.copyMonday')}</button>
      </div>
      ${fieldError('hours', this.error)}
    </fieldset>`;
  }
}
customElements.define('opening-hours-editor', OpeningHoursEditor);
declare global {
  interface HTMLElementTagNameMap {
    'opening-hours-editor': OpeningHoursEditor;
  }
}
