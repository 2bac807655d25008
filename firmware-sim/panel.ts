/**
 * A simulated door panel: follows its room's retained state and events and
 * sends requests, matching each response by id (contract §2).
 */
import {
  type PanelResponse,
  panelResponsePayload,
  type RoomEventPayload,
  type RoomStatePayload,
  roomEventPayload,
  roomStatePayload,
} from '../shared/schemas/mqtt.js';
import { type DeviceCredentials, SimDevice } from './device-client.js';
import { waitFor } from './wait.js';

type Params = Record<string, unknown>;

export class SimPanel extends SimDevice {
  state: RoomStatePayload | null = null;
  readonly states: RoomStatePayload[] = [];
  readonly events: RoomEventPayload[] = [];
  private readonly pending = new Map<string, (r: PanelResponse) => void>();

  static async connect(creds: DeviceCredentials & { room: string }): Promise<SimPanel> {
    const panel = new SimPanel(await SimDevice.open(creds), creds);
    panel.client.on('message', (topic, payload) => panel.onMessage(topic, payload));
    const t = panel.topics;
    await panel.client.subscribeAsync(
      { [t.roomState(creds.room)]: { qos: 1 }, [t.roomEvent(creds.room)]: { qos: 1 }, [t.panelResponse(creds.deviceId)]: { qos: 1 } },
    );
    return panel;
  }

  private onMessage(topic: string, payload: Buffer) {
    const parsed = this.topics.parse(topic);
    let json: unknown;
    try {
      json = JSON.parse(payload.toString('utf8'));
    } catch {
      return;
    }
    if (parsed?.kind === 'room_state') {
      const s = roomStatePayload.safeParse(json);
      if (s.success) {
        this.state = s.data;
        this.states.push(s.data);
      }
    } else if (parsed?.kind === 'room_event') {
      const e = roomEventPayload.safeParse(json);
      if (e.success) this.events.push(e.data);
    } else if (parsed?.kind === 'panel_response') {
      const r = panelResponsePayload.safeParse(json);
      if (r.success) this.pending.get(r.data.id)?.(r.data);
    }
  }

  async request(action: string, params: Params = {}, timeout = 5000): Promise<PanelResponse> {
    const id = this.nextId();
    const answer = new Promise<PanelResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no response to ${action} within ${timeout} ms`));
      }, timeout);
      this.pending.set(id, (r) => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(r);
      });
    });
    await this.publish(this.topics.panelRequest(this.creds.deviceId), { id, at: new Date().toISOString(), action, ...params });
    return answer;
  }

  waitForStatus(status: RoomStatePayload['status'], timeout = 5000): Promise<RoomStatePayload> {
    return waitFor(() => (this.state?.status === status ? this.state : null), { timeout, what: `room status ${status}` });
  }

  waitForEvent(type: RoomEventPayload['type'], timeout = 5000): Promise<RoomEventPayload> {
    return waitFor(() => this.events.find((e) => e.type === type), { timeout, what: `room event ${type}` });
  }
}
