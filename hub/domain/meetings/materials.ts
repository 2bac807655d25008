/**
 * M3: the host's materials reach the attendees at least a day before the
 * meeting. Files are checked by what they are (their first bytes), not by
 * the name someone gave them: documents, spreadsheets, slides, PDFs, images
 * and plain text; nothing a browser would run (HTML, SVG, scripts).
 */
import { InvalidError } from '../errors.js';

/** Detected type → accepted type and the extensions it may carry. */
export const ACCEPTED: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'application/vnd.oasis.opendocument.presentation': ['odp'],
  'application/x-cfb': ['doc', 'xls', 'ppt'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
};
/** Plain text has no signature: accepted by extension when it is valid UTF-8 with no control bytes. */
export const TEXT_EXTENSIONS: Record<string, string> = { txt: 'text/plain', md: 'text/markdown', csv: 'text/csv' };

export const extensionOf = (name: string) => (/\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1] ?? '').toLowerCase();

/** The type a file is stored and served as, or a clear refusal. `detected`: from its first bytes. */
export function acceptMaterial(name: string, detected: string | undefined, isPlainText: boolean): string {
  const ext = extensionOf(name);
  if (detected) {
    const exts = ACCEPTED[detected];
    if (!exts) throw new InvalidError(`files of type ${detected} are not accepted; use PDF, Office or OpenDocument files, images or plain text`, { field: 'file' });
    if (!exts.includes(ext)) throw new InvalidError(`the file is ${detected} but is named .${ext || '(none)'}; rename it .${exts[0]}`, { field: 'file' });
    return detected === 'application/x-cfb' ? { doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint' }[ext]! : detected;
  }
  const text = TEXT_EXTENSIONS[ext];
  if (text && isPlainText) return text;
  throw new InvalidError('this kind of file is not accepted; use PDF, Office or OpenDocument files, images or plain text (.txt, .md, .csv)', { field: 'file' });
}

/** Valid UTF-8 with no NUL or other control bytes but tab, newline and carriage return. */
export function isPlainText(bytes: Uint8Array): boolean {
  try {
    const s = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s);
  } catch {
    return false;
  }
}

/** A file name safe to store and to send back in Content-Disposition: no paths, no control characters. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.normalize('NFC').replace(/[\u0000-\u001F\u007F"]/g, '').trim().slice(0, 200);
  if (!clean || clean === '.' || clean === '..') throw new InvalidError('the file needs a name', { field: 'file' });
  return clean;
}

/** M3: due a day (by policy) before the start; later ones are flagged late. */
export const materialsDue = (start: number, leadMs: number) => start - leadMs;
