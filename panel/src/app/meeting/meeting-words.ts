/** The meeting record's states in words, each with an icon (colour never alone). */
import { html, nothing } from 'lit';
import type { ActionDto, AGENDA_SECTIONS, EVALUATION_RATINGS, MeetingDto, MinutesDto } from '../../../../shared/schemas/meetings.js';
import { ApiError } from '../api.js';
import '../app-dialog.js';
import type { AppTranslate, Note } from '../controllers/locale.js';
import { pill } from '../words.js';
import { fromWall } from '../zoned.js';

/** An action item: overdue first said (C7), then done or in progress or open. */
export function actionPill(t: AppTranslate, a: Pick<ActionDto, 'status' | 'overdue'>) {
  if (a.overdue) return pill('bad', 'alert', t('actionItem.state.overdue'), 'overdue');
  if (a.status === 'done') return pill('ok', 'check', t('actionItem.state.done'), 'done');
  if (a.status === 'in_progress') return pill('info', 'half', t('actionItem.state.in_progress'), 'in_progress');
  return pill('muted', 'ring', t('actionItem.state.open'), 'open');
}

export function minutesPill(t: AppTranslate, m: Pick<MinutesDto, 'status'>) {
  switch (m.status) {
    case 'approved':
      return pill('ok', 'check', t('minutes.status.approved'), 'approved');
    case 'submitted':
      return pill('info', 'clock', t('minutes.status.submitted'), 'submitted');
    case 'draft':
      return pill('warn', 'half', t('minutes.status.draft'), 'draft');
    default:
      return pill('muted', 'ring', t('minutes.status.not_started'), 'not_started');
  }
}

/** A deadline (C2, C3): met, missed or still open. */
export function deadlinePill(t: AppTranslate, d: MinutesDto['draft']) {
  if (d.missed || d.met === false) return pill('bad', 'alert', t('minutes.deadline.missed'), 'missed');
  if (d.met) return pill('ok', 'check', t('minutes.deadline.met'), 'met');
  return pill('muted', 'clock', t('minutes.deadline.open'), 'open');
}

/** A deadline typed as a day: the end of that working day (18:00) in the room's zone. */
export const dayEnd = (day: string, zone?: string) => new Date(fromWall(day, '18:00', zone)).toISOString();

/** A datetime-local value (`YYYY-MM-DDTHH:mm`) in this browser's zone as an ISO instant. */
export const localToIso = (v: string) => new Date(v).toISOString();

/**
 * The schemas' lists, repeated here so the pages do not pull zod into the
 * browser; typed against them, so a change there fails to compile here.
 */
export const SECTIONS: readonly (typeof AGENDA_SECTIONS)[number][] = ['a', 'b', 'c', 'd', 'e', 'f'];
export const RATINGS: readonly (typeof EVALUATION_RATINGS)[number][] = ['good', 'acceptable', 'poor'];

/** What a part of the page says after an action: done (a polite status) or refused (an alert). */
export function feedback(t: AppTranslate, message: Note | null, error: string) {
  return html`<div role="status">${message ? html`<p class="notice" data-message>${t(...message)}</p>` : nothing}</div>
    ${error ? html`<p class="form-error" role="alert">${error}</p>` : nothing}`;
}

/** The roles that run a meeting (host, delegate) and the administration office: they set it up and follow it up. */
export const RUNS: readonly string[] = ['host', 'delegate', 'admin'];

/** Those who keep the record (minutes, decisions, actions): who runs the meeting and its minute taker (M9). */
export const KEEPS_RECORD: readonly string[] = ['host', 'delegate', 'minute_taker', 'admin'];

/** The meeting's own people: they vote and confirm the minutes (M6, M9). */
export const AUDIENCE: readonly string[] = ['host', 'delegate', 'minute_taker', 'attendee'];

/** Whether the signed-in person holds any of these roles in the meeting (the hub checks again, G2). */
export const holdsRole = (meeting: { roles: readonly string[] }, roles: readonly string[]) => meeting.roles.some((r) => roles.includes(r));

/**
 * "Are you sure" before something is removed for good: a modal dialog whose
 * Cancel (or Escape) keeps it and whose danger button (`data-action=confirm`) goes on.
 */
export function confirmRemoval(t: AppTranslate, c: { open: boolean; heading: string; body: string; confirm: string; action: string; cancel: () => void; go: () => void }) {
  return html`<app-dialog .open=${c.open} heading=${c.heading} @dialog-close=${c.cancel}>
    <p>${c.body}</p>
    <div class="actions">
      <button type="button" @click=${c.cancel}>${t('action.cancel')}</button>
      <button type="button" class="primary danger" data-action=${c.action} @click=${c.go}>${c.confirm}</button>
    </div>
  </app-dialog>`;
}

/** Whether `updated()` was handed another meeting than before (the part loads its data anew). */
export function meetingSwitched(changed: Map<string, unknown>, now: MeetingDto | null): boolean {
  return changed.has('meeting') && !!now && now.booking !== (changed.get('meeting') as MeetingDto | null | undefined)?.booking;
}

/** The words of a refusal from the hub, or the general one. */
export const failure = (t: AppTranslate, err: unknown) => (err instanceof ApiError ? err.message : t('error.internal'));
