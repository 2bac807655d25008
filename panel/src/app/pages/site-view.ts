import { css, html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { SiteDto, SiteTile as Tile } from '../../../../shared/schemas/site.js';
import { LocaleController } from '../controllers/locale.js';
import { SiteStreamController, type StreamStatus } from '../controllers/site-stream.js';
import { icon } from '../icons.js';
import { appStyles } from '../theme.js';
import { countTiles, type SiteCounts } from './site-summary.js';
import '../meeting/meeting-attention.js';
import './site-tile.js';
import type { SiteTile } from './site-tile.js';

interface Floor {
  floor: string | null;
  tiles: Tile[];
}
interface Building {
  building: string | null;
  floors: Floor[];
}

const byName = new Intl.Collator(undefined, { numeric: true });

/** A room needs the office's attention: out of service, an open fault, a device down, an overdue inspection (R9, R11). */
export function needsAttention(tile: Tile): boolean {
  return (
    tile.state?.status === 'out_of_service' ||
    tile.faults.length > 0 ||
    tile.inspection.overdue ||
    tile.devices.some((d) => d.health !== 'online' && d.health !== 'revoked')
  );
}

/**
 * The live site view: every room as a tile, grouped by building and floor,
 * from the hub's event stream (no polling). Built for a thousand rooms: the
 * snapshot renders once; a changed room re-renders its own tile only
 * (measured: performance measures `site-view:first-render` and `site-view:update`).
 */
export class SiteView extends LitElement {
  static override properties = { groups: { state: true }, status: { state: true }, onlyAttention: { state: true } };
  declare groups: Building[];
  declare status: StreamStatus;
  declare onlyAttention: boolean;
  private readonly i18n = new LocaleController(this);
  private tiles = new Map<string, Tile>();
  private placed = new Map<string, string>();
  private tileEls = new Map<string, SiteTile>();
  private firstRender = true;

  static override styles = [
    appStyles,
    css`
      :host { display: block; }
      .top { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 0.5em 1em; }
      .live { font-weight: 600; }
      section.building { margin-bottom: 1.4em; }
      section.floor { margin: 0 0 1em; content-visibility: auto; contain-intrinsic-size: auto 600px; }
      h2 { border-bottom: 2px solid var(--soft-line); padding-bottom: 0.2em; }
      h3 { color: var(--muted); font-size: 1rem; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 0.7em; }
      site-tile { display: block; contain: content; }
      .tile { background: #fff; border: 1px solid var(--soft-line); border-radius: 10px; overflow: hidden; height: 100%; }
      .tile .head { color: #fff; padding: 0.45em 0.7em; display: flex; justify-content: space-between; align-items: center; gap: 0.5em; }
      .tile h4 { margin: 0; font-size: 1rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .tile .state { display: inline-flex; align-items: center; gap: 0.3em; font-weight: 700; white-space: nowrap; font-size: 0.92em; }
      .tile .state svg { width: 1em; height: 1em; }
      .tile dl { margin: 0; padding: 0.5em 0.7em 0.6em; display: grid; grid-template-columns: auto 1fr; gap: 0.2em 0.6em; font-size: 0.9em; }
      .tile dt { color: var(--muted); }
      .tile dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
      .tile .faults, .tile .devices { display: flex; flex-direction: column; gap: 0.15em; }
      .empty { padding: 2em; text-align: center; }
    `,
  ];

  constructor() {
    super();
    this.groups = [];
    this.status = 'connecting';
    this.onlyAttention = false;
    performance.mark('site-view:start');
    new SiteStreamController(this, {
      snapshot: (site) => this.onSnapshot(site),
      tile: (tile) => this.onTile(tile),
      status: (s) => (this.status = s),
    });
  }

  private onSnapshot(site: SiteDto) {
    performance.mark('site-view:snapshot');
    this.tiles = new Map(site.tiles.filter((x) => !x.room.archived).map((x) => [x.room.id, x]));
    this.regroup();
  }

  private onTile(tile: Tile) {
    const start = performance.now();
    const id = tile.room.id;
    if (tile.room.archived) {
      this.tiles.delete(id);
      this.regroup();
      return;
    }
    this.tiles.set(id, tile);
    const el = this.tileEls.get(id);
    const visible = !this.onlyAttention || needsAttention(tile);
    // Same place in the layout: only this tile renders again; otherwise the groups are rebuilt.
    if (el && this.placed.get(id) === placeKey(tile) && visible) {
      el.tile = tile;
      this.summary();
      void el.updateComplete.then(() => performance.measure('site-view:update', { start, end: performance.now() }));
    } else {
      this.regroup();
      void this.updateComplete.then(() => performance.measure('site-view:update', { start, end: performance.now() }));
    }
  }

  /** The counters live in their own element: a tile's change does not re-render the whole view. */
  private summary() {
    const el = this.renderRoot.querySelector('site-summary');
    const counts = countTiles(this.tiles.values());
    if (el) el.counts = counts;
    else this.pendingCounts = counts;
  }

  private pendingCounts: SiteCounts | null = null;

  private regroup() {
    const buildings = new Map<string, Map<string, Tile[]>>();
    this.placed.clear();
    for (const tile of this.tiles.values()) {
      if (this.onlyAttention && !needsAttention(tile)) continue;
      const b = tile.room.building ?? '';
      const f = tile.room.floor ?? '';
      let floors = buildings.get(b);
      if (!floors) buildings.set(b, (floors = new Map()));
      let list = floors.get(f);
      if (!list) floors.set(f, (list = []));
      list.push(tile);
      this.placed.set(tile.room.id, placeKey(tile));
    }
    const sortKey = (s: string) => (s === '' ? '\uffff' : s); // unplaced rooms last
    this.groups = [...buildings.entries()]
      .sort(([a], [b]) => byName.compare(sortKey(a), sortKey(b)))
      .map(([building, floors]) => ({
        building: building || null,
        floors: [...floors.entries()]
          .sort(([a], [b]) => byName.compare(sortKey(a), sortKey(b)))
          .map(([floor, tiles]) => ({ floor: floor || null, tiles: tiles.sort((x, y) => byName.compare(x.room.name, y.room.name)) })),
      }));
    this.summary();
  }

  override updated() {
    if (this.pendingCounts) {
      const el = this.renderRoot.querySelector('site-summary');
      if (el) el.counts = this.pendingCounts;
      this.pendingCounts = null;
    }
    this.tileEls = new Map(Array.from(this.renderRoot.querySelectorAll('site-tile')).map((el) => [el.dataset.room!, el]));
    if (this.firstRender && this.status === 'live') {
      this.firstRender = false;
      // Until the tiles have rendered and the browser has painted them.
      void Promise.all([...this.tileEls.values()].map((el) => el.updateComplete)).then(() =>
        requestAnimationFrame(() => setTimeout(() => {
          performance.measure('site-view:first-render', 'site-view:start');
          performance.measure('site-view:snapshot-to-render', 'site-view:snapshot');
          this.dataset.rendered = 'true';
        })),
      );
    }
  }

  override render() {
    const { t } = this.i18n;
    return html`
      <div class="top">
        <h1>${t('site.title')}</h1>
        <p class="live" role="status" data-stream=${this.status}>
          ${this.status === 'live' ? html`<span class="tone-ok">${icon('dot')}</span> ${t('site.live')}` : t(`site.stream.${this.status}`)}
        </p>
      </div>
      <site-summary></site-summary>
      <meeting-attention></meeting-attention>
      <div class="toolbar">
        <label class="row"><input type="checkbox" data-filter="attention" .checked=${this.onlyAttention}
          @change=${(e: Event) => { this.onlyAttention = (e.target as HTMLInputElement).checked; this.regroup(); }} />${t('site.onlyAttention')}</label>
      </div>
      ${this.status === 'live' && this.groups.length === 0 ? html`<p class="empty card">${this.onlyAttention ? t('site.allWell') : t('site.noRooms')}</p>` : nothing}
      ${this.groups.map(
        (b, i) => html`<section class="building" aria-labelledby="building-${i}">
          <h2 id="building-${i}">${b.building ?? t('site.noBuilding')}</h2>
          ${b.floors.map(
            (f) => html`<section class="floor" aria-label="${b.building ?? t('site.noBuilding')} · ${f.floor ? t('site.floor', { floor: f.floor }) : t('site.noFloor')}">
              <h3>${f.floor ? t('site.floor', { floor: f.floor }) : t('site.noFloor')}</h3>
              <div class="grid">${repeat(f.tiles, (x) => x.room.id, (x) => html`<site-tile data-room=${x.room.id} .tile=${x}></site-tile>`)}</div>
            </section>`,
          )}
        </section>`,
      )}
    `;
  }
}

function placeKey(tile: Tile): string {
  return `${tile.room.building ?? ''}\u0000${tile.room.floor ?? ''}\u0000${tile.room.name}`;
}

customElements.define('site-view', SiteView);
declare global {
  interface HTMLElementTagNameMap {
    'site-view': SiteView;
  }
}
