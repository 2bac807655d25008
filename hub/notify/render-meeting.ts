/** The meeting life cycle's part of a mail: the action, the materials, or the minutes as distributed (C1). */
import type { MailMessage } from '../app/mail-outbox.js';
import type { mailWords } from './templates.js';

type T = ReturnType<typeof mailWords>;
type Fmt = (ms: number, pattern: string) => string;

export function meetingLines(m: MailMessage, t: T, fmt: Fmt, link: (path: string) => string | null): string[] {
  const c = t('colon');
  const lines: string[] = [];
  if (m.action) {
    const a = m.action.record;
    lines.push('', `${t('label.action')}${c}${a.text}`, `${t('label.owner')}${c}${m.action.owner.name}`, `${t('label.deadline')}${c}${fmt(a.deadline, 'yyyy-MM-dd HH:mm')}`, `${t('label.status')}${c}${t(`actionStatus.${a.status}`)}`);
    const problem = a.problems[a.problems.length - 1];
    if (m.kind === 'action_problem' && problem) lines.push(`${t('label.problem')}${c}${problem.text}`);
    if (m.kind === 'action_answered' && problem?.answer) lines.push(`${t('label.problem')}${c}${problem.text}`, `${t('label.answer')}${c}${problem.answer}`);
    if (m.kind === 'action_answered' && a.evaluation) lines.push(`${t('label.evaluation')}${c}${t(`rating.${a.evaluation.rating}`)}${a.evaluation.text ? `, ${a.evaluation.text}` : ''}`);
    if (m.kind === 'action_done' && a.report) lines.push(`${t('label.report')}${c}${a.report}`);
    if (m.kind === 'action_overdue') {
      if (a.overdueReason && a.remedy) lines.push(`${t('label.overdueReason')}${c}${a.overdueReason}`, `${t('label.remedy')}${c}${a.remedy}`);
      else lines.push(t('analysisNeeded'));
    }
    const url = link(`#/actions/${a.id}`);
    if (url) lines.push(t('open', { link: url }));
  }
  if (m.materials?.length) {
    lines.push('', `${t('label.materials')}:`);
    for (const x of m.materials) lines.push(`- ${x.name} (${Math.max(1, Math.round(x.size / 1024))} KB)${x.late ? ` [${t('late')}]` : ''}`);
    const url = m.booking && link(`#/meetings/${m.booking.record.id}`);
    if (url) lines.push(t('open', { link: url }));
  }
  if (m.minutes) lines.push(...minutesLines(m.minutes, t, fmt), ...(m.booking && link(`#/meetings/${m.booking.record.id}/minutes`) ? ['', t('confirmPlease', { link: link(`#/meetings/${m.booking.record.id}/minutes`)! })] : []));
  return lines;
}

/** C1: topic, time and place are above; here attendees, agenda and discussion, decisions, actions, votes, text. */
function minutesLines(a: NonNullable<MailMessage['minutes']>, t: T, fmt: Fmt): string[] {
  const c = t('colon');
  const sc = t('semicolon');
  const lines = [''];
  if (a.minuteTaker) lines.push(`${t('label.minuteTaker')}${c}${a.minuteTaker.name}`);
  if (a.ccDepartments.length) lines.push(`${t('label.copied')}${c}${a.ccDepartments.join(', ')}`);
  lines.push(`${t('label.approvedBy')}${c}${a.approvedBy}, ${fmt(a.approvedAt, 'yyyy-MM-dd HH:mm')}`);
  lines.push('', `${t('label.attendance')}:`);
  for (const p of a.attendance) lines.push(`- ${p.name}${c}${t(`attendance.${p.status as 'on_time'}`)}${p.leftAt ? `, ${t('attendance.left')} ${fmt(p.leftAt, 'HH:mm')}` : ''}`);
  if (a.agenda.length) {
    lines.push('', `${t('label.agenda')}:`);
    for (const i of a.agenda) {
      lines.push(`${i.section}. ${t(`section.${i.section}`)}${c}${i.title}`);
      if (i.notes.trim()) lines.push(...i.notes.trim().split('\n').map((l) => `   ${l}`));
    }
  }
  if (a.decisions.length) {
    lines.push('', `${t('label.decisions')}:`);
    a.decisions.forEach((d, n) => lines.push(`${n + 1}. ${d.text} (${t('label.owner')}${c}${d.owner}${sc}${t('label.deadline')}${c}${fmt(d.deadline, 'yyyy-MM-dd')})`));
  }
  if (a.actions.length) {
    lines.push('', `${t('label.actions')}:`);
    a.actions.forEach((x, n) => lines.push(`${n + 1}. ${x.text} (${t('label.owner')}${c}${x.owner}${sc}${t('label.deadline')}${c}${fmt(x.deadline, 'yyyy-MM-dd')}; ${t(`actionStatus.${x.status}`)})`));
  }
  if (a.votes.length) {
    lines.push('', `${t('label.votes')}:`);
    for (const v of a.votes) lines.push(`- ${v.question}${c}${Object.entries(v.counts).map(([o, n]) => `${o} ${n}`).join(', ')}${v.winner ? ` → ${v.winner}` : ''}`);
  }
  if (a.text.trim()) lines.push('', `${t('label.discussion')}:`, a.text.trim());
  return lines;
}
