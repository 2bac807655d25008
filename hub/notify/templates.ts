/**
 * The words of every mail, in Simplified Chinese (the office's language) and
 * English, chosen by the recipient's language (contract §5). No policy ids on
 * what people read.
 */
import type { NoticeKind } from '../app/notices.js';

type MeetingWord =
  | 'label.action'
  | 'label.owner'
  | 'label.deadline'
  | 'label.status'
  | 'label.problem'
  | 'label.answer'
  | 'label.report'
  | 'label.evaluation'
  | 'label.overdueReason'
  | 'label.remedy'
  | 'label.materials'
  | 'label.minuteTaker'
  | 'label.attendance'
  | 'label.agenda'
  | 'label.decisions'
  | 'label.actions'
  | 'label.votes'
  | 'label.discussion'
  | 'label.approvedBy'
  | 'label.copied'
  | 'late'
  | 'analysisNeeded'
  | 'confirmPlease'
  | `section.${'a' | 'b' | 'c' | 'd' | 'e' | 'f'}`
  | `attendance.${'expected' | 'on_time' | 'late' | 'absent' | 'left'}`
  | `actionStatus.${'open' | 'in_progress' | 'done'}`
  | `rating.${'good' | 'acceptable' | 'poor'}`;

type Words = Record<
  | `subject.${NoticeKind}`
  | `intro.${NoticeKind}`
  | 'label.topic'
  | 'label.time'
  | 'label.place'
  | 'label.host'
  | 'label.attendees'
  | 'label.recurrence'
  | 'label.reason'
  | 'label.note'
  | 'label.from'
  | 'shortNotice'
  | 'pending'
  | 'open'
  | 'reason.no_show'
  | 'reason.not_approved_in_time'
  | 'reason.rejected'
  | 'reason.ended_unused'
  | 'footer'
  | 'footer.plain'
  | 'colon'
  | 'semicolon'
  | MeetingWord,
  string
>;

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
  'subject.material_added_late': 'Late materials: {title}, {when}',
  'subject.materials_reminder': 'Materials to read: {title}, {when}',
  'subject.action_assigned': 'Action for you: {title}',
  'subject.action_problem': 'Problem raised on an action: {title}',
  'subject.action_done': 'Action reported done: {title}',
  'subject.action_answered': 'Your action, answered: {title}',
  'subject.action_overdue': 'Overdue action: {title}',
  'subject.minutes_submitted': 'Minutes to review: {title}, {when}',
  'subject.minutes_returned': 'Minutes returned for changes: {title}',
  'subject.minutes_distributed': 'Minutes: {title}, {when}',
  'subject.minutes_draft_reminder': 'Minutes due soon: {title}',
  'subject.minutes_draft_missed': 'Minutes not drafted in time: {title}',
  'subject.minutes_distribute_reminder': 'Minutes to distribute soon: {title}',
  'subject.minutes_distribute_missed': 'Minutes not distributed in time: {title}',
  'intro.material_added_late': 'The host added materials after they were due. Please read them before the meeting.',
  'intro.materials_reminder': 'The meeting is tomorrow. Please read its materials before you come.',
  'intro.action_assigned': 'An action from a meeting is now yours. Please plan it and report its progress.',
  'intro.action_problem': 'The owner of an action from your meeting has raised a problem.',
  'intro.action_done': 'An action from your meeting is reported done. Please evaluate how it was carried out.',
  'intro.action_answered': 'The host has answered about your action.',
  'intro.action_overdue': 'This action is past its deadline and not done. Its owner records why and what will fix it; it comes up at the next meeting.',
  'intro.minutes_submitted': 'The minutes of your meeting are ready for your review. Approving them sends them to everyone.',
  'intro.minutes_returned': 'The host returned the minutes for changes.',
  'intro.minutes_distributed': 'The minutes of the meeting, as approved. Please read and confirm them.',
  'intro.minutes_draft_reminder': 'The minutes of this meeting are due soon (within 24 hours of its end).',
  'intro.minutes_draft_missed': 'The minutes of this meeting were not drafted within 24 hours of its end.',
  'intro.minutes_distribute_reminder': 'The minutes of this meeting must reach everyone soon (within 48 hours of its end).',
  'intro.minutes_distribute_missed': 'The minutes of this meeting were not distributed within 48 hours of its end.',
  'label.action': 'Action',
  'label.owner': 'Owner',
  'label.deadline': 'Deadline',
  'label.status': 'Status',
  'label.problem': 'Problem',
  'label.answer': 'Answer',
  'label.report': 'Completion report',
  'label.evaluation': 'Evaluation',
  'label.overdueReason': 'Why it is late',
  'label.remedy': 'What will fix it',
  'label.materials': 'Materials',
  'label.minuteTaker': 'Minute taker',
  'label.attendance': 'Attendance',
  'label.agenda': 'Agenda and discussion',
  'label.decisions': 'Decisions',
  'label.actions': 'Actions',
  'label.votes': 'Votes',
  'label.discussion': 'Minutes',
  'label.approvedBy': 'Approved by',
  'label.copied': 'Copied to',
  late: 'late',
  analysisNeeded: 'Not yet analysed: the owner must say why it is late and what will fix it.',
  confirmPlease: 'Please confirm the minutes: {link}',
  'section.a': 'Review of the last minutes',
  'section.b': 'Reports',
  'section.c': 'Topics',
  'section.d': 'Problems and difficulties',
  'section.e': 'Plans and goals',
  'section.f': 'Other business',
  'attendance.expected': 'expected',
  'attendance.on_time': 'on time',
  'attendance.late': 'late',
  'attendance.absent': 'absent',
  'attendance.left': 'left early',
  'actionStatus.open': 'open',
  'actionStatus.in_progress': 'in progress',
  'actionStatus.done': 'done',
  'rating.good': 'good',
  'rating.acceptable': 'acceptable',
  'rating.poor': 'poor',
  footer: 'Sent by the meeting hub. Please arrive and sign in before the start.',
  'footer.plain': 'Sent by the meeting hub.',
  colon: ': ',
  semicolon: '; ',
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
  'subject.material_added_late': '会议资料（逾期补发）：{title}，{when}',
  'subject.materials_reminder': '请阅读会议资料：{title}，{when}',
  'subject.action_assigned': '您有新的会议任务：{title}',
  'subject.action_problem': '会议任务反馈问题：{title}',
  'subject.action_done': '会议任务已完成：{title}',
  'subject.action_answered': '您的会议任务有回复：{title}',
  'subject.action_overdue': '会议任务逾期：{title}',
  'subject.minutes_submitted': '会议纪要待审核：{title}，{when}',
  'subject.minutes_returned': '会议纪要退回修改：{title}',
  'subject.minutes_distributed': '会议纪要：{title}，{when}',
  'subject.minutes_draft_reminder': '会议纪要即将到期：{title}',
  'subject.minutes_draft_missed': '会议纪要未按时起草：{title}',
  'subject.minutes_distribute_reminder': '会议纪要即将到期分发：{title}',
  'subject.minutes_distribute_missed': '会议纪要未按时分发：{title}',
  'intro.material_added_late': '主持人在截止时间后补充了会议资料，请在会前阅读。',
  'intro.materials_reminder': '会议将于明天召开，请在会前阅读会议资料。',
  'intro.action_assigned': '您被指定为以下会议任务的负责人，请制定计划并汇报进展。',
  'intro.action_problem': '您会议中的任务负责人反馈了问题。',
  'intro.action_done': '您会议中的任务已报告完成，请评价执行情况。',
  'intro.action_answered': '主持人对您的任务作出了回复。',
  'intro.action_overdue': '此任务已过期限仍未完成。负责人须说明原因及补救措施，并将在下次会议上通报。',
  'intro.minutes_submitted': '您会议的纪要已提交，请审核。批准后将发送给所有人。',
  'intro.minutes_returned': '主持人退回了会议纪要，请修改。',
  'intro.minutes_distributed': '以下为经批准的会议纪要，请阅读并确认。',
  'intro.minutes_draft_reminder': '此会议的纪要即将到期（须在会议结束后24小时内完成）。',
  'intro.minutes_draft_missed': '此会议的纪要未在会议结束后24小时内完成起草。',
  'intro.minutes_distribute_reminder': '此会议的纪要须尽快分发（会议结束后48小时内）。',
  'intro.minutes_distribute_missed': '此会议的纪要未在会议结束后48小时内分发。',
  'label.action': '任务',
  'label.owner': '负责人',
  'label.deadline': '期限',
  'label.status': '状态',
  'label.problem': '问题',
  'label.answer': '回复',
  'label.report': '完成报告',
  'label.evaluation': '评价',
  'label.overdueReason': '逾期原因',
  'label.remedy': '补救措施',
  'label.materials': '会议资料',
  'label.minuteTaker': '记录人',
  'label.attendance': '出席情况',
  'label.agenda': '议程及讨论',
  'label.decisions': '决议',
  'label.actions': '任务',
  'label.votes': '表决',
  'label.discussion': '纪要正文',
  'label.approvedBy': '批准人',
  'label.copied': '抄送',
  late: '逾期',
  analysisNeeded: '尚未分析：负责人须说明逾期原因及补救措施。',
  confirmPlease: '请确认会议纪要：{link}',
  'section.a': '回顾并确认上次会议纪要',
  'section.b': '工作汇报',
  'section.c': '议题讨论',
  'section.d': '问题与困难',
  'section.e': '计划与目标',
  'section.f': '其他事项',
  'attendance.expected': '待签到',
  'attendance.on_time': '准时',
  'attendance.late': '迟到',
  'attendance.absent': '缺席',
  'attendance.left': '早退',
  'actionStatus.open': '未开始',
  'actionStatus.in_progress': '进行中',
  'actionStatus.done': '已完成',
  'rating.good': '良好',
  'rating.acceptable': '合格',
  'rating.poor': '较差',
  footer: '本邮件由会议管理系统发送。请提前到场签到。',
  'footer.plain': '本邮件由会议管理系统发送。',
  colon: '：',
  semicolon: '；',
};

export type MailWord = keyof Words;

export function mailWords(locale: 'zh-CN' | 'en'): (key: MailWord, params?: Record<string, string>) => string {
  const words = locale === 'en' ? en : zh;
  return (key, params = {}) => words[key].replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? `{${name}}`);
}
