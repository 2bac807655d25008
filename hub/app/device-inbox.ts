/**
 * The device inbox (contract §2): a device message with an id is claimed in
 * the same transaction as its effects, and that transaction commits before
 * the broker sends the PUBACK. So a hub killed at any moment has either
 * applied and claimed a message (a redelivery is answered, not applied
 * again) or done neither (the device, never acknowledged, sends it again).
 *
 * A refused request (a DomainError) rolls its effects back and keeps only
 * the claim with its answer. A handler that fails unexpectedly leaves a dead
 * letter (the payload and the error), so the device is acknowledged and does
 * not resend a poison message for ever; when even that cannot be written
 * (the database is away) the error propagates and no PUBACK goes out.
 */
import type { PanelRequest, PanelResponse } from '../../shared/schemas/mqtt.js';
import { DomainError } from '../domain/errors.js';
import { toPanelError } from '../error-model.js';
import { deviceActor } from './actor.js';
import type { AppDeps } from './deps.js';
import { handleBadgeTap, type TapOutcome } from './handle-badge-tap.js';
import { handlePanelRequest } from './handle-panel-request.js';
import type { DeviceRef } from './ports.js';
import { runWork } from './work.js';

export type Accepted<T> = { duplicate: true; response: string | null } | { duplicate: false; result: T };

const keyOf = (device: DeviceRef, id: string) => `${device.id}:${id}`;

export async function acceptTap(deps: AppDeps, reader: DeviceRef, msg: { id: string; at: string; uid: string }, raw: string): Promise<Accepted<TapOutcome>> {
  return guardedAccept(deps, reader, msg.id, raw, () =>
    runWork(
      deps,
      deviceActor(reader.id).ref,
      async (w): Promise<Accepted<TapOutcome>> => {
        const claim = await w.store.inbox.claim(keyOf(reader, msg.id), w.now);
        if (!claim.fresh) return { duplicate: true, response: claim.response };
        return { duplicate: false, result: await handleBadgeTap(w, reader, msg.uid, Date.parse(msg.at)) };
      },
      { room: reader.roomId },
    ),
  );
}

export async function acceptPanelRequest(deps: AppDeps, panel: DeviceRef, req: PanelRequest, raw: string): Promise<Accepted<PanelResponse>> {
  const key = keyOf(panel, req.id);
  return guardedAccept(deps, panel, req.id, raw, async () => {
    try {
      return await runWork(
        deps,
        deviceActor(panel.id).ref,
        async (w): Promise<Accepted<PanelResponse>> => {
          const claim = await w.store.inbox.claim(key, w.now);
          if (!claim.fresh) return { duplicate: true, response: claim.response };
          const response: PanelResponse = { id: req.id, ok: true, result: await handlePanelRequest(w, panel, req) };
          await w.store.inbox.saveResponse(key, JSON.stringify(response));
          return { duplicate: false, result: response };
        },
        { room: panel.roomId },
      );
    } catch (err) {
      if (!(err instanceof DomainError) || err.code === 'unavailable') throw err;
      // Refused: nothing of it happened; keep the claim with the answer, for a redelivery.
      const response: PanelResponse = { id: req.id, ok: false, error: toPanelError(err) };
      return runWork(deps, deviceActor(panel.id).ref, async (w): Promise<Accepted<PanelResponse>> => {
        const claim = await w.store.inbox.claim(key, w.now);
        if (!claim.fresh) return { duplicate: true, response: claim.response };
        await w.store.inbox.saveResponse(key, JSON.stringify(response));
        return { duplicate: false, result: response };
      });
    }
  });
}

async function guardedAccept<T>(deps: AppDeps, device: DeviceRef, id: string, raw: string, accept: () => Promise<Accepted<T>>): Promise<Accepted<T>> {
  try {
    return await accept();
  } catch (err) {
    if (err instanceof DomainError && err.code === 'unavailable') throw err; // transient: no PUBACK, the device resends
    deps.log.error({ err, device: device.id, messageId: id }, 'device message failed; kept as a dead letter');
    await deps.tx.run((store) => store.inbox.recordFailure(keyOf(device, id), deps.clock.now(), raw, String((err as Error)?.message ?? err)));
    throw new DeadLetterError(err);
  }
}

/** The message is recorded as failed: acknowledge it (and answer a panel with `internal`). */
export class DeadLetterError extends Error {
  constructor(readonly original: unknown) {
    super('device message kept as a dead letter');
  }
}
