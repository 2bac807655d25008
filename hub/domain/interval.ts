/** Half-open time intervals [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** Any intersection counts as an overlap, not only the same slot. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Sorts and merges touching or overlapping intervals. */
export function mergeIntervals(list: Interval[]): Interval[] {
  const sorted = [...list].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

/** `free` minus every `busy` interval. */
export function subtractIntervals(free: Interval[], busy: Interval[]): Interval[] {
  const blocks = mergeIntervals(busy);
  const out: Interval[] = [];
  for (const f of mergeIntervals(free)) {
    let cursor = f.start;
    for (const b of blocks) {
      if (b.end <= cursor || b.start >= f.end) continue;
      if (b.start > cursor) out.push({ start: cursor, end: b.start });
      cursor = Math.max(cursor, b.end);
    }
    if (cursor < f.end) out.push({ start: cursor, end: f.end });
  }
  return out;
}
