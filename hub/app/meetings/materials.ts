/**
 * M3: the host's materials, due a day before the meeting. Each file is
 * checked for what it is, kept in the database (every hub of a site serves
 * it), and readable by whoever may read the meeting. One uploaded after the
 * due time is flagged late and its attendees are told at once; the others are
 * reminded at the due time (meeting-sweep.ts).
 */
import { createHash } from 'node:crypto';
import { InvalidError, NotFoundError, StateConflictError, TooLargeError } from '../../domain/errors.js';
import { acceptMaterial, cleanName, isPlainText, materialsDue } from '../../domain/meetings/materials.js';
import type { Actor } from '../actor.js';
import { type AppDeps, newId } from '../deps.js';
import type { MaterialRecord } from '../ports.js';
import { runWork } from '../work.js';
import { meetingContext } from './context.js';

/** What a meeting may hold in all: a bound on what one host can put in the database. */
export const MEETING_MATERIALS_MAX_BYTES = 200 * 1024 * 1024;

export interface Upload {
  name: string;
  bytes: Uint8Array;
  /** The type its first bytes say (file-type), if any. */
  detected: string | undefined;
}

export async function attachMaterial(deps: AppDeps, bookingId: string, upload: Upload, actor: Actor): Promise<MaterialRecord> {
  const name = cleanName(upload.name);
  if (upload.bytes.length === 0) throw new InvalidError('the file is empty', { field: 'file' });
  const mimeType = acceptMaterial(name, upload.detected, !upload.detected && isPlainText(upload.bytes));
  const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
  return runWork(deps, actor.ref, async (w) => {
    const ctx = await meetingContext(w.store, bookingId, actor);
    ctx.require('attach_materials');
    if (['cancelled', 'released', 'rejected'].includes(ctx.booking.status)) throw new StateConflictError(`the meeting is ${ctx.booking.status}`);
    if ((await w.store.materials.totalSize(bookingId)) + upload.bytes.length > MEETING_MATERIALS_MAX_BYTES) {
      throw new TooLargeError(`a meeting holds at most ${MEETING_MATERIALS_MAX_BYTES / 2 ** 20} MB of materials`);
    }
    if (!ctx.stored) await w.store.meetings.put(ctx.meeting);
    const material: MaterialRecord = {
      id: newId('mat'),
      bookingId,
      name,
      mimeType,
      size: upload.bytes.length,
      sha256,
      uploadedBy: w.actor,
      uploadedAt: w.now,
      late: w.now > materialsDue(ctx.booking.start, w.policy.materialsLeadMs),
    };
    await w.store.materials.add({ ...material, content: upload.bytes });
    w.emit({ type: 'material.added', bookingId, material });
    return material;
  });
}

export async function listMaterials(deps: AppDeps, bookingId: string, actor: Actor): Promise<MaterialRecord[]> {
  return deps.tx.read(async (store) => {
    (await meetingContext(store, bookingId, actor)).require('read');
    return store.materials.list(bookingId);
  });
}

export async function readMaterial(deps: AppDeps, bookingId: string, id: string, actor: Actor): Promise<MaterialRecord & { content: Uint8Array }> {
  return deps.tx.read(async (store) => {
    (await meetingContext(store, bookingId, actor)).require('read');
    const m = await store.materials.get(id);
    if (!m || m.bookingId !== bookingId) throw new NotFoundError('material', id);
    return m;
  });
}

export async function removeMaterial(deps: AppDeps, bookingId: string, id: string, actor: Actor): Promise<void> {
  await runWork(deps, actor.ref, async (w) => {
    (await meetingContext(w.store, bookingId, actor)).require('attach_materials');
    const m = (await w.store.materials.list(bookingId)).find((x) => x.id === id);
    if (!m) throw new NotFoundError('material', id);
    await w.store.materials.remove(id);
    w.emit({ type: 'material.removed', bookingId, material: m });
  });
}
