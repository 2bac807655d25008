import { html, LitElement, nothing } from 'lit';
import { STATUS_COLOURS } from '../../theme.js';
import type { SiteTile as Tile } from '../../../../shared/schemas/site.js';
import { LocaleController } from '../controllers/locale.js';
import { clock, date } from '../format.js';
import { icon } from '../icons.js';
import { equipment, faultPill, healthPill, overduePill, pill, ROOM_STATUS_ICON, deviceKindWord } from '../words.js';

const NO_STATE_COLOUR = '#4a4f57';

/**
 * One room on the site view: its state as the door panel shows it (the
 * panel's colour AND its word, with an icon), current and next meeting,
 * occupancy, open faults (R9), devices that need attention, and an overdue
 * safety inspection (R11). Renders into the light DOM: a thousand of these
 * share the site view's one stylesheet, and a change re-renders only its tile.
 */
export class SiteTile extends LitElement {
  static override properties = { tile: { attribute: false } };
  declare tile: Tile | null;
  private readonly i18n = new LocaleController(this);

  constructor() {
    super();
    this.tile = null;
  }

  protected override createRenderRoot() {
    return this;
  }

  override render() {
    const tile = this.tile;
    if (!tile) return nothing;
    const { t, locale } = this.i18n;
    const { room, state } = tile;
    const tz = room.timeZone;
    const time = (iso: string) => clock(iso, locale, tz);
    const status = state?.status;
    const attention = tile.devices.filter((d) => d.health !== 'online' && d.health !== 'revoked');
    const present = tile.occupancy.present;
    return html`<article class="tile" data-room=${room.id} data-status=${status ?? 'unknown'} aria-labelledby="t-${room.id}">
      <div class="head" style="background:${status ? STATUS_COLOURS[status] : NO_STATE_COLOUR}">
        <h4 id="t-${room.id}">${room.name}</h4>
        <span class="state">${icon(status ? ROOM_STATUS_ICON[status] : 'dash')}${status ? t(`status.${status}`) : t('site.noState')}</span>
      </div>
      <dl>
        ${state?.current
          ? html`<dt>${t('site.now')}</dt><dd class="meeting">${state.current.title} <span class="muted">${time(state.current.start)}–${time(state.current.end)}</span></dd>`
          : nothing}
        <dt>${t('site.next')}</dt>
        <dd>${state?.next ? html`${state.next.title} <span class="muted">${time(state.next.start)}–${time(state.next.end)}</span>` : html`<span class="muted">${t('site.nothingNext')}</span>`}</dd>
        <dt>${t('site.occupancy')}</dt>
        <dd data-occupancy=${String(present)}>${present === null
          ? html`<span class="muted">${tile.devices.some((d) => d.kind === 'sensor') ? t('site.noReading') : t('site.noSensor')}</span>`
          : present ? pill('info', 'person', t('site.occupied')) : t('site.empty')}</dd>
        ${tile.faults.length
          ? html`<dt>${t('site.faults')}</dt><dd class="faults">${tile.faults.map((f) => html`<span class="fault" data-fault=${f.id}>${equipment(t, f.equipment)}: ${faultPill(t, f.status)}</span>`)}</dd>`
          : nothing}
        <dt>${t('site.devices')}</dt>
        <dd class="devices">${tile.devices.length === 0
          ? html`<span class="muted">${t('site.noDevices')}</span>`
          : attention.length === 0
            ? pill('ok', 'check', t('site.devicesOk', { n: tile.devices.length }))
            : attention.map((d) => html`<span>${deviceKindWord(t, d.kind)}: ${healthPill(t, d.health)}</span>`)}</dd>
        ${tile.inspection.overdue
          ? html`<dt>${t('site.inspection')}</dt><dd class="inspection">${overduePill(t)} <span class="muted">${t('site.dueSince', { date: date(tile.inspection.dueAt, locale) })}</span></dd>`
          : nothing}
      </dl>
    </article>`;
  }
}
customElements.define('site-tile', SiteTile);
declare global {
  interface HTMLElementTagNameMap {
    'site-tile': SiteTile;
  }
}
