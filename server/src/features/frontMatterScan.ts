import type { ParsedRecord } from '../core/record';
import { RECORD_KINDS, type RecordKind } from '../core/schema/catalogue';

/**
 * A line-by-line reading of the front matter. While a field is half typed the YAML usually does
 * not parse, and the editor still has to know which keys are there and which one owns the cursor.
 */

export interface RawKey { key: string; start: number; end: number; line: number; lineStart: number }

const KEY = /^([A-Za-z_][\w-]*)[ \t]*:(?=[ \t]|$)/;

/** Top-level `key:` lines of the front matter, in order. */
export function rawKeys(rec: ParsedRecord): RawKey[] {
  const fm = rec.frontMatter;
  if (!fm) return [];
  const out: RawKey[] = [];
  const first = rec.lines.lineOf(fm.contentStart);
  const last = rec.lines.lineOf(fm.contentEnd);
  for (let line = first; line <= last; line++) {
    const lineStart = rec.lines.lineStart(line);
    if (lineStart >= fm.contentEnd && fm.closed) break;
    const m = KEY.exec(rec.text.slice(lineStart, rec.lines.lineEnd(line)));
    if (m) out.push({ key: m[1], start: lineStart, end: lineStart + m[1].length, line, lineStart });
  }
  return out;
}

/** The top-level key whose value the given line belongs to, and where that entry ends. */
export function owningEntry(rec: ParsedRecord, line: number): { key: RawKey; end: number } | undefined {
  const keys = rawKeys(rec);
  let owner: RawKey | undefined;
  let next: RawKey | undefined;
  for (const k of keys) {
    if (k.line <= line) owner = k;
    else { next = k; break; }
  }
  if (!owner) return undefined;
  // A line at column 0 that is not a key (a stray word) ends the entry; a `- item` does not.
  for (let l = owner.line + 1; l <= line; l++) {
    const t = rec.text.slice(rec.lines.lineStart(l), rec.lines.lineEnd(l));
    if (/^(?!-(?:[ \t]|$))[^\s#]/.test(t)) return undefined;
  }
  return { key: owner, end: next ? next.lineStart : rec.frontMatter!.contentEnd };
}

/** The scalar written after `key:`, read from the line itself. */
export function rawValue(rec: ParsedRecord, key: string): string | undefined {
  const k = rawKeys(rec).find((x) => x.key === key);
  if (!k) return undefined;
  const line = rec.text.slice(k.end, rec.lines.lineEnd(k.line));
  const m = /^[ \t]*:[ \t]*(["']?)([^"'#\r\n]*?)\1[ \t]*(?:#.*)?$/.exec(line);
  return m && m[2] ? m[2] : undefined;
}

/** The record kind, from the parsed YAML or, when it did not parse, from the `record:` line. */
export function effectiveKind(rec: ParsedRecord): RecordKind | undefined {
  if (rec.kind) return rec.kind;
  const raw = rawValue(rec, 'record');
  return raw && (RECORD_KINDS as readonly string[]).includes(raw) ? (raw as RecordKind) : undefined;
}

/** Keys present in the front matter, parsed or only written. */
export function presentKeys(rec: ParsedRecord): Set<string> {
  const keys = new Set(rec.fields.keys());
  for (const k of rawKeys(rec)) keys.add(k.key);
  return keys;
}
