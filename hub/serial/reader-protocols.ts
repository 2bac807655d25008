/**
 * The two reader protocols behind one shape: a session on an open port that
 * reports every card read (debouncing is the bridge's job) and ends when the
 * reader stops answering or the bridge stops it.
 */
import type { Duplex } from 'node:stream';
import { Pn532Host, type Pn532HostOptions } from './pn532-host.js';
import { type Em4100Read, Rdm6300Parser } from './rdm6300-parser.js';

export const READER_PROTOCOLS = ['pn532', 'rdm6300'] as const;
export type ReaderProtocol = (typeof READER_PROTOCOLS)[number];

export interface ReaderSession {
  /** For the device status `firmware` field. */
  readonly firmware: string;
  /** Resolves when the session is over: with the error that ended it, or null when stopped. */
  readonly ended: Promise<Error | null>;
  droppedFrames(): number;
  stop(): Promise<void>;
}

export interface SessionOptions extends Pn532HostOptions {
  /** Pause between two PN532 InListPassiveTarget polls. */
  pollIntervalMs?: number;
}

export interface ProtocolSpec {
  baudRate: number;
  /** The contract's `tech` of the cards this reader reads. */
  tech: string;
  start(port: Duplex, onCard: (uid: string) => void, opts: SessionOptions): Promise<ReaderSession>;
}

export const PROTOCOLS: Record<ReaderProtocol, ProtocolSpec> = {
  pn532: { baudRate: 115_200, tech: 'iso14443a', start: startPn532 },
  rdm6300: { baudRate: 9600, tech: 'em4100', start: startRdm6300 },
};

async function startPn532(port: Duplex, onCard: (uid: string) => void, opts: SessionOptions): Promise<ReaderSession> {
  const host = new Pn532Host(port, opts);
  let stopped = false;
  let firmware: string;
  try {
    firmware = await host.begin();
  } catch (err) {
    host.detach();
    throw err;
  }
  const interval = opts.pollIntervalMs ?? 100;
  const ended = (async (): Promise<Error | null> => {
    try {
      while (!stopped) {
        const uid = await host.poll();
        if (uid && !stopped) onCard(uid);
        await new Promise((r) => setTimeout(r, interval));
      }
      return null;
    } catch (err) {
      return stopped ? null : (err as Error);
    } finally {
      host.detach();
    }
  })();
  return {
    firmware,
    ended,
    droppedFrames: () => host.droppedFrames,
    async stop() {
      stopped = true;
      host.detach();
      await ended;
    },
  };
}

async function startRdm6300(port: Duplex, onCard: (uid: string) => void): Promise<ReaderSession> {
  // The module only talks: nothing to wake or configure, and no firmware version to ask for.
  const parser = new Rdm6300Parser();
  const onData = (chunk: Buffer) => parser.write(chunk);
  port.on('data', onData);
  parser.on('data', (r: Em4100Read) => onCard(r.uid));
  let end!: (v: null) => void;
  const ended = new Promise<Error | null>((resolve) => (end = resolve));
  return {
    firmware: 'RDM6300 (EM4100)',
    ended,
    droppedFrames: () => parser.droppedTotal,
    async stop() {
      port.off('data', onData);
      end(null);
    },
  };
}
