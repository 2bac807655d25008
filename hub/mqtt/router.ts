/**
 * Routes device messages to use cases. Every payload is validated with the
 * shared zod schemas; a bad one is dropped and counted (and a bad panel
 * request is answered), never a crash. Messages of one device are handled in
 * order; a redelivered message id is answered again, not applied twice.
 */
import type { AedesPublishPacket } from 'aedes';
import type { z } from 'zod';
import {
  deviceStatusPayload,
  occupancyPayload,
  type PanelResponse,
  panelRequestPayload,
  tapPayload,
} from '../../shared/schemas/mqtt.js';
import type { Topics } from '../../shared/topics.js';
import type { AppDeps } from '../app/deps.js';
import { recordDeviceStatus } from '../app/devices.js';
import { handleBadgeTap } from '../app/handle-badge-tap.js';
import { handleOccupancy } from '../app/handle-occupancy.js';
import { handlePanelRequest } from '../app/handle-panel-request.js';
import { DomainError } from '../domain/errors.js';
import type { HubMetrics } from '../metrics.js';
import type { DeviceIdentity } from './acl.js';
import type { MqttBroker } from './broker.js';

export class DeviceRouter {
  private readonly queues = new Map<string, Promise<void>>();
  private pending = 0;

  constructor(
    private readonly deps: AppDeps,
    private readonly topics: Topics,
    private readonly metrics: HubMetrics,
    private readonly broker: () => MqttBroker,
  ) {}

  /** Queues the message behind the device's earlier ones. */
  /**
   * The hub is shutting down: what devices say from now on (the last wills Aedes
   * publishes as it closes their connections) is not news about the devices.
   */
  close(): void {
    this.closed = true;
  }
  private closed = false;
  get isClosed(): boolean {
    return this.closed;
  }

  dispatch(device: DeviceIdentity, packet: AedesPublishPacket): void {
    if (this.closed) return;
    const prev = this.queues.get(device.id) ?? Promise.resolve();
    this.pending++;
    const next = prev
      .then(() => this.handle(device, packet))
      .catch((err) => this.deps.log.error({ err, device: device.id, topic: packet.topic }, 'device message failed'))
      .finally(() => {
        this.pending--;
        if (this.queues.get(device.id) === next) this.queues.delete(device.id);
      });
    this.queues.set(device.id, next);
  }

  /** Resolves when every queued message has been handled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending > 0) await Promise.all([...this.queues.values()]);
  }

  private parse<T extends z.ZodType>(schema: T, packet: AedesPublishPacket, kind: string): z.infer<T> | { invalid: string } {
    let json: unknown;
    try {
      json = JSON.parse(packet.payload.toString('utf8'));
    } catch {
      this.metrics.invalidPayloads.inc({ kind });
      return { invalid: 'payload is not JSON' };
    }
    const r = schema.safeParse(json);
    if (r.success) return r.data;
    this.metrics.invalidPayloads.inc({ kind });
    const issue = r.error.issues[0];
    return { invalid: issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'invalid payload' };
  }

  private async handle(identity: DeviceIdentity, packet: AedesPublishPacket): Promise<void> {
    const parsed = this.topics.parse(packet.topic);
    if (!parsed) return;
    const started = process.hrtime.bigint();
    // Authenticated at CONNECT; a revoked device is disconnected at once, so no lookup per message.
    const device = identity;
    const deps = this.deps;
    switch (parsed.kind) {
      case 'device_status': {
        const msg = this.parse(deviceStatusPayload, packet, parsed.kind);
        if ('invalid' in msg) return;
        await recordDeviceStatus(deps, device, msg);
        break;
      }
      case 'reader_tap': {
        const msg = this.parse(tapPayload, packet, parsed.kind);
        if ('invalid' in msg || !(await this.fresh(device.id, msg.id, parsed.kind))) return;
        const outcome = await handleBadgeTap(deps, device, msg.uid, Date.parse(msg.at));
        deps.log.info({ reader: device.id, uid: msg.uid, outcome: outcome.kind }, 'badge tap');
        this.observeLag(parsed.kind, msg.at);
        break;
      }
      case 'sensor_occupancy': {
        const msg = this.parse(occupancyPayload, packet, parsed.kind);
        if ('invalid' in msg) return;
        // Occupancy reports are state, not commands: applying one twice is harmless, so no id claim.
        await handleOccupancy(deps, device, msg.present, Date.parse(msg.at));
        this.observeLag(parsed.kind, msg.at);
        break;
      }
      case 'panel_request':
        await this.panelRequest(device.id, packet, parsed.kind, device);
        break;
      default:
        return;
    }
    this.metrics.mqttHandleDuration.observe({ kind: parsed.kind }, Number(process.hrtime.bigint() - started) / 1e9);
  }

  private async panelRequest(deviceId: string, packet: AedesPublishPacket, kind: string, device: DeviceIdentity) {
    const msg = this.parse(panelRequestPayload, packet, kind);
    if ('invalid' in msg) {
      // Contract §2: a bad request is answered with an error response (echoing its id when it has one).
      const id = requestIdOf(packet);
      if (id) await this.respond(deviceId, { id, ok: false, error: { code: 'invalid', message: msg.invalid } });
      return;
    }
    const key = `${deviceId}:${msg.id}`;
    const claim = await this.deps.store.processed.claim(key, this.deps.clock.now());
    if (!claim.fresh) {
      this.metrics.duplicateMessages.inc({ kind });
      if (claim.response) await this.respond(deviceId, JSON.parse(claim.response) as PanelResponse);
      return;
    }
    let response: PanelResponse;
    try {
      response = { id: msg.id, ok: true, result: await handlePanelRequest(this.deps, device, msg) };
    } catch (err) {
      if (!(err instanceof DomainError)) this.deps.log.error({ err, device: deviceId }, 'panel request failed');
      response = err instanceof DomainError
        ? { id: msg.id, ok: false, error: { code: err.code, message: err.message } }
        : { id: msg.id, ok: false, error: { code: 'internal', message: 'internal error' } };
    }
    await this.deps.store.processed.saveResponse(key, JSON.stringify(response));
    await this.respond(deviceId, response);
  }

  /** Publish-to-handled time by the wall clock (device and hub clocks agree on one site; skew shows here). */
  private observeLag(kind: string, at: string) {
    const lag = Date.now() - Date.parse(at);
    if (lag >= 0) this.metrics.mqttIngestLag.observe({ kind }, lag / 1000);
  }

  private async fresh(deviceId: string, id: string, kind: string): Promise<boolean> {
    const claim = await this.deps.store.processed.claim(`${deviceId}:${id}`, this.deps.clock.now());
    if (!claim.fresh) this.metrics.duplicateMessages.inc({ kind });
    return claim.fresh;
  }

  private respond(deviceId: string, response: PanelResponse) {
    return this.broker().publish(this.topics.panelResponse(deviceId), response, { retain: false, kind: 'panel_response' });
  }
}

function requestIdOf(packet: AedesPublishPacket): string | null {
  try {
    const v = JSON.parse(packet.payload.toString('utf8')) as { id?: unknown };
    return typeof v?.id === 'string' && v.id.length <= 128 ? v.id : null;
  } catch {
    return null;
  }
}
