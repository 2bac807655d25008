import { css, html, LitElement, nothing } from 'lit';
import type { AnalyticsDto } from '../../../../shared/schemas/analytics.js';
import type { RoomDto, UserDto } from '../../../../shared/schemas/http.js';
import { api, query } from '../api.js';
import { Chart, type ChartConfiguration } from '../charts.js';
import { LocaleController } from '../controllers/locale.js';
import { roomList } from '../directory.js';
import { hubNow } from '../hub-clock.js';
import { appStyles } from '../theme.js';
import { addDays, fromWall, toWall } from '../zoned.js';

const BOOKED = '#0b57d0';
const USED = '#0b6b30';
const NO_SHOW = '#b3261e';

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/**
 * Usage (contract §7, R3: rooms used well) over a date range: the totals; three
 * charts (utilisation per room, the no-show rate per week, a weekday × hour heat
 * map of the hours in use), each with its figures as a table for whoever cannot
 * see the picture; and the per-room figures as CSV. A member sees the figures
 * of the meetings they host.
 */
export class AnalyticsPage extends LitElement {
  static override properties = { me: { attribute: false }, from: { state: true }, to: { state: true }, roomId: { state: true }, rooms: { state: true }, data: { state: true }, error: { state: true } };
  declare me: UserDto | null;
  declare from: string;
  declare to: string;
  declare roomId: string;
  declare rooms: RoomDto[];
  declare data: AnalyticsDto | null;
  declare error: boolean;
  private readonly i18n = new LocaleController(this);
  private charts: Chart[] = [];
  private drawn: unknown = null;

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      .totals { list-style: none; display: grid; grid-template-columns: repeat(auto-fit, minmax(10em, 1fr)); gap: 0.6em; margin: 0 0 1em; padding: 0; }
      .totals li { background: #fff; border: 1px solid var(--soft-line); border-radius: 10px; padding: 0.6em 0.8em; }
      .totals strong { display: block; font-size: 1.5rem; }
      .charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 1em; }
      figure { margin: 0; min-width: 0; }
      figure.wide { grid-column: 1 / -1; }
      figcaption { font-weight: 700; margin-bottom: 0.4em; }
      .plot { position: relative; height: 280px; }
      .plot.heat { height: 300px; }
      details { margin-top: 0.5em; }
      summary { cursor: pointer; color: var(--accent); font-weight: 600; padding: 0.3em 0; }
      td.n, th.n { text-align: end; font-variant-numeric: tabular-nums; }
      .heatmap td { text-align: center; padding: 0.25em; min-width: 2.2em; font-variant-numeric: tabular-nums; }
      @media (max-width: 900px) { .charts { grid-template-columns: minmax(0, 1fr); } .plot { height: 240px; } }
    `,
  ];

  constructor() {
    super();
    this.me = null;
    const today = toWall(hubNow()).date;
    this.to = today;
    this.from = addDays(today, -27);
    this.roomId = '';
    this.rooms = [];
    this.data = null;
    this.error = false;
  }

  override connectedCallback() {
    super.connectedCallback();
    void roomList().then((r) => (this.rooms = r));
    void this.load();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.charts.forEach((c) => c.destroy());
    this.charts = [];
  }

  private get params() {
    return { from: new Date(fromWall(this.from, '00:00')).toISOString(), to: new Date(fromWall(addDays(this.to, 1), '00:00')).toISOString(), room: this.roomId || undefined };
  }

  private async load(e?: Event) {
    e?.preventDefault();
    this.error = false;
    try {
      this.data = await api<AnalyticsDto>('GET', `/api/analytics${query(this.params)}`);
    } catch {
      this.error = true;
    }
  }

  private weekday(d: number, style: 'short' | 'long' = 'short') {
    return new Intl.DateTimeFormat(this.i18n.locale, { weekday: style, timeZone: 'UTC' }).format(Date.UTC(2024, 0, d));
  }

  private roomName(id: string) {
    return this.rooms.find((r) => r.id === id)?.name ?? id;
  }

  override updated() {
    const key = [this.data, this.i18n.locale, this.rooms.length];
    if (!this.data || (this.drawn as unknown[] | null)?.every((v, i) => v === key[i])) return;
    this.drawn = key;
    this.charts.forEach((c) => c.destroy());
    this.charts = [];
    const t = this.i18n.t;
    const d = this.data;
    const draw = (id: string, config: ChartConfiguration) => {
      const canvas = this.renderRoot.querySelector(`#${id}`) as HTMLCanvasElement | null;
      if (canvas) this.charts.push(new Chart(canvas, config));
    };
    const percentAxis = { beginAtZero: true, suggestedMax: 100, ticks: { callback: (v: string | number) => `${v}%` } };
    draw('chart-utilisation', {
      type: 'bar',
      data: {
        labels: d.rooms.map((r) => this.roomName(r.room)),
        datasets: [
          { label: t('analytics.bookedShare'), data: d.rooms.map((r) => pct(r.bookedHours, r.openHours)), backgroundColor: BOOKED },
          { label: t('analytics.usedShare'), data: d.rooms.map((r) => pct(r.usedHours, r.openHours)), backgroundColor: USED },
        ],
      },
      options: { indexAxis: 'y', maintainAspectRatio: false, scales: { x: percentAxis } },
    } as ChartConfiguration);
    draw('chart-noshows', {
      type: 'bar',
      data: { labels: d.weeks.map((w) => w.week), datasets: [{ label: t('analytics.noShowRate'), data: d.weeks.map((w) => Math.round(w.noShowRate * 1000) / 10), backgroundColor: NO_SHOW }] },
      options: { maintainAspectRatio: false, scales: { y: percentAxis }, plugins: { legend: { display: false } } },
    } as ChartConfiguration);
    const max = Math.max(0.01, ...d.heatmap.flat());
    const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
    const days = [1, 2, 3, 4, 5, 6, 7].map((x) => this.weekday(x));
    draw('chart-heatmap', {
      type: 'matrix',
      data: {
        datasets: [{
          label: t('analytics.heatmap'),
          data: d.heatmap.flatMap((row, day) => row.map((v, h) => ({ x: hours[h]!, y: days[day]!, v }))),
          backgroundColor: (c: { raw?: { v: number } }) => `rgba(11, 87, 208, ${0.06 + 0.94 * ((c.raw?.v ?? 0) / max)})`,
          borderColor: '#ffffff',
          borderWidth: 1,
          width: ({ chart }: { chart: Chart }) => (chart.chartArea?.width ?? 0) / 24 - 1,
          height: ({ chart }: { chart: Chart }) => (chart.chartArea?.height ?? 0) / 7 - 1,
        }],
      },
      options: {
        maintainAspectRatio: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { title: () => '', label: (c: { raw: unknown }) => { const r = c.raw as { x: string; y: string; v: number }; return `${r.y} ${r.x}:00 · ${t('analytics.hoursN', { n: r.v })}`; } } } },
        scales: { x: { type: 'category', labels: hours, offset: true, grid: { display: false } }, // Monday at the top, as in the table.
          y: { type: 'category', labels: [...days].reverse(), offset: true, grid: { display: false } } },
      },
    } as unknown as ChartConfiguration);
  }

  override render() {
    const t = this.i18n.t;
    const d = this.data;
    const csv = `/api/analytics${query({ ...this.params, format: 'csv' })}`;
    return html`
      <h1>${t('analytics.title')}</h1>
      ${this.me?.role !== 'admin' ? html`<p class="card" data-note="own">${t('analytics.ownNote')}</p>` : nothing}
      <form class="toolbar" @submit=${(e: Event) => this.load(e)} aria-label=${t('analytics.range')}>
        <div class="field"><label for="from">${t('audit.from')}</label><input id="from" type="date" .value=${this.from} max=${this.to} @change=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)} /></div>
        <div class="field"><label for="to">${t('audit.to')}</label><input id="to" type="date" .value=${this.to} min=${this.from} @change=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)} /></div>
        <div class="field"><label for="room">${t('audit.room')}</label>
          <select id="room" @change=${(e: Event) => (this.roomId = (e.target as HTMLSelectElement).value)}>
            <option value="">${t('analytics.allRooms')}</option>
            ${this.rooms.map((r) => html`<option value=${r.id} ?selected=${this.roomId === r.id}>${r.name}</option>`)}
          </select></div>
        <button class="primary" type="submit" data-action="apply">${t('audit.apply')}</button>
        <a class="button" href=${csv} download data-action="csv">${t('analytics.csv')}</a>
      </form>
      ${this.error ? html`<p class="form-error" role="alert">${t('error.internal')}</p>` : nothing}
      ${d === null ? html`<p role="status">${t('common.loading')}</p>` : this.renderData(d)}
    `;
  }

  private renderData(d: AnalyticsDto) {
    const t = this.i18n.t;
    const tot = d.totals;
    const n = (v: number) => new Intl.NumberFormat(this.i18n.locale, { maximumFractionDigits: 1 }).format(v);
    const figures: [string, string, string][] = [
      ['bookings', t('analytics.bookings'), n(tot.bookings)],
      ['bookedHours', t('analytics.bookedHours'), n(tot.bookedHours)],
      ['usedHours', t('analytics.usedHours'), n(tot.usedHours)],
      ['utilisation', t('analytics.utilisation'), `${n(pct(tot.usedHours, tot.openHours))}%`],
      ['noShows', t('analytics.noShows'), n(tot.noShows)],
      ['ghostEnded', t('analytics.ghostEnded'), n(tot.ghostEnded)],
      ['releasedHours', t('analytics.releasedHours'), n(tot.releasedHours)],
    ];
    const days = [1, 2, 3, 4, 5, 6, 7];
    const max = Math.max(0.01, ...d.heatmap.flat());
    return html`
      <ul class="totals" aria-label=${t('analytics.totals')}>
        ${figures.map(([k, label, v]) => html`<li data-total=${k}><strong>${v}</strong>${label}</li>`)}
      </ul>
      <div class="charts">
        <figure class="card">
          <figcaption id="util-h">${t('analytics.utilisationPerRoom')}</figcaption>
          <div class="plot"><canvas id="chart-utilisation" role="img" aria-label=${t('analytics.utilisationAlt', { n: d.rooms.length })}></canvas></div>
          <details><summary>${t('analytics.asTable')}</summary>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="util-h"><table data-table="utilisation">
              <thead><tr><th scope="col">${t('audit.room')}</th><th scope="col" class="n">${t('analytics.bookedHours')}</th><th scope="col" class="n">${t('analytics.usedHours')}</th><th scope="col" class="n">${t('analytics.openHours')}</th><th scope="col" class="n">${t('analytics.bookedShare')}</th><th scope="col" class="n">${t('analytics.usedShare')}</th><th scope="col" class="n">${t('analytics.noShows')}</th></tr></thead>
              <tbody>${d.rooms.map((r) => html`<tr data-room=${r.room}><th scope="row">${this.roomName(r.room)}</th><td class="n">${n(r.bookedHours)}</td><td class="n">${n(r.usedHours)}</td><td class="n">${n(r.openHours)}</td><td class="n">${n(pct(r.bookedHours, r.openHours))}%</td><td class="n">${n(pct(r.usedHours, r.openHours))}%</td><td class="n">${r.noShows}</td></tr>`)}</tbody>
            </table></div>
          </details>
        </figure>
        <figure class="card">
          <figcaption id="noshow-h">${t('analytics.noShowPerWeek')}</figcaption>
          <div class="plot"><canvas id="chart-noshows" role="img" aria-label=${t('analytics.noShowAlt', { n: d.weeks.length })}></canvas></div>
          <details><summary>${t('analytics.asTable')}</summary>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="noshow-h"><table data-table="noshows">
              <thead><tr><th scope="col">${t('analytics.week')}</th><th scope="col" class="n">${t('analytics.bookings')}</th><th scope="col" class="n">${t('analytics.noShows')}</th><th scope="col" class="n">${t('analytics.noShowRate')}</th></tr></thead>
              <tbody>${d.weeks.map((w) => html`<tr data-week=${w.week}><th scope="row">${w.week}</th><td class="n">${w.bookings}</td><td class="n">${w.noShows}</td><td class="n">${n(w.noShowRate * 100)}%</td></tr>`)}</tbody>
            </table></div>
          </details>
        </figure>
        <figure class="card wide">
          <figcaption id="heat-h">${t('analytics.heatmap')}</figcaption>
          <div class="plot heat"><canvas id="chart-heatmap" role="img" aria-label=${t('analytics.heatmapAlt')}></canvas></div>
          <details><summary>${t('analytics.asTable')}</summary>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="heat-h"><table class="heatmap" data-table="heatmap">
              <thead><tr><th scope="col"><span class="visually-hidden">${t('analytics.day')}</span></th>${Array.from({ length: 24 }, (_, h) => html`<th scope="col">${String(h).padStart(2, '0')}</th>`)}</tr></thead>
              <tbody>${days.map((day) => html`<tr><th scope="row">${this.weekday(day, 'long')}</th>${d.heatmap[day - 1]!.map((v) => html`<td style=${v ? `background: rgba(11, 87, 208, ${0.06 + 0.5 * (v / max)})` : ''}>${v ? n(v) : ''}</td>`)}</tr>`)}</tbody>
            </table></div>
          </details>
        </figure>
      </div>
    `;
  }
}
customElements.define('analytics-page', AnalyticsPage);
declare global {
  interface HTMLElementTagNameMap {
    'analytics-page': AnalyticsPage;
  }
}
