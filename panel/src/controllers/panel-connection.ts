/**
 * The panel's MQTT side as a Lit reactive controller: connects (over
 * WebSocket, as its panel device) when the element connects, and ends when it
 * disconnects. Holds the room's retained state, hands room events to the host,
 * matches request responses by id, and keeps the offset to the hub's clock.
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PanelResponse, RoomEventPayload, RoomStatePayload } from '../../../shared/schemas/mqtt.js';
import { createTopics, type Topics } from '../../../shared/topics.js';
import type { PanelCredentials } from '../credentials.js';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'rejected';

export interface PanelConnectionOptions {
  credentials: PanelCredentials;
  url: string;
  topicRoot: string;
  onEvent(event: RoomEventPayload): void;
}

const REFUSED_CREDENTIALS = new Set([4, 5]); // CONNACK: bad username or password, not authorized

export class PanelConnection implements ReactiveController {
  status: ConnectionStatus = 'connecting';
  state: RoomStatePayload | null = null;
  /** Local time (ms) when the last state arrived, to show the age of what is on screen. */
  stateReceivedAt = 0;
  /** hub clock minus tablet clock, in ms. */
  hubOffset = 0;
  private client: MqttClient | null = null;
  private readonly topics: Topics;
  private readonly pending = new Map<string, (r: PanelResponse) => void>();
  private seq = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: PanelConnectionOptions,
  ) {
    this.topics = createTopics(opts.topicRoot);
    host.addController(this);
  }

  /** The hub's time now. */
  hubNow(): number {
    return Date.now() + this.hubOffset;
  }

  hostConnected(): void {
    const { device, token, room } = this.opts.credentials;
    const statusTopic = this.topics.deviceStatus(device);
    const client = mqtt.connect(this.opts.url, {
      clientId: device,
      username: device,
      password: token,
      protocolVersion: 4,
      reconnectPeriod: 500, // back within a second of the hub's return
      connectTimeout: 4000,
      keepalive: 20,
      will: { topic: statusTopic, payload: JSON.stringify({ state: 'lost', at: new Date().toISOString() }), qos: 1, retain: true },
    });
    this.client = client;
    client.on('connect', () => {
      this.status = 'online';
      this.host.requestUpdate();
      client.publish(statusTopic, JSON.stringify({ state: 'online', at: new Date().toISOString(), firmware: 'panel-web' }), { qos: 1, retain: true });
      client.subscribe(
        { [this.topics.roomState(room)]: { qos: 1 }, [this.topics.roomEvent(room)]: { qos: 1 }, [this.topics.panelResponse(device)]: { qos: 1 } },
        () => void this.syncClock(),
      );
    });
    client.on('message', (topic, payload, packet) => this.onMessage(topic, payload, packet.retain));
    client.on('error', (err) => {
      if (REFUSED_CREDENTIALS.has((err as { code?: number }).code ?? -1)) {
        this.status = 'rejected';
        client.end(true); // retrying cannot help: the credentials are wrong or revoked
        this.host.requestUpdate();
      }
    });
    client.on('offline', () => this.setOffline());
    client.on('close', () => this.setOffline());
  }

  hostDisconnected(): void {
    this.client?.end(true);
    this.client = null;
  }

  private setOffline() {
    if (this.status === 'rejected') return;
    this.status = this.state ? 'offline' : 'connecting';
    this.host.requestUpdate();
  }

  private onMessage(topic: string, payload: Uint8Array, retained: boolean) {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(payload));
    } catch {
      return;
    }
    const kind = this.topics.parse(topic)?.kind;
    if (kind === 'room_state') {
      const s = json as RoomStatePayload;
      if (this.state && s.seq < this.state.seq && s.at < this.state.at) return; // an older state than shown
      this.state = s;
      this.stateReceivedAt = Date.now();
      // A fresh (not retained) state was stamped by the hub just now: a free clock sync.
      if (!retained && Number.isFinite(Date.parse(s.at))) this.hubOffset = Date.parse(s.at) - Date.now();
      this.host.requestUpdate();
    } else if (kind === 'room_event') {
      this.opts.onEvent(json as RoomEventPayload);
    } else if (kind === 'panel_response') {
      const r = json as PanelResponse;
      this.pending.get(r.id)?.(r);
    }
  }

  request(action: string, params: Record<string, unknown> = {}, timeout = 8000): Promise<PanelResponse> {
    const id = `${this.opts.credentials.device}-${Date.now().toString(36)}-${++this.seq}`;
    return new Promise((resolve) => {
      let messageId: number | undefined;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        // Once the person has been told "no answer", the request must not happen
        // later: MQTT.js would resend it after a reconnect, so take it back.
        if (messageId !== undefined) this.client?.removeOutgoingMessage(messageId);
        resolve({ id, ok: false, error: { code: 'timeout', message: 'no answer' } });
      }, timeout);
      this.pending.set(id, (r) => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(r);
      });
      const message = { id, at: new Date(this.hubNow()).toISOString(), action, ...params };
      this.client?.publish(this.topics.panelRequest(this.opts.credentials.device), JSON.stringify(message), { qos: 1 });
      messageId = this.client?.getLastMessageId();
    });
  }

  /** The hub's clock, corrected for half the round trip (the panel shows hub time, not tablet time). */
  private async syncClock() {
    const sent = Date.now();
    const r = await this.request('time', {}, 4000);
    const back = Date.now();
    const now = (r.result as { now?: string } | undefined)?.now;
    if (r.ok && now) {
      this.hubOffset = Date.parse(now) - (sent + back) / 2;
      this.host.requestUpdate();
    }
  }
}
