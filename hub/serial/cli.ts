/**
 * `npm run reader-bridge -- --serial <path> --protocol pn532|rdm6300 --mqtt mqtt://<host>:<port> --device <id> --token <token>`
 * or, built (`npm run build:hub`), `node dist/reader-bridge/cli.js --serial ...` on a small computer
 * (docs/raspberry-pi.md).
 *
 * A badge reader on a machine that is not the hub (a Raspberry Pi by the
 * door): the same bridge the hub runs for HUB_SERIAL_READERS, on its own.
 * Optional: --queue <file> (default ./data/reader-queue-<device>.jsonl),
 * --debounce <duration> (default 3s), --baud <rate>, --topic-root <prefix>,
 * --log-level <level>, --ca <file> (the CA of the hub's certificate, for
 * mqtts://hub:8883). The token may come from READER_TOKEN instead, to keep
 * it out of the process list.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { DEFAULT_TOPIC_ROOT } from '../../shared/topics.js';
import { ConfigError, parseDuration } from '../config.js';
import { ReaderBridge } from './reader-bridge.js';
import { joinOptionValues } from './cli-args.js';
import { bridgeOptions, serialReaderEntry } from './reader-config.js';

/** Under the 1 s promised to systemd and to a person at a terminal. */
const STOP_DEADLINE_MS = 800;

const USAGE = 'usage: npm run reader-bridge -- --serial <path> --protocol pn532|rdm6300 --mqtt mqtt://<host>:<port> --device <id> --token <token> [--queue <file>] [--debounce 3s] [--baud <rate>] [--topic-root meeting/v1] [--log-level info] [--ca <hub CA PEM file, for mqtts://>]';

const OPTIONS = {
  serial: { type: 'string' },
  protocol: { type: 'string' },
  mqtt: { type: 'string' },
  device: { type: 'string' },
  token: { type: 'string' },
  queue: { type: 'string' },
  debounce: { type: 'string' },
  baud: { type: 'string' },
  'topic-root': { type: 'string' },
  'log-level': { type: 'string' },
  ca: { type: 'string' },
} as const;

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: joinOptionValues(argv, new Set(Object.keys(OPTIONS))),
    options: OPTIONS,
    strict: true,
  });
  if (!values.mqtt || !/^(mqtts?|wss?):\/\//.test(values.mqtt)) throw new ConfigError('--mqtt must be a URL like mqtt://hub.local:1883');
  const entry = serialReaderEntry.safeParse({
    path: values.serial,
    protocol: values.protocol,
    device: values.device,
    token: values.token ?? process.env.READER_TOKEN,
    ...(values.debounce !== undefined ? { debounce: values.debounce } : {}),
    ...(values.queue !== undefined ? { queue: values.queue } : {}),
    ...(values.baud !== undefined ? { baudRate: Number(values.baud) } : {}),
  });
  if (!entry.success) {
    const issue = entry.error.issues[0]!;
    const flag = { path: 'serial', baudRate: 'baud' }[String(issue.path[0])] ?? String(issue.path[0]);
    throw new ConfigError(`--${flag}: ${issue.message}`);
  }
  let ca: Buffer | undefined;
  if (values.ca !== undefined) {
    try {
      ca = readFileSync(values.ca);
    } catch (err) {
      throw new ConfigError(`--ca ${values.ca} cannot be read: ${(err as Error).message}`);
    }
  }
  return { entry: entry.data, mqtt: values.mqtt, ca, topicRoot: values['topic-root'] ?? DEFAULT_TOPIC_ROOT, logLevel: values['log-level'] ?? 'info' };
}

async function main() {
  const args = parse(process.argv.slice(2));
  const log = pino({ level: args.logLevel });
  const options = bridgeOptions(args.entry, { mqttUrl: args.mqtt, topicRoot: args.topicRoot, dataDir: `${process.cwd()}/data`, parseDuration, log });
  const bridge = await ReaderBridge.start({ ...options, ...(args.ca ? { ca: args.ca } : {}) });
  bridge.on('reader', (state: string) => log.info({ serial: options.serial, state, firmware: bridge.firmware }, `reader ${state}`));
  bridge.client.on('connect', () => log.info({ mqtt: args.mqtt, device: options.deviceId }, 'connected to the hub'));
  bridge.on('tap', (tap: { uid: string; id: string }) => log.info({ uid: tap.uid, id: tap.id, queued: bridge.queue.size }, 'tap'));
  bridge.on('delivered', (tap: { id: string }) => log.info({ id: tap.id }, 'tap delivered'));
  log.info({ serial: options.serial, protocol: options.protocol, device: options.deviceId, queue: options.queueFile }, 'reader bridge started');
  // Issue 13: stopped within a second however it was started (systemd, npm run, a terminal's
  // Ctrl-C). A clean stop says offline and keeps undelivered taps in the queue file; when that
  // takes too long (the hub unreachable), the queue file already holds every tap (it is appended
  // to as each tap is read), so leaving is safe. A second signal leaves at once.
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    const deadline = setTimeout(() => {
      log.warn({ signal }, 'reader bridge did not stop cleanly in time; leaving');
      process.exit(1);
    }, STOP_DEADLINE_MS);
    bridge.stop().then(
      () => {
        clearTimeout(deadline);
        log.info({ signal }, 'reader bridge stopped');
        process.exit(0);
      },
      (err) => {
        log.error({ err }, 'reader bridge stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  const known = err instanceof ConfigError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  console.error(known ? `reader-bridge: ${(err as Error).message}\n${USAGE}` : `reader-bridge failed: ${(err as Error).stack}`);
  process.exit(2);
});
