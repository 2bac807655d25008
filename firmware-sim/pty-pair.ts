/**
 * A real pseudo-terminal pair from socat, so simulated readers and the
 * bridge talk through the kernel's tty layer and node-serialport's native
 * binding, as they would over a USB-serial adapter:
 *
 *   socat -d -d pty,raw,echo=0,link=<dir>/a pty,raw,echo=0,link=<dir>/b
 *
 * The emulator opens `a`, the bridge opens `b`. Stopping the pair is pulling
 * the reader's plug; starting one again at the same links plugs it back in.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from './wait.js';

/** Why pty tests cannot run here, or null when socat is installed. */
export function socatMissing(): string | null {
  const r = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return r.error ? `socat is not installed (${(r.error as NodeJS.ErrnoException).code}); .ci/run installs it with apt-get` : null;
}

export class PtyPair {
  private exited: Promise<void>;

  private constructor(
    private readonly proc: ChildProcess,
    readonly deviceSide: string,
    readonly hostSide: string,
  ) {
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
  }

  /** Starts socat and resolves once both links exist and it is moving data. */
  static async start(dir: string, names: { device?: string; host?: string } = {}): Promise<PtyPair> {
    const a = join(dir, names.device ?? 'reader');
    const b = join(dir, names.host ?? 'host');
    const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    let ready = false;
    let failed: Error | null = null;
    proc.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes('starting data transfer loop')) ready = true;
    });
    proc.once('error', (err) => (failed = err));
    proc.once('exit', (code) => (failed ??= new Error(`socat exited with ${code}: ${log.trim()}`)));
    await waitFor(() => {
      if (failed) throw failed;
      return ready && existsSync(a) && existsSync(b);
    }, { timeout: 5000, what: 'socat to create the pty pair' });
    return new PtyPair(proc, a, b);
  }

  /** Ends this socat (the one this object started, by its pid): both ptys hang up and the links go. */
  async stop(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGTERM');
    await this.exited;
  }
}
