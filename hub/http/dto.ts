/** Store records to the JSON shapes of contract §3. */
import type { FaultDto } from '../../shared/schemas/faults.js';
import type { AttendanceDto, BookingDto, DeviceDto, DeviceHealth, RoomDto, UserDto } from '../../shared/schemas/http.js';
import { iso } from '../app/deps.js';
import { PRIVATE_TITLE } from '../app/room-state.js';
import { maySeeContent, type Viewer } from '../domain/visibility.js';
import type { AttendanceRecord, BookingRecord, DeviceRecord, FaultRecord, RoomRecord, UserRecord } from '../app/records.js';

export const roomDto = (r: RoomRecord): RoomDto => ({
  id: r.id,
  name: r.name,
  capacity: r.capacity,
  equipment: r.equipment,
  timeZone: r.timeZone,
  openingHours: r.openingHours,
  outOfService: r.outOfService,
  building: r.building,
  floor: r.floor,
  privateByDefault: r.privateByDefault,
  archived: r.archivedAt !== null,
});

export const userDto = (u: UserRecord): UserDto => ({
  id: u.id,
  username: u.username,
  name: u.name,
  role: u.role,
  department: u.department,
  badgeUid: u.badgeUid,
  email: u.email,
  locale: u.locale,
  active: u.deactivatedAt === null,
});

export const deviceDto = (d: DeviceRecord, health: DeviceHealth, connected: boolean): DeviceDto => ({
  id: d.id,
  kind: d.kind,
  room: d.roomId,
  name: d.name,
  status: d.revokedAt !== null ? 'revoked' : d.status,
  health,
  connected,
  lastSeenAt: d.lastSeenAt === null ? null : iso(d.lastSeenAt),
  revoked: d.revokedAt !== null,
  firmware: d.firmware,
  battery: d.battery,
});

export const bookingDto = (b: BookingRecord): BookingDto => ({
  id: b.id,
  room: b.roomId,
  title: b.title,
  start: iso(b.start),
  end: iso(b.end),
  headcount: b.headcount,
  host: b.hostId,
  attendees: b.attendees,
  type: b.type,
  private: b.private,
  status: b.status,
  shortNotice: b.shortNotice,
  checkedInAt: b.checkedInAt === null ? null : iso(b.checkedInAt),
  checkInEvidence: b.checkInEvidence,
  createdAt: iso(b.createdAt),
  approvedBy: b.approvedBy,
  approvedAt: b.approvedAt === null ? null : iso(b.approvedAt),
  series: b.seriesId,
  closeReason: b.closeReason,
  closeNote: b.closeNote,
});

export const attendanceDto = (a: AttendanceRecord, closed: boolean): AttendanceDto => ({
  user: a.userId,
  role: a.role,
  // G3: once the meeting is over, whoever never signed in is absent.
  status: a.status === 'expected' && closed ? 'absent' : a.status,
  ...(a.at !== null ? { at: iso(a.at) } : {}),
  ...(a.leftAt !== null ? { leftAt: iso(a.leftAt), leaveGranted: a.leaveGranted === true } : {}),
});

export const faultDto = (f: FaultRecord): FaultDto => ({
  id: f.id,
  room: f.roomId,
  equipment: f.equipment,
  description: f.description,
  status: f.status,
  reportedBy: f.reportedBy,
  assignee: f.assignee,
  outOfService: f.outOfService,
  createdAt: iso(f.createdAt),
  updatedAt: iso(f.updatedAt),
  resolvedAt: f.resolvedAt === null ? null : iso(f.resolvedAt),
  history: f.history.map((h) => ({ ...h, at: iso(h.at) })),
});

/** G4: the booking as this viewer may see it (a private meeting's content only for its audience). */
export const bookingDtoFor = (viewer: Viewer, b: BookingRecord): BookingDto =>
  maySeeContent(viewer, b) ? bookingDto(b) : { ...bookingDto(b), title: PRIVATE_TITLE, attendees: [], closeNote: null };
