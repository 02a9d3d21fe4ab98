import type { Range } from 'vscode-languageserver';
import type { ParsedRecord } from '../core/record';

/** The line a cursor is on, split at the cursor. */
export interface CursorLine {
  line: number;
  /** Offset of the line's first character. */
  start: number;
  /** Offset of the end of the line's text (before its line break). */
  end: number;
  /** The cursor, clamped into the document and its line (never inside a CRLF pair). */
  offset: number;
  before: string;
  after: string;
}

export function cursorLine(rec: ParsedRecord, rawOffset: number): CursorLine {
  const clamped = Math.max(0, Math.min(Number.isFinite(rawOffset) ? Math.floor(rawOffset) : 0, rec.text.length));
  const line = rec.lines.lineOf(clamped);
  const start = rec.lines.lineStart(line);
  const end = rec.lines.lineEnd(line);
  const offset = Math.min(clamped, end);
  return { line, start, end, offset, before: rec.text.slice(start, offset), after: rec.text.slice(offset, end) };
}

export function rangeOf(rec: ParsedRecord, start: number, end: number): Range {
  return { start: rec.lines.positionAt(start), end: rec.lines.positionAt(end) };
}

/** The line break the document already uses, so inserted text does not mix endings. */
export function eolOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : /\r(?!\n)/.test(text) ? '\r' : '\n';
}

export function inFrontMatter(rec: ParsedRecord, offset: number): boolean {
  const fm = rec.frontMatter;
  // The closing `---` line belongs to the body side: typing there would break the fence.
  return !!fm && offset >= fm.contentStart && (offset < fm.contentEnd || !fm.closed);
}

export function inCode(rec: ParsedRecord, offset: number): boolean {
  return rec.outline.code.some((c) => offset > c.start && offset < c.end);
}

/** The word (letters, digits, `_`) under or just before the cursor, within its line. */
export function wordAt(rec: ParsedRecord, offset: number): { start: number; end: number; text: string } | undefined {
  const cur = cursorLine(rec, offset);
  const t = rec.text;
  const isWord = (i: number) => i >= cur.start && i < cur.end && /\w/.test(t[i]);
  let at = cur.offset;
  if (!isWord(at)) at--;
  if (!isWord(at)) return undefined;
  let start = at, end = at + 1;
  while (isWord(start - 1)) start--;
  while (isWord(end)) end++;
  return { start, end, text: t.slice(start, end) };
}
