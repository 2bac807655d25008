/**
 * Waits for a condition in traffic (zwave-js style `expect...(timeout, predicate)`), never a blind sleep.
 * `what` may be a function, read when the wait fails (e.g. a process's output by then).
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { timeout = 5000, interval = 10, what = 'condition' }: { timeout?: number; interval?: number; what?: string | (() => string) } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
