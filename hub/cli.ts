/** `npm start` (and `npm start -- --demo`): loads the config and starts the hub. */
import { loadConfig, ConfigError } from './config.js';
import { PortInUseError, startHub } from './main.js';

async function main() {
  const args = process.argv.slice(2);
  const config = loadConfig();
  const hub = await startHub(config);
  console.log(`Meeting hub ready: http://localhost:${hub.httpPort}  (MQTT tcp ${hub.mqttPort}, ws /mqtt)`);
  let demo: { stop(): Promise<void> } | undefined;
  if (args.includes('--demo')) {
    const { runDemo } = await import('../firmware-sim/demo.js');
    demo = await runDemo(hub, config);
  }
  const shutdown = async () => {
    await demo?.stop();
    await hub.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof PortInUseError) {
    console.error(`hub: ${err.message}`);
  } else {
    console.error('hub failed to start:', err);
  }
  process.exit(1);
});
