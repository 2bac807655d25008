/** Pages by URL hash (`/#/rooms`, `/#/faults/f-12`): the hub serves one page at `/`. */
export const PAGES = ['site', 'find', 'meetings', 'actions', 'minutes', 'calendar', 'approvals', 'analytics', 'rooms', 'people', 'devices', 'faults', 'inspections', 'audit', 'account'] as const;
export type PageName = (typeof PAGES)[number];

/** Every signed-in person's pages (R1: booking is everyone's); the rest are the administration office's. */
export const MEMBER_PAGES: readonly PageName[] = ['find', 'meetings', 'actions', 'minutes', 'calendar', 'analytics', 'account'];

export interface Route {
  page: PageName;
  id?: string;
  /** A part of that page: `#/meetings/<id>/minutes` is the meeting's minutes. */
  part?: string;
}

export function parseRoute(hash: string): Route | null {
  const [page, id, part] = hash.replace(/^#\/?/, '').split('/').map((s) => decodeURIComponent(s));
  if (!page) return null;
  return (PAGES as readonly string[]).includes(page) ? { page: page as PageName, ...(id ? { id } : {}), ...(id && part ? { part } : {}) } : null;
}

export const href = (page: PageName, id?: string, part?: string) => `#/${page}${id ? `/${encodeURIComponent(id)}${part ? `/${encodeURIComponent(part)}` : ''}` : ''}`;

/** Lazily loaded: each page is its own chunk, so the first page loads only what it shows. */
export const LOADERS: Record<PageName, () => Promise<unknown>> = {
  site: () => import('./pages/site-view.js'),
  find: () => import('./pages/find-page.js'),
  meetings: () => import('./pages/meetings-page.js'),
  actions: () => import('./pages/actions-page.js'),
  minutes: () => import('./pages/minutes-page.js'),
  calendar: () => import('./pages/room-calendar.js'),
  approvals: () => import('./pages/approvals-page.js'),
  analytics: () => import('./pages/analytics-page.js'),
  rooms: () => import('./pages/rooms-page.js'),
  people: () => import('./pages/people-page.js'),
  devices: () => import('./pages/devices-page.js'),
  faults: () => import('./pages/faults-page.js'),
  inspections: () => import('./pages/inspections-page.js'),
  audit: () => import('./pages/audit-page.js'),
  account: () => import('./pages/account-page.js'),
};
