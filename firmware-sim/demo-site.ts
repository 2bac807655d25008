/**
 * The demo site: three rooms, four people with badges, a panel, a reader and
 * a sensor per room. Provisioned through the hub's HTTP API, as the
 * administration office would.
 */
import type { HubApi } from './hub-api.js';

/** Open every day (08:00-18:00), so the demo day works whatever day it is run on. */
const DEMO_OPENING_HOURS = [{ days: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '18:00' }];

export const DEMO_ROOMS = [
  { id: 'alpha', name: 'Alpha 会议室 A', capacity: 8, equipment: ['projector', 'whiteboard', 'video_conference'] },
  { id: 'beta', name: 'Beta 会议室 B', capacity: 4, equipment: ['whiteboard', 'tv'] },
  { id: 'gamma', name: 'Gamma 会议室 C', capacity: 12, equipment: ['projector', 'whiteboard'] },
] as const;

export const DEMO_PEOPLE = [
  { id: 'liwei', name: 'Li Wei 李伟', department: 'Customer Service', badgeUid: '04A1B2C3' },
  { id: 'zhangmin', name: 'Zhang Min 张敏', department: 'Customer Service', badgeUid: '04D4E5F6' },
  { id: 'wangfang', name: 'Wang Fang 王芳', department: 'Quality', badgeUid: '04112233' },
  { id: 'chenjie', name: 'Chen Jie 陈杰', department: 'Customer Service', badgeUid: '04556677889900' }, // 7-byte UID (NTAG): Alpha's reader is an ISO 14443A PN532
] as const;

export type DemoRoomId = (typeof DEMO_ROOMS)[number]['id'];
export interface DemoDeviceTokens {
  [room: string]: { panel: { id: string; token: string }; reader: { id: string; token: string }; sensor: { id: string; token: string } };
}

export async function provisionDemoSite(api: HubApi, timeZone: string): Promise<DemoDeviceTokens> {
  for (const p of DEMO_PEOPLE) {
    await api.post('/api/users', { id: p.id, username: p.id, name: p.name, role: 'member', department: p.department, badgeUid: p.badgeUid });
  }
  const tokens: DemoDeviceTokens = {};
  for (const r of DEMO_ROOMS) {
    await api.post('/api/rooms', { id: r.id, name: r.name, capacity: r.capacity, equipment: [...r.equipment], timeZone, openingHours: DEMO_OPENING_HOURS });
    const make = (kind: 'panel' | 'reader' | 'sensor') => api.post<{ id: string; token: string }>('/api/devices', { kind, room: r.id, id: `${r.id}-${kind}` });
    tokens[r.id] = { panel: await make('panel'), reader: await make('reader'), sensor: await make('sensor') };
  }
  return tokens;
}
