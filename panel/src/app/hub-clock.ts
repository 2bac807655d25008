/**
 * The hub's clock, as the door panels use it: "today", "now" and the defaults of
 * a booking form come from the hub (GET /api/session tells its time), not from
 * this computer's clock, which may be wrong.
 */
let offset = 0;

export function setHubTime(iso: string | undefined) {
  const at = iso ? Date.parse(iso) : NaN;
  if (Number.isFinite(at)) offset = at - Date.now();
}

export const hubNow = (): number => Date.now() + offset;
