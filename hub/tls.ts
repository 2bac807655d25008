/**
 * Contract §9: TLS from PEM files. HUB_TLS_CERT (the certificate, followed by
 * any intermediate certificates) and HUB_TLS_KEY (its private key) turn on
 * MQTT over TLS on HUB_MQTTS_PORT and HTTPS with WSS `/mqtt` on HUB_HTTPS_PORT.
 * The files are read and checked at start-up, so a wrong path or a key that
 * does not match its certificate stops the hub with the variable's name.
 */
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { ConfigError } from './config.js';

export interface TlsConfig {
  certFile: string;
  keyFile: string;
  cert: Buffer;
  key: Buffer;
  httpsPort: number;
  mqttsPort: number;
}

function readPem(variable: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new ConfigError(`${variable}="${file}" cannot be read: ${(err as Error).message}`);
  }
}

export function loadTls(env: NodeJS.ProcessEnv, ports: { httpsPort: number; mqttsPort: number }): TlsConfig | undefined {
  const certFile = env.HUB_TLS_CERT || undefined;
  const keyFile = env.HUB_TLS_KEY || undefined;
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) throw new ConfigError('TLS needs both HUB_TLS_CERT and HUB_TLS_KEY (PEM files); set both or neither');
  const cert = readPem('HUB_TLS_CERT', certFile);
  const key = readPem('HUB_TLS_KEY', keyFile);
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    throw new ConfigError(`HUB_TLS_CERT and HUB_TLS_KEY do not make a usable pair: ${(err as Error).message}`);
  }
  return { certFile, keyFile, cert, key, ...ports };
}
