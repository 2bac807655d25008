/**
 * Issue 13 (start-up that tells the truth): every port the hub will listen on
 * is tried before anything is created, so a taken port leaves no database and
 * no password file behind, and the message names the port's own variable and
 * the kind of program that usually holds it (never Mosquitto for HTTP).
 */
import { createServer } from 'node:net';
import type { HubConfig } from './config.js';

export class PortInUseError extends Error {}

export interface PortClaim {
  port: number;
  /** The env var that moves it. */
  variable: string;
  /** What the hub serves there, in words. */
  what: string;
  /** Who usually holds this port already. */
  usual: string;
}

/** The ports this configuration listens on (0 = any free port, never checked). */
export function portClaims(config: HubConfig): PortClaim[] {
  const claims: PortClaim[] = [
    { port: config.httpPort, variable: 'HUB_HTTP_PORT', what: 'the web app and API (HTTP)', usual: 'another web server, or a meeting hub already running' },
    { port: config.mqttPort, variable: 'HUB_MQTT_PORT', what: 'MQTT', usual: 'an MQTT broker such as Mosquitto, or a meeting hub already running' },
  ];
  if (config.tls) {
    claims.push(
      { port: config.tls.httpsPort, variable: 'HUB_HTTPS_PORT', what: 'HTTPS and WSS', usual: 'another web server, or a meeting hub already running' },
      { port: config.tls.mqttsPort, variable: 'HUB_MQTTS_PORT', what: 'MQTT over TLS', usual: 'an MQTT broker such as Mosquitto, or a meeting hub already running' },
    );
  }
  return claims;
}

/** The sentence for one port that cannot be used, from the listen error's code. */
export function portProblem(claim: PortClaim, code: string | undefined): string | null {
  const { port, variable, what } = claim;
  const example = `${variable}=${port >= 65535 ? port - 1 : port + 1}`;
  if (code === 'EADDRINUSE') {
    return `port ${port} for ${what} is already in use by another program (usually ${claim.usual}): stop that program, or set ${variable} to a free port, for example ${example}`;
  }
  if (code === 'EACCES') {
    return `port ${port} for ${what} needs administrator rights on this system: set ${variable} to a port above 1023, for example ${variable}=${port + 8000}`;
  }
  if (code === 'EADDRNOTAVAIL') return `port ${port} for ${what}: HUB_HOST is not an address of this machine`;
  return null;
}

function tryListen(port: number, host: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}

/**
 * Tries every configured port; throws one PortInUseError naming each that
 * cannot be used. A port given twice is a mistake in the settings, said as such.
 */
export async function assertPortsFree(config: HubConfig): Promise<void> {
  const claims = portClaims(config).filter((c) => c.port !== 0);
  const problems: string[] = [];
  const seen = new Map<number, PortClaim>();
  for (const c of claims) {
    const first = seen.get(c.port);
    if (first) problems.push(`${first.variable} and ${c.variable} are both ${c.port}: give each its own port`);
    else seen.set(c.port, c);
  }
  for (const c of seen.values()) {
    const code = await tryListen(c.port, config.host);
    if (code) problems.push(portProblem(c, code) ?? `port ${c.port} for ${c.what} (${c.variable}) cannot be used: ${code}`);
  }
  if (problems.length === 1) throw new PortInUseError(problems[0]);
  if (problems.length) throw new PortInUseError(`cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

/** The real listen, in case a port was taken between the check and now. */
export async function listenOr<T>(listen: () => Promise<T>, claim: PortClaim): Promise<T> {
  try {
    return await listen();
  } catch (err) {
    const problem = portProblem(claim, (err as { code?: string }).code);
    if (problem) throw new PortInUseError(problem);
    throw err;
  }
}
