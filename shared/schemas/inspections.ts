/** R11: periodic safety inspections of each room (fire equipment, power wiring...). */
import { z } from 'zod';
import { isoTime } from './common.js';

const itemId = z.string().regex(/^[a-z0-9_]{1,48}$/, 'use 1-48 of a-z 0-9 _');
export const checklistItem = z.strictObject({ id: itemId, label: z.string().min(1).max(200) });

/** The default checklist of a room's plan; labels in the office's language are the admin's to edit. */
export const DEFAULT_CHECKLIST = [
  { id: 'fire_extinguisher', label: 'Fire extinguisher present, sealed, in date · 灭火器完好有效' },
  { id: 'exits_and_signs', label: 'Exits clear, exit signs lit · 安全出口畅通、指示灯正常' },
  { id: 'electrical', label: 'Sockets, cables and power strips safe · 插座、电线、插排安全' },
  { id: 'cleanliness', label: 'Room clean and tidy · 会议室整洁' },
];
export const DEFAULT_INSPECTION_EVERY_DAYS = 30;

export const inspectionPlan = z.object({
  room: z.string(),
  everyDays: z.number().int(),
  checklist: z.array(checklistItem),
  lastInspectedAt: isoTime.nullable(),
  /** When the next inspection is due: the last one + everyDays (or the plan's start when never inspected). */
  dueAt: isoTime,
  overdue: z.boolean(),
  lastResult: z.enum(['pass', 'fail']).nullable(),
});

export const inspectionPlanPut = z.strictObject({
  everyDays: z.number().int().min(1).max(366),
  checklist: z.array(checklistItem).min(1).max(40),
});

export const INSPECTION_RESULTS = ['pass', 'fail', 'na'] as const;

export const inspectionCreate = z.strictObject({
  /** When it was done; defaults to now. */
  at: isoTime.optional(),
  items: z
    .array(
      z.strictObject({
        item: itemId,
        result: z.enum(INSPECTION_RESULTS),
        note: z.string().max(1000).optional(),
        /** A failed item can open a fault for the room at once (R9). */
        openFault: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(40),
  notes: z.string().max(4000).optional(),
});

export const inspection = z.object({
  id: z.string(),
  room: z.string(),
  at: isoTime,
  by: z.string(),
  result: z.enum(['pass', 'fail']),
  items: z.array(z.object({ item: z.string(), label: z.string(), result: z.enum(INSPECTION_RESULTS), note: z.string().optional(), faultId: z.string().optional() })),
  notes: z.string().nullable(),
});

export const inspectionQuery = z.object({ overdue: z.enum(['true', 'false']).optional() });

export type InspectionPlanDto = z.infer<typeof inspectionPlan>;
export type InspectionDto = z.infer<typeof inspection>;
export type InspectionCreate = z.infer<typeof inspectionCreate>;
