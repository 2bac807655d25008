/**
 * The live site, from the hub's server-sent events (GET /api/site/stream,
 * cookie auth): one `snapshot` with every tile, then a `tile` whenever a room
 * changes. One EventSource per page, shared by whoever listens; no polling.
 * The browser reconnects by itself, and each reconnection starts with a new snapshot.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SiteDto, SiteTile } from '../../../../shared/schemas/site.js';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

export interface SiteListener {
  snapshot?(site: SiteDto): void;
  tile?(tile: SiteTile): void;
  status?(status: StreamStatus): void;
}

const listeners = new Set<SiteListener>();
let source: EventSource | null = null;
let status: StreamStatus = 'connecting';
let last: SiteDto | null = null;

function setStatus(s: StreamStatus) {
  status = s;
  for (const l of listeners) l.status?.(s);
}

function open() {
  source = new EventSource('/api/site/stream');
  setStatus('connecting');
  source.addEventListener('snapshot', (e) => {
    last = JSON.parse((e as MessageEvent<string>).data) as SiteDto;
    setStatus('live');
    for (const l of listeners) l.snapshot?.(last);
  });
  source.addEventListener('tile', (e) => {
    const tile = JSON.parse((e as MessageEvent<string>).data) as SiteTile;
    if (last) {
      const i = last.tiles.findIndex((x) => x.room.id === tile.room.id);
      if (i >= 0) last.tiles[i] = tile;
      else last.tiles.push(tile);
    }
    for (const l of listeners) l.tile?.(tile);
  });
  source.onerror = () => {
    // CLOSED: the hub refused the stream (signed out, or an older hub without it); otherwise it retries.
    setStatus(source?.readyState === EventSource.CLOSED ? 'unavailable' : 'reconnecting');
  };
}

export function subscribeSite(listener: SiteListener): () => void {
  listeners.add(listener);
  if (!source) open();
  else {
    listener.status?.(status);
    if (last && status === 'live') listener.snapshot?.(last);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      source?.close();
      source = null;
      last = null;
    }
  };
}

/** The site stream for an element's lifetime: subscribed while it is connected. */
export class SiteStreamController implements ReactiveController {
  private unsubscribe: (() => void) | null = null;
  constructor(
    host: ReactiveControllerHost,
    private readonly listener: SiteListener,
  ) {
    host.addController(this);
  }
  hostConnected() {
    this.unsubscribe = subscribeSite(this.listener);
  }
  hostDisconnected() {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
