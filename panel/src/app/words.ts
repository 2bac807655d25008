/**
 * States in words, each with an icon and a tone beside the word (colour is
 * never the only sign). Room states use the panel's words from the shared
 * catalogue, so the office reads exactly what the door shows.
 */
import { html, type TemplateResult } from 'lit';
import type { BookingStatus, RoomStatus } from '../../../shared/enums.js';
import type { FaultStatus } from '../../../shared/schemas/faults.js';
import type { DeviceHealth } from '../../../shared/schemas/http.js';
import { equipmentName } from '../i18n.js';
import type { AppTranslate } from './controllers/locale.js';
import { icon, type IconName } from './icons.js';

type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'muted';

export const ROOM_STATUS_ICON: Record<RoomStatus, IconName> = {
  free: 'ring',
  reserved: 'half',
  awaiting_checkin: 'clock',
  in_use: 'dot',
  closed: 'square',
  out_of_service: 'slash',
};

const FAULT: Record<FaultStatus, [IconName, Tone]> = {
  reported: ['alert', 'bad'],
  acknowledged: ['eye', 'warn'],
  in_repair: ['wrench', 'warn'],
  resolved: ['check', 'ok'],
  rejected: ['cross', 'muted'],
};

const HEALTH: Record<DeviceHealth, [IconName, Tone]> = {
  online: ['check', 'ok'],
  offline: ['cross', 'bad'],
  lost: ['alert', 'bad'],
  stale: ['clock', 'warn'],
  never_seen: ['dash', 'muted'],
  revoked: ['slash', 'muted'],
};

const BOOKING: Record<BookingStatus, [IconName, Tone]> = {
  confirmed: ['check', 'ok'],
  checked_in: ['dot', 'ok'],
  completed: ['check', 'muted'],
  released: ['slash', 'muted'],
  cancelled: ['cross', 'muted'],
  pending_approval: ['clock', 'warn'],
  rejected: ['cross', 'bad'],
};

/** A booking's status as a pill; an approved after-hours booking says "approved" (R15). */
export function bookingPill(t: AppTranslate, b: { status: BookingStatus; approvedAt?: string | null }) {
  if (b.status === 'confirmed' && b.approvedAt) return pill('ok', 'check', t('booking.status.approved'), 'approved');
  const [i, tone] = BOOKING[b.status];
  return pill(tone, i, t(`booking.status.${b.status}`), b.status);
}

const RESULT: Record<'pass' | 'fail' | 'na', [IconName, Tone]> = { pass: ['check', 'ok'], fail: ['cross', 'bad'], na: ['dash', 'muted'] };

export function pill(tone: Tone, name: IconName, word: string, data?: string): TemplateResult {
  return html`<span class="pill tone-${tone}" data-state=${data ?? ''}>${icon(name)}${word}</span>`;
}

export const roomStatusWord = (t: AppTranslate, s: RoomStatus) => t(`status.${s}`);
export const faultStatusWord = (t: AppTranslate, s: FaultStatus) => t(`faultStatus.${s}`);
export const healthWord = (t: AppTranslate, h: DeviceHealth) => t(`health.${h}`);

export const faultPill = (t: AppTranslate, s: FaultStatus) => pill(FAULT[s][1], FAULT[s][0], faultStatusWord(t, s), s);
export const healthPill = (t: AppTranslate, h: DeviceHealth) => pill(HEALTH[h][1], HEALTH[h][0], healthWord(t, h), h);
export const resultPill = (t: AppTranslate, r: 'pass' | 'fail' | 'na') => pill(RESULT[r][1], RESULT[r][0], t(`inspection.result.${r}`), r);
export const overduePill = (t: AppTranslate) => pill('bad', 'alert', t('inspection.overdue'), 'overdue');

/** Equipment by name; a fault opened by a failed inspection item (R11) names the checklist item instead. */
export function equipment(t: AppTranslate, item: string): string {
  if (item in CHECKLIST_ITEMS) return t(CHECKLIST_ITEMS[item as keyof typeof CHECKLIST_ITEMS]);
  return equipmentName(t, item);
}

const CHECKLIST_ITEMS = {
  fire_extinguisher: 'item.fire_extinguisher',
  exits_and_signs: 'item.exits_and_signs',
  electrical: 'item.electrical',
  cleanliness: 'item.cleanliness',
} as const;

export const KNOWN_EQUIPMENT = ['projector', 'whiteboard', 'tv', 'video_conference'] as const;

export const deviceKindWord = (t: AppTranslate, kind: string) =>
  kind === 'panel' || kind === 'reader' || kind === 'sensor' ? t(`device.kind.${kind}`) : kind;
