/** A benchmark site: N rooms, each with a panel, a reader, a sensor and a host with a badge. */
import type { HubProcess } from './hub-process.js';
import { pool } from './pool.js';

export interface SiteRoom {
  room: string;
  host: string;
  badge: string;
  panel: { id: string; token: string };
  reader: { id: string; token: string };
  sensor: { id: string; token: string };
}

const ALWAYS_OPEN = [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }];

export async function provisionSite(hub: HubProcess, rooms: number): Promise<SiteRoom[]> {
  const must = async (method: string, path: string, body: unknown) => {
    const r = await hub.api(method, path, body);
    if (r.status !== 201) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const ids = Array.from({ length: rooms }, (_, i) => `r${String(i).padStart(4, '0')}`);
  return pool(ids, 8, async (room, i) => {
    await must('POST', '/api/rooms', { id: room, name: `Room ${room}`, capacity: 12, equipment: ['projector'], timeZone: 'UTC', openingHours: ALWAYS_OPEN });
    const badge = `04${(0xa00000 + i).toString(16).toUpperCase()}01`;
    await must('POST', '/api/users', { id: `h-${room}`, username: `h-${room}`, name: `Host ${room}`, badgeUid: badge });
    const device = async (kind: string) => {
      const d = await must('POST', '/api/devices', { kind, room, id: `${room}-${kind}` });
      return { id: d.id as string, token: d.token as string };
    };
    return { room, host: `h-${room}`, badge, panel: await device('panel'), reader: await device('reader'), sensor: await device('sensor') };
  });
}
