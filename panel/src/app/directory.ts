/** The people directory (GET /api/users), loaded once per page view and shared by the booking pages. */
import type { RoomDto, UserDto } from '../../../shared/schemas/http.js';
import { api } from './api.js';

let people: Promise<UserDto[]> | null = null;
let rooms: Promise<RoomDto[]> | null = null;

export function directory(): Promise<UserDto[]> {
  people ??= api<UserDto[]>('GET', '/api/users').catch((e) => {
    people = null;
    throw e;
  });
  return people;
}

export function roomList(): Promise<RoomDto[]> {
  rooms ??= api<RoomDto[]>('GET', '/api/rooms').catch((e) => {
    rooms = null;
    throw e;
  });
  return rooms;
}

/** Forget what was loaded (after a change elsewhere). */
export function forgetDirectory() {
  people = null;
  rooms = null;
}
