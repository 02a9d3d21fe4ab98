/**
 * remark's parser is quadratic on some inputs that no record needs: container markers nested
 * hundreds deep on one line (`- - - - …`), lines indented hundreds of columns, and long runs of
 * emphasis delimiters or brackets. Such lines are blanked in the copy handed to the parser (the
 * user's text is never changed) so every record parses in bounded time, and each is reported.
 */
export const MAX_PARSE_CHARS = 1_310_720;
/**
 * Lines handed to the parser at most. Its time grows faster than the number of blocks: 1.3 MB of
 * one-word paragraphs took 86 s and a million headings 7 s; 25,000 lines of the worst kind take
 * about 3 s (the generated 1 MB benchmark note has 13,000 lines).
 */
export const MAX_PARSE_LINES = 25_000;
/**
 * Nested list items (an indented list marker) parsed at most; further ones are emptied. Each one
 * the parser closes costs it a copy of everything before it: 10,000 `- a` / `  - b` pairs (100 KB)
 * took 25 s, 500 of them add at most about a second to the largest record.
 */
export const MAX_NESTED_ITEMS = 500;
const MAX_CONTAINER_DEPTH = 24;
const MAX_INDENT = 64;
const MAX_MARKS_PER_PARAGRAPH = 2000;
const NEW_INLINE = /^[ \t]*(?:[-*+>|#]|\d{1,9}[.)])/;
const NESTED_ITEM = /^[ \t]+(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

export interface GuardResult {
  /** What the parser sees: limited lines emptied (their line breaks kept). */
  text: string;
  /** Maps an offset in `text` back to the original. */
  toOriginal: (offset: number) => number;
  limited: Array<{ start: number; end: number; reason: string }>;
  truncatedAt?: number;
}

// List markers need a space after them; quote markers do not (`>>>` nests three deep).
const CONTAINER = /(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|(?=[\r\n]|$))|>[ \t]*)/y;

/**
 * Where a text is cut for parsing, if it is: at a line break near MAX_PARSE_CHARS, or at the start
 * of line MAX_PARSE_LINES + 1, whichever comes first.
 */
export function parseCut(text: string): number | undefined {
  let cut: number | undefined;
  if (text.length > MAX_PARSE_CHARS) {
    cut = text.lastIndexOf('\n', MAX_PARSE_CHARS);
    if (cut < MAX_PARSE_CHARS / 2) cut = MAX_PARSE_CHARS;
  }
  const end = cut ?? text.length;
  let lines = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    // A lone CR ends a line too, as it does for the parser.
    if ((c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) && ++lines >= MAX_PARSE_LINES) return i + 1;
  }
  return cut;
}

export function guardForParse(text: string): GuardResult {
  const limited: GuardResult['limited'] = [];
  const truncatedAt = parseCut(text);
  const src = truncatedAt === undefined ? text : text.slice(0, truncatedAt);
  let lineStart = 0;
  // Emphasis and link matching is quadratic per paragraph, so marks are counted across a paragraph's lines.
  let paragraphMarks = 0;
  let nestedItems = 0;
  const n = src.length;
  while (lineStart <= n) {
    // A lone CR ends a line too (old Mac files), as it does for the parser.
    let lineEnd = lineStart;
    while (lineEnd < n && src.charCodeAt(lineEnd) !== 10 && !(src.charCodeAt(lineEnd) === 13 && src.charCodeAt(lineEnd + 1) !== 10)) lineEnd++;
    const marks = countMarks(src, lineStart, lineEnd);
    // A list item, quote, table row or heading starts new inline content.
    paragraphMarks = marks < 0 ? 0 : (NEW_INLINE.test(src.slice(lineStart, Math.min(lineEnd, lineStart + 80))) ? 0 : paragraphMarks) + marks;
    const reason = lineProblem(src, lineStart, lineEnd)
      ?? (paragraphMarks > MAX_MARKS_PER_PARAGRAPH ? `more than ${MAX_MARKS_PER_PARAGRAPH} emphasis, link or code marks in one paragraph` : undefined)
      ?? (NESTED_ITEM.test(src.slice(lineStart, Math.min(lineEnd, lineStart + 80))) && ++nestedItems > MAX_NESTED_ITEMS ? `more than ${MAX_NESTED_ITEMS} nested list items` : undefined);
    // A CRLF line's CR stays: the span ends on the line's last character, not between CR and LF.
    if (reason) limited.push({ start: lineStart, end: lineEnd > lineStart && src.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd, reason });
    lineStart = lineEnd + 1;
  }
  if (!limited.length) return { text: src, toOriginal: (o) => o, limited, truncatedAt };
  // Emptied rather than blanked with spaces: the parser walks long runs of spaces in deep lists slowly.
  const parts: string[] = [];
  const segParse: number[] = [0];
  const segOrig: number[] = [0];
  let pos = 0, parseLen = 0;
  for (const l of limited) {
    parts.push(src.slice(pos, l.start));
    parseLen += l.start - pos;
    pos = l.end;
    segParse.push(parseLen);
    segOrig.push(l.end);
  }
  parts.push(src.slice(pos));
  const toOriginal = (o: number) => {
    let lo = 0, hi = segParse.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (segParse[mid] <= o) lo = mid; else hi = mid - 1; }
    return segOrig[lo] + (o - segParse[lo]);
  };
  return { text: parts.join(''), toOriginal, limited, truncatedAt };
}

function lineProblem(src: string, start: number, end: number): string | undefined {
  let i = start, indent = 0;
  while (i < end && (src[i] === ' ' || src[i] === '\t')) { indent += src[i] === '\t' ? 4 : 1; i++; }
  if (i >= end || src[i] === '\r') return undefined; // blank (the masked front matter is such)
  if (indent > MAX_INDENT) return `indented ${indent} columns`;
  let depth = 0;
  CONTAINER.lastIndex = i;
  while (CONTAINER.lastIndex < end && CONTAINER.exec(src)) {
    if (++depth > MAX_CONTAINER_DEPTH) return `lists or quotes nested more than ${MAX_CONTAINER_DEPTH} deep`;
  }
  return undefined;
}

/** Emphasis, link and code marks on a line; -1 for a blank line, which ends a paragraph. */
function countMarks(src: string, start: number, end: number): number {
  let marks = 0, blank = true;
  for (let k = start; k < end; k++) {
    const c = src.charCodeAt(k);
    if (c === 42 || c === 95 || c === 91 || c === 93 || c === 96 || c === 60) marks++;
    if (blank && c !== 32 && c !== 9 && c !== 13) blank = false;
  }
  return blank ? -1 : marks;
}
