import { describe, expect, it } from 'vitest';
import { ConflictError, NotAllowedError, RateLimitedError, StateConflictError, UnavailableError } from '../../hub/domain/errors.js';
import { classifyError, toPanelError } from '../../hub/error-model.js';

describe('one error model for HTTP and MQTT (issue 8)', () => {
  it('maps each domain error to its status and keeps its details', () => {
    expect(classifyError(new ConflictError())).toMatchObject({ code: 'conflict', status: 409, expected: true });
    expect(classifyError(new StateConflictError('the booking is cancelled'))).toMatchObject({ code: 'invalid_state', status: 409 });
    expect(classifyError(new NotAllowedError('no'))).toMatchObject({ code: 'not_allowed', status: 403 });
    expect(classifyError(new RateLimitedError('slow down', 12))).toMatchObject({ code: 'rate_limited', status: 429, retryAfterS: 12 });
    expect(classifyError(new UnavailableError())).toMatchObject({ code: 'unavailable', status: 503, expected: false });
  });

  it('turns anything else into internal, with no message of its own', () => {
    const err = new TypeError("Cannot read properties of undefined (reading 'id') at hub/app/x.ts:3");
    expect(classifyError(err)).toEqual({ code: 'internal', status: 500, message: 'internal error', expected: false });
    expect(toPanelError(err)).toEqual({ code: 'internal', message: 'internal error' });
  });
});
