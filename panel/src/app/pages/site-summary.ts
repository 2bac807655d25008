import { css, html, LitElement } from 'lit';
import type { SiteTile } from '../../../../shared/schemas/site.js';
import { LocaleController } from '../controllers/locale.js';
import { appStyles } from '../theme.js';

export interface SiteCounts {
  rooms: number;
  free: number;
  inUse: number;
  outOfService: number;
  faults: number;
  devices: number;
  overdue: number;
}

export function countTiles(tiles: Iterable<SiteTile>): SiteCounts {
  const c: SiteCounts = { rooms: 0, free: 0, inUse: 0, outOfService: 0, faults: 0, devices: 0, overdue: 0 };
  for (const x of tiles) {
    c.rooms++;
    const s = x.state?.status;
    if (s === 'free' || s === 'reserved') c.free++;
    if (s === 'in_use' || s === 'awaiting_checkin') c.inUse++;
    if (s === 'out_of_service') c.outOfService++;
    c.faults += x.faults.length;
    for (const d of x.devices) if (d.health !== 'online' && d.health !== 'revoked') c.devices++;
    if (x.inspection.overdue) c.overdue++;
  }
  return c;
}

const ORDER: (keyof SiteCounts)[] = ['rooms', 'free', 'inUse', 'outOfService', 'faults', 'devices', 'overdue'];

/** The site at a glance: how many rooms are free, in use, out of service; open faults, devices down, inspections overdue. */
export class SiteSummary extends LitElement {
  static override properties = { counts: { attribute: false } };
  declare counts: SiteCounts;
  private readonly i18n = new LocaleController(this);

  static override styles = [
    appStyles,
    css`
      ul { display: flex; flex-wrap: wrap; gap: 0.5em; list-style: none; padding: 0; margin: 0 0 1em; }
      li { background: #fff; border: 1px solid var(--soft-line); border-radius: 8px; padding: 0.3em 0.8em; }
      strong { font-size: 1.2em; margin-inline-end: 0.3em; }
      li.alert { border: 2px solid var(--danger); }
    `,
  ];

  constructor() {
    super();
    this.counts = countTiles([]);
  }

  override render() {
    const t = this.i18n.t;
    const alerting = new Set<keyof SiteCounts>(['faults', 'devices', 'overdue', 'outOfService']);
    return html`<ul aria-label=${t('site.summary')}>
      ${ORDER.map((k) => html`<li data-count=${k} class=${alerting.has(k) && this.counts[k] > 0 ? 'alert' : ''}><strong>${this.counts[k]}</strong>${t(`site.count.${k}`)}</li>`)}
    </ul>`;
  }
}
customElements.define('site-summary', SiteSummary);
declare global {
  interface HTMLElementTagNameMap {
    'site-summary': SiteSummary;
  }
}
