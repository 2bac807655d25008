/**
 * The PN532 host driver against the emulated chip through a real pty and
 * node-serialport on both ends: wake-up, configuration, polling, and the
 * frame-level error handling of UM0701-02 §6.2.1.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Pn532Emulator } from '../../firmware-sim/pn532-emulator.js';
import type { PtyPair } from '../../firmware-sim/pty-pair.js';
import { waitFor } from '../../firmware-sim/wait.js';
import { Cmd, commandFrame, HSU_WAKEUP, NACK_FRAME } from '../../hub/serial/pn532-frame.js';
import { Pn532Error, Pn532Host } from '../../hub/serial/pn532-host.js';
import { type Pn532Message, Pn532Parser } from '../../hub/serial/pn532-parser.js';
import { closeSerialPort, openSerialPort, type SerialPort } from '../../hub/serial/serial-port.js';
import { describeWithPty, ptyPlace } from '../support/pty.js';

describeWithPty('PN532 over a pty', () => {
  let place: ReturnType<typeof ptyPlace>;
  let pair: PtyPair;
  let chip: Pn532Emulator;
  let port: SerialPort;

  beforeEach(async () => {
    place = ptyPlace();
    pair = await place.startPair();
    chip = await Pn532Emulator.open(pair.deviceSide);
    port = await openSerialPort(pair.hostSide, 115_200);
  });
  afterEach(async () => {
    await closeSerialPort(port);
    await chip.close();
    await pair.stop();
    place.remove();
  });

  /** Raw frames as the host sees them, for the byte-level cases. */
  const listen = () => {
    const parser = new Pn532Parser();
    const got: Pn532Message[] = [];
    port.on('data', (c: Buffer) => parser.write(c));
    parser.on('data', (m: Pn532Message) => got.push(m));
    return got;
  };

  it('wakes the chip, configures it, reads its firmware, and polls: no card, then the presented card', async () => {
    const host = new Pn532Host(port);
    expect(await host.begin()).toBe('PN532 v1.6');
    expect(chip.seen.samConfigured).toBe(true);
    expect([...chip.seen.commands.keys()]).toEqual([Cmd.SAMConfiguration, Cmd.GetFirmwareVersion, Cmd.RFConfiguration]);
    expect(await host.poll()).toBeNull();
    chip.present('04A1B2C3D4E5F6');
    expect(await host.poll()).toBe('04A1B2C3D4E5F6');
    chip.present('D28A2E6A');
    expect(await host.poll()).toBe('D28A2E6A');
    chip.remove();
    expect(await host.poll()).toBeNull();
    expect(host.stats).toEqual({ retries: 0, nacksSent: 0, aborts: 0 });
  });

  it('an asleep chip does not answer until the HSU wake-up', async () => {
    const host = new Pn532Host(port, { ackTimeoutMs: 150, attempts: 1 });
    await expect(host.command(Cmd.GetFirmwareVersion)).rejects.toThrow(Pn532Error);
    expect(chip.seen.commands.size).toBe(0);
    expect((await host.command(Cmd.GetFirmwareVersion, [], HSU_WAKEUP)).toString('hex')).toBe('32010607');
  });

  it('a response garbled on the line is asked for again with a NACK', async () => {
    const host = new Pn532Host(port);
    await host.begin();
    chip.present('D28A2E6A');
    chip.corruptResponses(1);
    expect(await host.poll()).toBe('D28A2E6A');
    expect(host.stats.nacksSent).toBe(1);
    expect(chip.seen.resends).toBe(1);
    expect(host.droppedFrames).toBe(1);
  });

  it('a chip that does not answer in time is aborted with an ACK, retried, and finally given up', async () => {
    await chip.close();
    chip = await Pn532Emulator.open(pair.deviceSide, { responseDelayMs: 400 });
    const host = new Pn532Host(port, { responseTimeoutMs: 100, attempts: 2 });
    await expect(host.command(Cmd.GetFirmwareVersion, [], HSU_WAKEUP)).rejects.toThrow(/after 2 attempts/);
    expect(host.stats).toMatchObject({ retries: 1, aborts: 2 });
    await waitFor(() => chip.seen.aborts === 2, { what: 'the chip to see both aborts' });
  });

  it('answers a bad checksum with NACK, an unknown command with ACK and the error frame, a NACK with the last response', async () => {
    const got = listen();
    const bad = commandFrame(Cmd.GetFirmwareVersion);
    bad[bad.length - 2] = bad[bad.length - 2]! ^ 0xff; // DCS
    port.write(Buffer.concat([HSU_WAKEUP, bad]));
    await waitFor(() => got.length === 1, { what: 'NACK' });
    expect(got[0]).toEqual({ kind: 'nack' });
    port.write(commandFrame(0x99));
    await waitFor(() => got.length === 3, { what: 'ACK and error frame' });
    expect(got.slice(1)).toEqual([{ kind: 'ack' }, { kind: 'error' }]);
    port.write(commandFrame(Cmd.GetFirmwareVersion));
    await waitFor(() => got.length === 5, { what: 'ACK and firmware' });
    port.write(NACK_FRAME);
    await waitFor(() => got.length === 6, { what: 'the firmware frame again' });
    expect(got[5]).toEqual(got[4]);
    expect(got[4]).toMatchObject({ kind: 'frame', tfi: 0xd5, code: 0x03 });
  });
});
