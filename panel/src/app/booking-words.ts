/** Why a booking cannot be made, in the reader's language (from the hub's error code and details). */
import type { AppTranslate } from './controllers/locale.js';

export interface Problem {
  code: string;
  message: string;
  details?: unknown;
}

export function problemText(t: AppTranslate, p: Problem): string {
  const d = (p.details ?? {}) as { users?: { name: string }[]; capacity?: number; reason?: string };
  switch (p.code) {
    case 'conflict':
      return t('check.conflict');
    case 'attendee_busy':
      return t('check.attendeeBusy', { names: (d.users ?? []).map((u) => u.name).join(', ') });
    case 'over_capacity':
      return t('check.overCapacity', { n: d.capacity ?? 0 });
    case 'outside_opening_hours':
      return t('check.outsideHours');
    case 'not_found':
      return t('check.noRoom');
    case 'not_allowed':
      return t('error.not_allowed');
    case 'invalid':
      if (d.reason === 'in_past') return t('check.inPast');
      if (d.reason === 'too_long') return t('check.tooLong');
      if (d.reason === 'end_before_start') return t('check.endBeforeStart');
      if (d.reason === 'out_of_service') return t('check.outOfService');
      return t('error.invalid');
    default:
      return p.message;
  }
}
