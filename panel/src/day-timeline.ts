import { css, html, LitElement, nothing } from 'lit';
import type { RoomStatePayload } from '../../shared/schemas/mqtt.js';
import { clockTime } from './format.js';
import type { Translate } from './i18n.js';
import { baseStyles } from './theme.js';

const HOUR = 3_600_000;

/**
 * The rest of the room's day as a strip: each meeting a block from its start to
 * its end, with its time and title (neutral for private ones, G4); pending
 * after-hours requests striped and labelled (R15). The hours shown run from this
 * hour to past the last meeting (at least four hours, never past midnight).
 */
export class DayTimeline extends LitElement {
  static override properties = {
    state: { attribute: false },
    hubNow: { type: Number },
    locale: { type: String },
    t: { attribute: false },
  };
  declare state: RoomStatePayload | null;
  declare hubNow: number;
  declare locale: string;
  declare t: Translate;

  static override styles = [
    baseStyles,
    css`
      :host { display: block; font-size: clamp(14px, 2.3vmin, 24px); }
      h2 { font-size: 1em; margin: 0 0 0.3em; font-weight: 700; }
      .track { position: relative; height: 0.9em; background: rgba(0,0,0,0.3); border-radius: 6px; overflow: hidden; }
      .bar { position: absolute; top: 0; bottom: 0; background: #fff; min-width: 4px; }
      .bar.pending { background: repeating-linear-gradient(135deg, #fff 0 6px, #8a8a8a 6px 12px); }
      .now { position: absolute; top: 0; bottom: 0; width: 3px; background: #ffd54f; }
      .hours { position: relative; height: 1.3em; margin-top: 0.1em; }
      .hours span { position: absolute; transform: translateX(-50%); font-variant-numeric: tabular-nums; opacity: 0.95; }
      .hours span:first-child { transform: none; }
      ol { list-style: none; margin: 0.3em 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4em; max-height: 3.4em; overflow: hidden; }
      li { background: #fff; color: #111; border-radius: 8px; padding: 0.1em 0.5em; white-space: nowrap; max-width: 100%; overflow: hidden; text-overflow: ellipsis; }
      li .when { font-weight: 800; font-variant-numeric: tabular-nums; }
      li.current { box-shadow: inset 0 0 0 3px #ffd54f; }
      li.pending { border: 2px dashed #111; background: #f1f1f1; }
    `,
  ];

  constructor() {
    super();
    this.state = null;
    this.hubNow = Date.now();
    this.locale = 'zh-CN';
  }

  override render() {
    const s = this.state;
    const today = s?.today ?? [];
    if (!s || !this.t || today.length === 0) return nothing;
    const t = this.t;
    const zone = s.timeZone;
    const from = Math.floor(this.hubNow / HOUR) * HOUR;
    const midnight = endOfDay(this.hubNow, zone);
    const lastEnd = Math.max(...today.map((b) => Date.parse(b.end)));
    const to = Math.min(midnight, Math.max(from + 4 * HOUR, Math.ceil(lastEnd / HOUR) * HOUR));
    const span = to - from;
    const pct = (at: number) => `${(Math.min(Math.max(at - from, 0), span) / span) * 100}%`;
    const step = span > 10 * HOUR ? 3 : span > 6 * HOUR ? 2 : 1;
    const ticks: number[] = [];
    for (let h = from; h < to; h += step * HOUR) ticks.push(h);
    const time = (iso: string | number) => clockTime(iso, zone, this.locale);
    // The strip is the picture; the list below says the same in words.
    return html`
      <h2 id="today-h">${t('room.today')}</h2>
      <div class="track" aria-hidden="true">
        ${today.map((b) => html`<div class="bar ${b.pending ? 'pending' : ''}" style="left:${pct(Date.parse(b.start))};width:calc(${pct(Date.parse(b.end))} - ${pct(Date.parse(b.start))})"></div>`)}
        <div class="now" style="left:${pct(this.hubNow)}"></div>
      </div>
      <div class="hours" aria-hidden="true">${ticks.map((h) => html`<span style="left:${pct(h)}">${time(h)}</span>`)}</div>
      <ol aria-labelledby="today-h" part="timeline">
        ${today.map((b) => {
          const current = s.current?.bookingId === b.bookingId;
          const title = b.private ? t('private.title') : b.title;
          return html`<li class="${b.pending ? 'pending' : ''} ${current ? 'current' : ''}" data-booking=${b.bookingId} data-left=${pct(Date.parse(b.start))}>
            <span class="when">${time(b.start)}–${time(b.end)}</span> ${title}${b.pending ? html` · <strong>${t('room.pending')}</strong>` : nothing}
          </li>`;
        })}
      </ol>
    `;
  }
}

/** Midnight at the end of `at`'s day in `zone` (the next day's 00:00). */
function endOfDay(at: number, zone: string | undefined): number {
  const parts = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: zone }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0) % 24;
  const sinceMidnight = ((n('hour') * 60 + n('minute')) * 60 + n('second')) * 1000 + (at % 1000);
  return at - sinceMidnight + 24 * HOUR;
}

customElements.define('day-timeline', DayTimeline);
declare global {
  interface HTMLElementTagNameMap {
    'day-timeline': DayTimeline;
  }
}
