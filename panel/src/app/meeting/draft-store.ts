/**
 * The minute taker's text kept on this device until the hub has it (M9: no
 * lost text when the network drops for a moment). One entry per booking and
 * the server version the text was written on, so a draft written on an old
 * version is never taken for one written on the current one.
 */
const PREFIX = 'minutes-draft:';

export interface KeptDraft {
  bookingId: string;
  /** The server's version this text was written on. */
  version: number;
  text: string;
  at: number;
}

const keyOf = (bookingId: string, version: number) => `${PREFIX}${bookingId}:${version}`;

export function keepDraft(d: KeptDraft, storage: Storage = localStorage) {
  try {
    storage.setItem(keyOf(d.bookingId, d.version), JSON.stringify(d));
  } catch {
    // A full or disabled storage: the text is still in the editor, and the status says it is not saved.
  }
}

/** Forgets every kept draft of this booking written on `version` or earlier (the hub has a newer text). */
export function forgetDrafts(bookingId: string, upToVersion: number, storage: Storage = localStorage) {
  for (const d of keptDrafts(bookingId, storage)) if (d.version <= upToVersion) storage.removeItem(keyOf(bookingId, d.version));
}

/** This booking's kept drafts, newest version first. */
export function keptDrafts(bookingId: string, storage: Storage = localStorage): KeptDraft[] {
  const out: KeptDraft[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (!k?.startsWith(`${PREFIX}${bookingId}:`)) continue;
    try {
      const d = JSON.parse(storage.getItem(k) ?? '') as KeptDraft;
      if (d.bookingId === bookingId && typeof d.text === 'string' && Number.isInteger(d.version)) out.push(d);
    } catch {
      storage.removeItem(k);
    }
  }
  return out.sort((a, b) => b.version - a.version);
}
