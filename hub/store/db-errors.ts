/**
 * Database refusals to domain errors, keyed by the driver's error code (the
 * SQLSTATE on PostgreSQL, the extended result code on SQLite), never by the
 * wording of a message. The only text read is the token our own SQLite
 * triggers raise (`RAISE(ABORT, 'booking_overlap')`): SQLite has no other way
 * to name which trigger refused.
 */
import { ConflictError, DomainError, DuplicateError, InvalidError, UnavailableError } from '../domain/errors.js';

/** The transaction lost a race the database resolved by aborting it: run it again. */
export class RetryableError extends Error {
  constructor(readonly dbCode: string, options?: { cause?: unknown }) {
    super(`transaction must be retried (${dbCode})`, options);
  }
}

interface DriverCause {
  originalCode?: string;
  originalMessage?: string;
  code?: string;
  kind?: string;
  constraint?: { fields?: string[]; index?: string };
}

function causeOf(err: unknown): { prisma?: string; driver?: DriverCause; errno?: string } {
  const e = err as { code?: unknown; meta?: { driverAdapterError?: { cause?: DriverCause } }; cause?: unknown };
  const driver = e?.meta?.driverAdapterError?.cause ?? (e?.cause as { cause?: DriverCause } | undefined)?.cause;
  return {
    prisma: typeof e?.code === 'string' && /^P\d{4}$/.test(e.code) ? e.code : undefined,
    driver,
    errno: typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code) ? e.code : undefined,
  };
}

const PG_RETRY = new Set(['40P01', '40001']); // deadlock_detected, serialization_failure
const PG_BUSY = new Set(['55P03', '57014']); // lock_not_available (lock_timeout), query_canceled (statement_timeout)
const SQLITE_UNIQUE = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const SQLITE_RETRY = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']);

/** Throws the domain error a database refusal means, or rethrows what it does not know. */
export function translateDbError(err: unknown): never {
  if (err instanceof RetryableError || err instanceof DomainError) throw err;
  const { prisma, driver, errno } = causeOf(err);
  const code = driver?.originalCode ?? driver?.code;
  if (code === '23P01') throw new ConflictError();
  if (code === '23514') throw new InvalidError('end must be after start', { field: 'end' });
  if (code === 'SQLITE_CONSTRAINT_TRIGGER') {
    if (driver?.originalMessage === 'booking_overlap') throw new ConflictError();
    if (driver?.originalMessage === 'booking_invalid_interval') throw new InvalidError('end must be after start', { field: 'end' });
  }
  if (prisma === 'P2002' || code === '23505' || (code && SQLITE_UNIQUE.has(code))) {
    const fields = driver?.constraint?.fields ?? (driver?.constraint?.index ? [driver.constraint.index] : undefined);
    throw new DuplicateError('already exists', fields ? { fields } : undefined);
  }
  if (prisma === 'P2034' || (code && (PG_RETRY.has(code) || SQLITE_RETRY.has(code)))) {
    throw new RetryableError(code ?? prisma ?? 'unknown', { cause: err });
  }
  if (code && PG_BUSY.has(code)) throw new UnavailableError('the database is busy; try again', { dbCode: code });
  // P2024: no connection from the pool in time; P2028: transaction API (start or expiry) failed;
  // class 08: connection exceptions; 57P01-03: the server is shutting down or restarting.
  if (prisma === 'P2024' || prisma === 'P2028' || (code && /^(08|57P0)/.test(code)) || errno === 'ECONNREFUSED' || errno === 'ECONNRESET') {
    throw new UnavailableError('the database is not reachable; try again', { dbCode: code ?? prisma ?? errno });
  }
  throw err;
}

/** Runs a store call, translating what the database refuses. */
export async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    translateDbError(err);
  }
}
