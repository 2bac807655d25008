/** Issue 13 footprint: the benchmark measures the hub as `npm start` runs it (same malloc and V8 settings). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HUB_RUNTIME } from '../../bench/lib/hub-process.js';

describe('the hub runtime settings', () => {
  it('npm start and the benchmark run the hub with the same settings', () => {
    const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
    const launch = start.split('&&').pop()!.trim();
    const env = Object.entries(HUB_RUNTIME.env).map(([k, v]) => `${k}=${v}`);
    expect(launch).toBe([...env, 'node', ...HUB_RUNTIME.nodeArgs, 'dist/hub/cli.js'].join(' '));
  });
  it('the systemd unit and the three-hub compose file run it with the same settings', () => {
    const unit = readFileSync('deploy/systemd/meeting-hub.service', 'utf8');
    for (const [k, v] of Object.entries(HUB_RUNTIME.env)) expect(unit).toContain(`Environment=${k}=${v}`);
    expect(unit).toMatch(new RegExp(`^ExecStart=/usr/bin/node ${HUB_RUNTIME.nodeArgs.join(' ')} dist/hub/cli\\.js$`, 'm'));
    const compose = readFileSync('compose.yaml', 'utf8');
    for (const [k, v] of Object.entries(HUB_RUNTIME.env)) expect(compose).toContain(`${k}: "${v}"`);
    expect(compose).toContain(`command: ${JSON.stringify(['node', ...HUB_RUNTIME.nodeArgs, 'dist/hub/cli.js']).replaceAll(',', ', ')}`);
  });
  it('the Prisma clients use the small query compiler', () => {
    for (const provider of ['sqlite', 'postgresql']) {
      expect(readFileSync(`prisma/${provider}/schema.prisma`, 'utf8')).toMatch(/compilerBuild\s*=\s*"small"/);
    }
  });
});
