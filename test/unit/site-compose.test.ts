/**
 * Contract §9, issue 12: the three-hub compose file cannot be started on this
 * machine (no Docker Compose, no images offline), so its shape is checked here:
 * three hubs on one database and one Redis, each with a node id of its own,
 * HAProxy sending MQTT and HTTP to all three, health checked.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Service {
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
  ports?: string[];
}
const compose = parse(readFileSync('compose.yaml', 'utf8'), { merge: true }) as { services: Record<string, Service> };
const hubs = Object.entries(compose.services).filter(([name]) => name.startsWith('hub-'));

describe('compose.yaml: a site of three hubs', () => {
  it('runs three hubs, each with its own node id, on one database and one Redis', () => {
    expect(hubs.map(([name]) => name)).toEqual(['hub-1', 'hub-2', 'hub-3']);
    const envs = hubs.map(([, s]) => s.environment!);
    expect(new Set(envs.map((e) => e.HUB_NODE_ID)).size).toBe(3);
    expect(new Set(envs.map((e) => e.DATABASE_URL)).size).toBe(1);
    expect(envs[0]!.DATABASE_URL).toMatch(/^postgresql:\/\/.*@postgres:5432\//);
    expect(new Set(envs.map((e) => e.HUB_REDIS_URL)).size).toBe(1);
    expect(envs[0]!.HUB_REDIS_URL).toMatch(/^redis:\/\/redis:6379/);
    for (const [, s] of hubs) {
      expect(s.healthcheck).toBeDefined();
      expect(s.depends_on?.postgres?.condition).toBe('service_healthy');
      expect(s.depends_on?.redis?.condition).toBe('service_healthy');
    }
  });

  it('puts HAProxy in front for MQTT and HTTP, with every hub in both backends', () => {
    expect(compose.services.proxy!.ports).toEqual(expect.arrayContaining(['1883:1883', '8080:8080']));
    const cfg = readFileSync('deploy/haproxy.cfg', 'utf8');
    for (const [name] of hubs) {
      expect(cfg).toMatch(new RegExp(`server ${name} ${name}:1883 check`));
      expect(cfg).toMatch(new RegExp(`server ${name} ${name}:8080 check`));
    }
  });
});
