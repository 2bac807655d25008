/**
 * What an upload costs the hub (M3 materials): four clients each streaming
 * 250 MB at a meeting's materials get 413 once the file passes
 * HUB_MATERIAL_MAX_SIZE, or their connection cut; the hub (its own process,
 * as `npm start` runs it) never holds the files, stores nothing, and answers
 * the next request.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HubProcess, startHubProcess } from '../support/hub-process.js';

const MB = 1024 * 1024;
const iso = (ms: number) => new Date(ms).toISOString();

/** A multipart body of one `size`-byte "PDF", made as it is sent (nothing held in the test either). */
function hugeUpload(size: number): Readable {
  const chunk = Buffer.alloc(MB, 0x41);
  return Readable.from(
    (async function* () {
      yield Buffer.from('--XX\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n');
      for (let sent = 0; sent < size; sent += MB) yield chunk;
      yield Buffer.from('\r\n--XX--\r\n');
    })(),
  );
}

describe('a 250 MB upload costs the hub its limit, not 250 MB', () => {
  let hub: HubProcess;
  let booking: string;
  beforeAll(async () => {
    hub = await startHubProcess({ provider: 'sqlite', env: { HUB_MATERIAL_MAX_SIZE: '5mb' } });
    expect((await hub.api('POST', '/api/rooms', { id: 'up', name: 'Up', capacity: 4, openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }] })).status).toBe(201);
    const start = Date.now() + 2 * 86_400_000;
    const b = await hub.api('POST', '/api/bookings', { room: 'up', title: 'Upload', start: iso(start), end: iso(start + 3_600_000), headcount: 1 });
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    booking = b.body.id;
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('four clients at once: 413 or cut off, RSS grows < 80 MB, nothing stored, the hub answers', async () => {
    await hub.api('GET', `/api/bookings/${booking}/materials`);
    await new Promise((r) => setTimeout(r, 500));
    const before = hub.rss();
    const statuses = await Promise.all(
      Array.from({ length: 4 }, () =>
        fetch(`http://127.0.0.1:${hub.httpPort}/api/bookings/${booking}/materials`, {
          method: 'POST',
          headers: { authorization: `Bearer ${hub.adminToken}`, 'content-type': 'multipart/form-data; boundary=XX' },
          body: hugeUpload(250 * MB) as unknown as BodyInit,
          duplex: 'half',
        } as RequestInit).then(
          (r) => r.status,
          () => 0, // the hub closed the connection before reading it all
        ),
      ),
    );
    const after = hub.rss();
    console.log(`[upload-memory] 4 x 250 MB uploads: answers ${statuses.join(', ')}; RSS ${before.toFixed(1)} MB -> ${after.toFixed(1)} MB (+${(after - before).toFixed(1)})`);
    for (const s of statuses) expect([0, 413]).toContain(s);
    expect(after - before).toBeLessThan(80);
    const left = await hub.api('GET', `/api/bookings/${booking}/materials`);
    expect(left.status).toBe(200);
    expect(left.body).toEqual([]);
  });
});
