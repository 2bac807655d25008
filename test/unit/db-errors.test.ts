import { describe, expect, it } from 'vitest';
import { ConflictError, DuplicateError, InvalidError, UnavailableError } from '../../hub/domain/errors.js';
import { RetryableError, translateDbError } from '../../hub/store/db-errors.js';

/** The shape Prisma 7 gives a driver adapter's refusal (seen on both adapters). */
const prismaError = (prismaCode: string, cause: Record<string, unknown>) =>
  Object.assign(new Error('Database error'), { code: prismaCode, meta: { driverAdapterError: { name: 'DriverAdapterError', cause } } });
const translated = (err: unknown) => {
  try {
    translateDbError(err);
  } catch (e) {
    return e;
  }
  throw new Error('translateDbError returned');
};

describe('database refusals become domain errors by code, not by message text (issue 8)', () => {
  it('PostgreSQL: exclusion 23P01 is a conflict, check 23514 invalid, unique 23505 a duplicate', () => {
    expect(translated(prismaError('P2039', { kind: 'postgres', code: '23P01', originalCode: '23P01', message: 'anything at all' }))).toBeInstanceOf(ConflictError);
    expect(translated(prismaError('P2039', { kind: 'postgres', code: '23514', originalCode: '23514' }))).toBeInstanceOf(InvalidError);
    const dup = translated(prismaError('P2002', { kind: 'UniqueConstraintViolation', originalCode: '23505', constraint: { index: 'User_username_key' } }));
    expect(dup).toBeInstanceOf(DuplicateError);
    expect((dup as DuplicateError).code).toBe('conflict');
  });

  it('PostgreSQL: a deadlock or serialisation failure asks for a retry; a lock timeout or a lost server is unavailable', () => {
    expect(translated(prismaError('P2039', { kind: 'postgres', code: '40P01', originalCode: '40P01' }))).toBeInstanceOf(RetryableError);
    expect(translated(prismaError('P2034', {}))).toBeInstanceOf(RetryableError);
    expect(translated(prismaError('P2039', { kind: 'postgres', code: '55P03', originalCode: '55P03' }))).toBeInstanceOf(UnavailableError);
    expect(translated(prismaError('P2039', { kind: 'postgres', code: '57P01', originalCode: '57P01' }))).toBeInstanceOf(UnavailableError);
    expect(translated(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBeInstanceOf(UnavailableError);
  });

  it("SQLite: our triggers' tokens and the unique codes", () => {
    expect(translated(prismaError('P2003', { originalCode: 'SQLITE_CONSTRAINT_TRIGGER', originalMessage: 'booking_overlap' }))).toBeInstanceOf(ConflictError);
    expect(translated(prismaError('P2003', { originalCode: 'SQLITE_CONSTRAINT_TRIGGER', originalMessage: 'booking_invalid_interval' }))).toBeInstanceOf(InvalidError);
    expect(translated(prismaError('P2002', { originalCode: 'SQLITE_CONSTRAINT_PRIMARYKEY', constraint: { fields: ['id'] } }))).toBeInstanceOf(DuplicateError);
    expect(translated(prismaError('P2039', { originalCode: 'SQLITE_BUSY' }))).toBeInstanceOf(RetryableError);
  });

  it('passes domain errors through and rethrows what it does not know, unchanged', () => {
    const domain = new ConflictError();
    expect(translated(domain)).toBe(domain);
    const unknown = new TypeError('a bug');
    expect(translated(unknown)).toBe(unknown);
    // A message that merely mentions a constraint's name is not a conflict.
    expect(translated(new Error('Booking_no_overlap 23P01'))).toBeInstanceOf(Error);
    expect(translated(new Error('Booking_no_overlap 23P01'))).not.toBeInstanceOf(ConflictError);
  });
});
