/**
 * C8: archived minutes are searchable in Chinese and English alike, on SQLite
 * (FTS5) and PostgreSQL (tsvector). Chinese is written without spaces, and
 * both engines' tokenizers would take a whole clause as one word, so nothing
 * inside it could be found. The hub therefore indexes every CJK character as
 * a token of its own, and searches a run of Chinese as a phrase of those
 * tokens: any run of characters is found wherever it appears, in any order of
 * words around it. Each character is written as an ASCII token (`c4f1ac` for
 * 会) so neither engine's parser, locale or stemmer can drop or change it.
 * Latin words go to the engines as they are (stemmed by each: Porter on
 * SQLite, the english configuration on PostgreSQL).
 */

// Han (with extensions), kana, Hangul, CJK symbols: scripts written without spaces between words.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;
/** Splits keeping the CJK runs as parts of their own. */
const CJK_SPLIT = new RegExp(`(${CJK_RUN.source})`, 'u');

const encode = (ch: string) => `c${ch.codePointAt(0)!.toString(16)}c`;

/** The text as it is indexed: CJK characters one token each, everything else as written. */
export function indexText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(CJK_RUN, (run) => ` ${[...run].map(encode).join(' ')} `);
}

export type Term = { kind: 'phrase'; tokens: string[] } | { kind: 'word'; word: string };

const MAX_TERMS = 12;

/** A query's terms: each run of CJK a phrase, each other word a word; every term must match. */
export function searchTerms(query: string): Term[] {
  const terms: Term[] = [];
  const q = query.normalize('NFKC').toLowerCase();
  for (const part of q.split(CJK_SPLIT)) {
    if (!part) continue;
    if (CJK.test(part)) terms.push({ kind: 'phrase', tokens: [...part].map(encode) });
    else for (const w of part.match(WORD) ?? []) terms.push({ kind: 'word', word: w });
  }
  return terms.slice(0, MAX_TERMS);
}

/** SQLite FTS5 MATCH syntax: every term quoted (so nothing a person types is FTS syntax), ANDed. */
export function fts5Query(terms: readonly Term[]): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return terms.map((t) => quote(t.kind === 'phrase' ? t.tokens.join(' ') : t.word)).join(' AND ');
}

/** PostgreSQL websearch_to_tsquery syntax: phrases in quotes, words as they are (it never fails to parse). */
export function websearchQuery(terms: readonly Term[]): string {
  return terms.map((t) => (t.kind === 'phrase' ? `"${t.tokens.join(' ')}"` : t.word.replace(/["-]/g, ' '))).join(' ');
}

/** A piece of `text` around the first place a term appears, for the result list. */
export function excerpt(text: string, query: string, around = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const lower = flat.toLowerCase();
  const needles = query.normalize('NFKC').toLowerCase().split(/\s+/).flatMap((p) => p.match(CJK_RUN) ?? p.match(WORD) ?? []);
  const at = needles.map((n) => lower.indexOf(n)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
  if (at === undefined) return flat.slice(0, around * 2) + (flat.length > around * 2 ? '…' : '');
  const from = Math.max(0, at - around);
  const to = Math.min(flat.length, at + around);
  return `${from > 0 ? '…' : ''}${flat.slice(from, to)}${to < flat.length ? '…' : ''}`;
}
