import { t } from './controllers/locale.js';

/**
 * The hub's HTTP API from the browser: the session cookie rides along, errors
 * arrive as `{code, message, details?}` (contract §3) and become ApiError.
 */
export interface FieldError {
  field: string;
  message: string;
  /** The zod issue (too_small, too_big, invalid_type, invalid_format...) and its bound: said in the reader's language. */
  issue?: string;
  minimum?: number;
  maximum?: number;
  origin?: string;
  format?: string;
}

/** A 422 detail in the reader's language, from its issue code and bound; the hub's words when the code is new. */
export function fieldMessage(d: Partial<FieldError>): string {
  switch (d.issue) {
    case 'too_small':
      if (d.origin === 'string') return d.minimum === 1 ? t('validation.required') : t('validation.tooShort', { n: d.minimum ?? 1 });
      if (d.origin === 'array') return t('validation.tooFew', { n: d.minimum ?? 1 });
      return t('validation.tooSmall', { n: d.minimum ?? 0 });
    case 'too_big':
      if (d.origin === 'string') return t('validation.tooLong', { n: d.maximum ?? 0 });
      if (d.origin === 'array') return t('validation.tooMany', { n: d.maximum ?? 0 });
      return t('validation.tooBig', { n: d.maximum ?? 0 });
    case 'invalid_type':
      return t('validation.required');
    case 'invalid_format':
      return d.format === 'email' ? t('validation.email') : t('validation.format');
    case 'unrecognized_keys':
      return t('validation.unknownField');
    default:
      return d.message ?? t('error.invalid');
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Fired on window when the hub answers 401 to a signed-in page: the session ended elsewhere. */
export const SESSION_ENDED = 'office-session-ended';

export async function api<T = unknown>(method: string, path: string, body?: unknown, opts: { signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal,
    });
  } catch {
    if (opts.signal?.aborted) throw new ApiError(0, 'aborted', 'stopped');
    throw new ApiError(0, 'offline', 'the hub cannot be reached');
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const e = (json ?? {}) as { code?: string; message?: string; details?: unknown };
    if (res.status === 401 && !path.startsWith('/api/session')) window.dispatchEvent(new Event(SESSION_ENDED));
    throw new ApiError(res.status, e.code ?? (res.status === 404 ? 'not_found' : 'internal'), e.message ?? res.statusText, e.details);
  }
  return json as T;
}

/** The 422 answer's failing fields, `{field → message}` (field paths like `openingHours.0.close`). */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  if (Array.isArray(err.details)) {
    for (const d of err.details as Partial<FieldError>[]) {
      if (typeof d?.field === 'string' && typeof d.message === 'string') out[d.field] ||= fieldMessage(d);
    }
  } else if (typeof (err.details as Partial<FieldError> | undefined)?.field === 'string') {
    // A rule of the domain about one field (`{field}` with the message beside it).
    out[(err.details as FieldError).field] = err.message;
  }
  return out;
}

/** The first message whose field is `name` or lies under it (`openingHours` takes `openingHours.0.close`). */
export function errorFor(errors: Record<string, string>, name: string): string | undefined {
  if (errors[name]) return errors[name];
  const under = Object.keys(errors).find((k) => k.startsWith(`${name}.`));
  return under ? errors[under] : undefined;
}

export const query = (params: Record<string, string | number | undefined | null | false>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};
