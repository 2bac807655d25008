/**
 * Hand-made MQTT 3.1.1 packets over a raw TCP socket, for what MQTT.js will not
 * send (a zero-length client id with clean=false) or cannot send fast enough
 * (a flood limited only by the socket).
 */
import { connect as tcpConnect, type Socket } from 'node:net';

/** MQTT remaining-length varint (MQTT-2.2.3: 7 bits a byte, low first, 1-4 bytes). */
export function varint(n: number): Buffer {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}

function str(s: string | Buffer): Buffer {
  const b = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
  const len = Buffer.alloc(2);
  len.writeUInt16BE(b.length);
  return Buffer.concat([len, b]);
}

export function connectPacket(o: { clientId: string; username?: string; password?: string; clean?: boolean; keepalive?: number }): Buffer {
  let flags = 0;
  if (o.clean ?? true) flags |= 0x02;
  if (o.username !== undefined) flags |= 0x80;
  if (o.password !== undefined) flags |= 0x40;
  const keep = Buffer.alloc(2);
  keep.writeUInt16BE(o.keepalive ?? 60);
  const body = Buffer.concat([
    str('MQTT'), Buffer.from([4, flags]), keep, str(o.clientId),
    ...(o.username !== undefined ? [str(o.username)] : []),
    ...(o.password !== undefined ? [str(o.password)] : []),
  ]);
  return Buffer.concat([Buffer.from([0x10]), varint(body.length), body]);
}

export function publishPacket(o: { topic: string; payload: string | Buffer; qos?: 0 | 1; messageId?: number }): Buffer {
  const qos = o.qos ?? 0;
  const idBuf = Buffer.alloc(qos > 0 ? 2 : 0);
  if (qos > 0) idBuf.writeUInt16BE(o.messageId ?? 1);
  const payload = typeof o.payload === 'string' ? Buffer.from(o.payload, 'utf8') : o.payload;
  const body = Buffer.concat([str(o.topic), idBuf, payload]);
  return Buffer.concat([Buffer.from([0x30 | (qos << 1)]), varint(body.length), body]);
}

export interface RawConnection {
  socket: Socket;
  /** CONNACK: session present flag and return code. */
  connack: { sessionPresent: boolean; returnCode: number };
  closed: Promise<void>;
}

/** Opens a TCP connection, sends CONNECT and waits for the CONNACK (or the socket closing first). */
export function rawConnect(port: number, packet: Buffer, timeoutMs = 5000): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: '127.0.0.1', port });
    socket.setNoDelay(true);
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no CONNACK within ${timeoutMs} ms`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < 4) return;
      clearTimeout(timer);
      socket.off('data', onData);
      if (buf[0] !== 0x20) return reject(new Error(`expected CONNACK, got packet type 0x${buf[0]!.toString(16)}`));
      resolve({ socket, connack: { sessionPresent: (buf[2]! & 1) === 1, returnCode: buf[3]! }, closed });
    };
    socket.on('data', onData);
    socket.on('error', () => {});
    socket.once('connect', () => socket.write(packet));
    closed.then(() => {
      clearTimeout(timer);
      reject(new Error('connection closed before a CONNACK'));
    });
  });
}
