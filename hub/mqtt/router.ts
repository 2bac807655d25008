/**
 * Routes device messages to use cases. Every payload is validated with the
 * shared zod schemas; a bad one is dropped and counted (and a bad panel
 * request is answered), never a crash. The broker calls `handle` before it
 * acknowledges the message, one message of a device at a time.
 */
import type { PublishPacket } from 'aedes';
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
import { acceptPanelRequest, acceptTap, DeadLetterError } from '../app/device-inbox.js';
import { recordDeviceStatus } from '../app/devices.js';
import { reportOccupancy } from '../app/handle-occupancy.js';
import { runWork } from '../app/work.js';
import { classifyError } from '../error-model.js';
import type { HubMetrics } from '../metrics.js';
import type { DeviceIdentity } from './acl.js';

export class DeviceRouter {
  constructor(
    private readonly deps: AppDeps,
    private readonly topics: Topics,
    private readonly metrics: HubMetrics,
    private readonly respond: (deviceId: string, response: PanelResponse) => Promise<void>,
  ) {}

  /**
   * Resolves once the message is recorded: applied, refused with an answer, or
   * kept as a dead letter. Rejects only when it could not be recorded at all
   * (the database is away): then it must not be acknowledged.
   */
  async handle(device: DeviceIdentity, packet: PublishPacket): Promise<void> {
    const parsed = this.topics.parse(packet.topic);
    if (!parsed) return;
    const started = process.hrtime.bigint();
    this.deps.activity.heard(device.id, this.deps.clock.now());
    try {
      await this.route(device, parsed.kind, packet);
    } catch (err) {
      const c = classifyError(err);
      this.metrics.errors.inc({ transport: 'mqtt', code: c.code });
      if (c.code === 'unavailable') throw err;
      // State reports (status, occupancy) carry no id to keep as a dead letter; they repeat.
      this.deps.log.error({ err, device: device.id, topic: packet.topic }, 'device message failed');
    }
    this.metrics.mqttHandleDuration.observe({ kind: parsed.kind }, Number(process.hrtime.bigint() - started) / 1e9);
  }

  private async route(device: DeviceIdentity, kind: string, packet: PublishPacket): Promise<void> {
    const deps = this.deps;
    switch (kind) {
      case 'device_status': {
        const msg = this.parse(deviceStatusPayload, packet, kind);
        if ('invalid' in msg) return;
        await runWork(deps, `device:${device.id}`, (w) => recordDeviceStatus(w, device, msg), { room: device.roomId });
        return;
      }
      case 'reader_tap': {
        const msg = this.parse(tapPayload, packet, kind);
        if ('invalid' in msg) return;
        try {
          const r = await acceptTap(deps, device, msg, packet.payload.toString('utf8'));
          if (r.duplicate) this.metrics.duplicateMessages.inc({ kind });
          else deps.log.info({ reader: device.id, uid: msg.uid, outcome: r.result.kind }, 'badge tap');
        } catch (err) {
          if (!(err instanceof DeadLetterError)) throw err;
        }
        this.observeLag(kind, msg.at);
        return;
      }
      case 'sensor_occupancy': {
        const msg = this.parse(occupancyPayload, packet, kind);
        if ('invalid' in msg) return;
        // Occupancy reports are state, not commands: applying one twice is harmless, so no id claim.
        await reportOccupancy(deps, device, msg.present, Date.parse(msg.at));
        this.observeLag(kind, msg.at);
        return;
      }
      case 'panel_request':
        return this.panelRequest(device, packet, kind);
    }
  }

  private async panelRequest(device: DeviceIdentity, packet: PublishPacket, kind: string) {
    const msg = this.parse(panelRequestPayload, packet, kind);
    if ('invalid' in msg) {
      // Contract §2: a bad request is answered with an error response (echoing its id when it has one).
      const id = requestIdOf(packet);
      if (id) await this.respond(device.id, { id, ok: false, error: { code: 'invalid', message: msg.invalid } });
      return;
    }
    let response: PanelResponse | null;
    try {
      const r = await acceptPanelRequest(this.deps, device, msg, packet.payload.toString('utf8'));
      if (r.duplicate) this.metrics.duplicateMessages.inc({ kind });
      response = r.duplicate ? (r.response ? (JSON.parse(r.response) as PanelResponse) : null) : r.result;
    } catch (err) {
      if (!(err instanceof DeadLetterError)) throw err;
      this.metrics.errors.inc({ transport: 'mqtt', code: 'internal' });
      response = { id: msg.id, ok: false, error: { code: 'internal', message: 'internal error' } };
    }
    if (response && !response.ok) this.metrics.errors.inc({ transport: 'mqtt', code: response.error?.code ?? 'internal' });
    if (response) await this.respond(device.id, response);
  }

  private parse<T extends z.ZodType>(schema: T, packet: PublishPacket, kind: string): z.infer<T> | { invalid: string } {
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

  /** Publish-to-handled time by the wall clock (device and hub clocks agree on one site; skew shows here). */
  private observeLag(kind: string, at: string) {
    const lag = Date.now() - Date.parse(at);
    if (lag >= 0) this.metrics.mqttIngestLag.observe({ kind }, lag / 1000);
  }
}

function requestIdOf(packet: PublishPacket): string | null {
  try {
    const v = JSON.parse(packet.payload.toString('utf8')) as { id?: unknown };
    return typeof v?.id === 'string' && v.id.length <= 128 ? v.id : null;
  } catch {
    return null;
  }
}
