/**
 * Issue 8, contract §3 "repeated failures are slowed down": without letting a
 * guesser lock out the real user, without making answers wait (429 with
 * Retry-After instead), without telling known usernames from unknown ones by
 * timing, and per address across usernames as well.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestHub, type TestHub } from '../support/hub-fixture.js';
import { type ApiResult, httpCall, percentile } from '../support/hub-process.js';

describe('login throttling (issue 8)', () => {
  let t: TestHub;
  const login = (username: string, password: string, localAddress: string): Promise<ApiResult> =>
    httpCall({ host: '127.0.0.1', port: t.hub.httpPort }, 'POST', '/api/session', { username, password }, { localAddress, timeoutMs: 5000 })
      .catch((err: Error) => ({ status: 0, body: undefined, text: err.message, headers: {}, ms: 5000 }));
  beforeAll(async () => {
    t = await startTestHub('sqlite');
    for (let i = 0; i < 8; i++) {
      const r = await t.api('POST', '/api/users', { id: `known-${i}`, username: `known-${i}`, name: `Known ${i}`, password: `right-password-${i}` });
      if (r.status !== 201) throw new Error(`user: ${r.status} ${JSON.stringify(r.body)}`);
    }
  });
  afterAll(() => t.stop());

  it("12 parallel wrong passwords for admin from 127.0.0.2 answer fast, later ones 429 with Retry-After; admin from 127.0.0.1 still gets in", async () => {
    const guesses = Array.from({ length: 12 }, (_, i) => login('admin', `wrong-${i}`, '127.0.0.2'));
    const real = login('admin', ADMIN_PASSWORD, '127.0.0.1');
    const answers = await Promise.all(guesses);
    const realAnswer = await real;
    const after = await login('admin', ADMIN_PASSWORD, '127.0.0.1');
    const summary = answers.map((a) => `${a.status}/${a.ms.toFixed(0)}ms`).join(' ');
    console.log(`[login-throttle] guesses: ${summary}; real admin during: ${realAnswer.status} in ${realAnswer.ms.toFixed(0)} ms, right after: ${after.status} in ${after.ms.toFixed(0)} ms`);

    const limited = answers.filter((a) => a.status === 429);
    expect.soft(answers.filter((a) => a.status !== 401 && a.status !== 429).length, `answers other than 401/429: ${summary}`).toBe(0);
    expect.soft(Math.max(...answers.map((a) => a.ms)), `slowest wrong-password answer in ms (${summary})`).toBeLessThan(1000);
    expect.soft(limited.length, `429 answers among 12 parallel guesses (${summary})`).toBeGreaterThanOrEqual(1);
    for (const a of limited) {
      expect.soft(a.headers['retry-after'], 'Retry-After header of a 429').toMatch(/^[1-9]\d*$/);
      expect.soft(a.body?.code, 'code of a 429 body').toBe('rate_limited');
    }
    expect.soft(`${realAnswer.status} ${realAnswer.ms < 1000 ? 'fast' : `slow (${realAnswer.ms.toFixed(0)} ms)`}`, 'the real admin from 127.0.0.1 during the guessing').toBe('200 fast');
    expect(`${after.status} ${after.ms < 1000 ? 'fast' : `slow (${after.ms.toFixed(0)} ms)`}`, 'the real admin from 127.0.0.1 right after the guessing').toBe('200 fast');
  }, 60_000);

  it('an unknown username answers no faster than half the time of a known one', async () => {
    const unknown: ApiResult[] = [];
    const known: ApiResult[] = [];
    for (let i = 0; i < 8; i++) {
      unknown.push(await login(`nobody-here-${i}`, 'some-wrong-password', `127.0.0.${10 + 2 * i}`));
      known.push(await login(`known-${i}`, 'some-wrong-password', `127.0.0.${11 + 2 * i}`));
    }
    const mu = percentile(unknown.map((a) => a.ms), 50);
    const mk = percentile(known.map((a) => a.ms), 50);
    console.log(`[login-throttle] median wrong-password answer: unknown username ${mu.toFixed(1)} ms, known ${mk.toFixed(1)} ms`);
    expect.soft([...unknown, ...known].map((a) => a.status), 'statuses (one attempt per address: no throttling expected)').toEqual(Array(16).fill(401));
    expect(mu, `median for unknown usernames (${mu.toFixed(1)} ms) vs 0.5 × known (${(mk / 2).toFixed(1)} ms)`).toBeGreaterThanOrEqual(0.5 * mk);
  }, 60_000);

  it('30 wrong attempts from one address over different usernames: the next one is 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await login(`sprayed-${i}`, 'guess', '127.0.0.3')).status);
    const next = await login('sprayed-next', 'guess', '127.0.0.3');
    console.log(`[login-throttle] 30 sprayed attempts from 127.0.0.3: ${JSON.stringify(statuses)}; the 31st: ${next.status}`);
    expect(next.status, `31st wrong attempt from 127.0.0.3 over different usernames (earlier: ${statuses.join(',')})`).toBe(429);
  }, 60_000);
});
