/**
 * Opening and closing a node-serialport port as promises. Used by the bridge
 * and, for the other end of a pty, by the simulator's reader emulators, so
 * both go through the same native binding.
 */
import { SerialPort } from 'serialport';

export type { SerialPort };

/** Opens `path` raw at `baudRate`, 8N1 (what the PN532 HSU and the RDM6300 use). */
export async function openSerialPort(path: string, baudRate: number): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate, dataBits: 8, stopBits: 1, parity: 'none', autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  return port;
}

/** Closes the port if it is open; a port that already hung up closes without complaint. */
export async function closeSerialPort(port: SerialPort): Promise<void> {
  if (!port.isOpen) return;
  await new Promise<void>((resolve) => port.close(() => resolve()));
}
