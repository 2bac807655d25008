/** What the hub tells the app about itself (GET /panel/config.json), read once at start. */
export interface HubConfig {
  locale?: string;
  /** MQTT over TCP as devices on the office network reach the hub. */
  mqttUrl?: string;
}

let current: HubConfig = {};

export async function loadHubConfig(): Promise<HubConfig> {
  current = await fetch('/panel/config.json')
    .then((r) => (r.ok ? (r.json() as Promise<HubConfig>) : {}))
    .catch(() => ({}));
  return current;
}

export const hubConfig = (): HubConfig => current;
