/** Offsets ↔ positions. Offsets are JS string indices, i.e. UTF-16 code units, which is what LSP counts. */
export interface Position { line: number; character: number }
export interface Span { start: number; end: number }

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * A span clamped to the text and widened to whole characters: it never runs past the end, and
 * never starts or ends between a CR and its LF or between the halves of a surrogate pair (a
 * parser's one-unit error span may do all three).
 */
export function wholeSpan(text: string, start: number, end: number): Span {
  const n = text.length;
  let s = Math.max(0, Math.min(start, n));
  let e = Math.max(s, Math.min(end, n));
  const splits = (o: number) => o > 0 && o < n && ((text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) || (isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o))));
  if (splits(s)) s--;
  if (splits(e)) e++;
  return { start: s, end: e };
}

export class LineIndex {
  private readonly starts: number[];
  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }
  get lineCount(): number { return this.starts.length; }
  lineStart(line: number): number { return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]; }
  /** End of the line's text, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
  lineOf(offset: number): number {
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    return { line, character: o - this.starts[line] };
  }
  offsetAt(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    return Math.min(this.lineStart(p.line) + p.character, this.lineEnd(p.line));
  }
}
