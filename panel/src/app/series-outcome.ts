import { css, html, LitElement, nothing } from 'lit';
import type { RoomDto } from '../../../shared/schemas/http.js';
import type { SeriesDto } from '../../../shared/schemas/series.js';
import { problemText } from './booking-words.js';
import { LocaleController } from './controllers/locale.js';
import { whenText } from './format.js';
import { href } from './router.js';
import { appStyles } from './theme.js';
import { bookingPill, pill } from './words.js';

/**
 * A new series' answer (G1, contract §7): every occurrence, booked (or waiting
 * for approval after hours, R15), or not booked with the reason: the room
 * taken, someone already in a meeting (M1), closed.
 */
export class SeriesOutcome extends LitElement {
  static override properties = { series: { attribute: false }, room: { attribute: false } };
  declare series: SeriesDto | null;
  declare room: RoomDto | null;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      ol { list-style: none; margin: 0; padding: 0; }
      li { display: flex; flex-wrap: wrap; gap: 0.3em 0.8em; align-items: baseline; padding: 0.45em 0; border-bottom: 1px solid var(--soft-line); }
      li:last-child { border-bottom: 0; }
      .why { color: var(--danger); font-weight: 600; flex-basis: 100%; }
      .count { font-weight: 600; }
    `,
  ];

  constructor() {
    super();
    this.series = null;
    this.room = null;
  }

  override render() {
    const s = this.series;
    if (!s) return nothing;
    const { t, locale } = this.i18n;
    const booked = s.occurrences.filter((o) => o.bookingId).length;
    const clashes = s.occurrences.filter((o) => o.conflict);
    return html`
      <p class="count ${clashes.length ? '' : 'notice'}" role="status" data-booked=${booked} data-clashes=${clashes.length}>
        ${clashes.length ? t('series.bookedWithClashes', { booked, total: s.occurrences.length, clashes: clashes.length }) : t('series.allBooked', { n: booked })}
      </p>
      <ol aria-label=${t('series.occurrences')}>
        ${s.occurrences.map(
          (o) => html`<li data-occurrence=${o.start} data-state=${o.conflict ? 'clash' : 'booked'}>
            <span>${whenText(o.start, o.end, locale, s.timeZone)}</span>
            ${o.bookingId
              ? html`${bookingPill(t, { status: o.status ?? 'confirmed' })} <a href=${href('meetings', o.bookingId)}>${t('series.open')}<span class="visually-hidden"> ${whenText(o.start, o.end, locale, s.timeZone)}</span></a>`
              : html`${pill('bad', 'cross', t('series.notBooked'), 'clash')}<span class="why">${o.conflict ? problemText(t, o.conflict) : ''}</span>`}
          </li>`,
        )}
      </ol>
    `;
  }
}
customElements.define('series-outcome', SeriesOutcome);
declare global {
  interface HTMLElementTagNameMap {
    'series-outcome': SeriesOutcome;
  }
}
