/**
 * Tests that need real pseudo-terminals (socat) skip, and say why, where socat
 * is missing; .ci/run installs it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { PtyPair, socatMissing } from '../../firmware-sim/pty-pair.js';

const problem = socatMissing();
if (problem) console.warn(`SKIPPED: serial reader tests over a pty, because ${problem}.`);
export const ptyAvailable = problem === null;
export const describeWithPty = problem ? describe.skip : describe;

/** A temp folder for the pty links; `startPair()` plugs a reader in at the same links every time. */
export function ptyPlace() {
  const dir = mkdtempSync(join(tmpdir(), 'pty-'));
  return {
    dir,
    startPair: () => PtyPair.start(dir),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
