/**
 * A hub asked to stop stops, even while a client holds a large response it no
 * longer reads (a tablet that went to sleep mid-download): the requests in flight
 * get a grace period, then their connections are cut.
 */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestHub } from '../support/hub-fixture.js';

describe('shutdown', () => {
  it('is not held open by a client that stopped reading a large response', async () => {
    const t = await startTestHub('sqlite');
    const socket = connect(t.hub.httpPort, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    // The API reference's script bundle is over a megabyte: more than the socket buffers hold.
    socket.write('GET /docs/static/swagger-ui-bundle.js HTTP/1.1\r\nHost: hub\r\n\r\n');
    const firstBytes = await new Promise<Buffer>((resolve) => socket.once('data', resolve));
    expect(firstBytes.toString('latin1')).toMatch(/^HTTP\/1\.1 200/);
    socket.pause(); // never reads the rest

    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => {}); // the cut arrives as a reset
    const outcome = await Promise.race([t.stop().then(() => 'stopped'), new Promise((resolve) => setTimeout(() => resolve('still running after 20 s'), 20_000))]);
    expect(outcome).toBe('stopped');
    socket.resume(); // read what was buffered: the end of the stream comes after it
    await closed; // the stalled connection was cut, not left behind
    expect(socket.destroyed).toBe(true);
  }, 30_000);
});
