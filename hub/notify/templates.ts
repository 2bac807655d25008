/**
 * The words of every mail, in Simplified Chinese (the office's language) and
 * English, chosen by the recipient's language (contract §5). No policy ids on
 * what people read.
 */
import type { NoticeKind } from '../app/notices.js';

type Words = Record<`subject.${NoticeKind}` | `intro.${NoticeKind}` | 'label.topic' | 'label.time' | 'label.place' | 'label.host' | 'label.attendees' | 'label.recurrence' | 'label.reason' | 'label.note' | 'label.from' | 'shortNotice' | 'pending' | 'open' | 'reason.no_show' | 'reason.not_approved_in_time' | 'reason.rejected' | 'reason.ended_unused' | 'footer', string>;

const en: Words = {
  'subject.booking_notice': 'Meeting: {title}, {when}, {room}',
  'subject.booking_changed': 'Changed: {title}, {when}, {room}',
  'subject.booking_cancelled': 'Cancelled: {title}, {when}',
  'subject.booking_released': 'Released, nobody checked in: {title}, {when}',
  'subject.meeting_ended_empty': 'Ended, the room was empty: {title}',
  'subject.approval_requested': 'Approval needed: {title}, {when}, {room}',
  'subject.request_received': 'Waiting for approval: {title}, {when}',
  'subject.booking_approved': 'Approved: {title}, {when}, {room}',
  'subject.booking_rejected': 'Not approved: {title}, {when}',
  'subject.series_notice': 'Recurring meeting: {title}, {room}',
  'subject.series_ended': 'Recurring meeting ended: {title}',
  'intro.booking_notice': 'You are invited to a meeting.',
  'intro.booking_changed': 'A meeting you are in has changed.',
  'intro.booking_cancelled': 'This meeting is cancelled, or you are no longer in it.',
  'intro.booking_released': 'Nobody checked in by the end of the grace period, so the room was given back. The meeting is off.',
  'intro.meeting_ended_empty': 'The room stayed empty with no badge tap, so the meeting was ended and the room freed.',
  'intro.approval_requested': 'A booking outside opening hours is waiting for your approval in the dashboard.',
  'intro.request_received': 'Your booking is outside opening hours. It holds the room while the administration office decides.',
  'intro.booking_approved': 'Your booking outside opening hours is approved.',
  'intro.booking_rejected': 'Your booking outside opening hours was not approved. The room is free again.',
  'intro.series_notice': 'You are invited to a recurring meeting.',
  'intro.series_ended': 'A recurring meeting you are in has ended.',
  'label.topic': 'Topic',
  'label.time': 'Time',
  'label.place': 'Place',
  'label.host': 'Host',
  'label.attendees': 'Attendees',
  'label.recurrence': 'Repeats',
  'label.reason': 'Why',
  'label.note': 'Note',
  'label.from': 'From',
  shortNotice: 'Short notice: booked less than the notice period ahead.',
  pending: 'Waiting for approval.',
  open: 'Open: {link}',
  'reason.no_show': 'nobody checked in',
  'reason.not_approved_in_time': 'not approved before it was due to start',
  'reason.rejected': 'rejected by the administration office',
  'reason.ended_unused': 'ended before anyone checked in',
  footer: 'Sent by the meeting hub. Please arrive and sign in before the start.',
};

const zh: Words = {
  'subject.booking_notice': '会议通知：{title}，{when}，{room}',
  'subject.booking_changed': '会议变更：{title}，{when}，{room}',
  'subject.booking_cancelled': '会议取消：{title}，{when}',
  'subject.booking_released': '会议室已释放（无人签到）：{title}，{when}',
  'subject.meeting_ended_empty': '会议已结束（会议室无人）：{title}',
  'subject.approval_requested': '待审批：{title}，{when}，{room}',
  'subject.request_received': '等待审批：{title}，{when}',
  'subject.booking_approved': '已批准：{title}，{when}，{room}',
  'subject.booking_rejected': '未批准：{title}，{when}',
  'subject.series_notice': '例会通知：{title}，{room}',
  'subject.series_ended': '例会结束：{title}',
  'intro.booking_notice': '您受邀参加以下会议。',
  'intro.booking_changed': '您参加的会议有变更。',
  'intro.booking_cancelled': '此会议已取消，或您已不在参会名单中。',
  'intro.booking_released': '宽限时间内无人签到，会议室已释放，会议取消。',
  'intro.meeting_ended_empty': '会议室长时间无人且无刷卡，会议已结束，会议室已释放。',
  'intro.approval_requested': '有一项非工作时间的预订等待您在管理后台审批。',
  'intro.request_received': '您的预订在非工作时间，审批期间会议室为您保留。',
  'intro.booking_approved': '您的非工作时间预订已获批准。',
  'intro.booking_rejected': '您的非工作时间预订未获批准，会议室已释放。',
  'intro.series_notice': '您受邀参加以下例会。',
  'intro.series_ended': '您参加的例会已结束。',
  'label.topic': '议题',
  'label.time': '时间',
  'label.place': '地点',
  'label.host': '主持人',
  'label.attendees': '参会人员',
  'label.recurrence': '重复',
  'label.reason': '原因',
  'label.note': '说明',
  'label.from': '起始',
  shortNotice: '临时会议：预订时间晚于提前通知期限。',
  pending: '等待审批。',
  open: '查看：{link}',
  'reason.no_show': '无人签到',
  'reason.not_approved_in_time': '开始前未获批准',
  'reason.rejected': '行政办公室未批准',
  'reason.ended_unused': '无人签到即结束',
  footer: '本邮件由会议管理系统发送。请提前到场签到。',
};

export type MailWord = keyof Words;

export function mailWords(locale: 'zh-CN' | 'en'): (key: MailWord, params?: Record<string, string>) => string {
  const words = locale === 'en' ? en : zh;
  return (key, params = {}) => words[key].replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? `{${name}}`);
}
