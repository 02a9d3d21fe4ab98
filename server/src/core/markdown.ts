import type { Span } from './text';
export { outline } from './outline';

/** What the checks need from the Markdown tree; the tree itself is dropped after this is built. */
export interface MdOutline {
  headings: MdHeading[];
  /** Blocks (or parts of label paragraphs) that could be section content, in order. */
  units: Span[];
  /** Blockquotes that open with `[!REVIEW]` or `[!RESOLVED]`. */
  annotations: Span[];
  /** HTML comments (candidates for inline disable/enable comments). */
  comments: Array<Span & { value: string }>;
  /** List items' first lines (candidates for goal definitions). */
  listItems: Span[];
  /** Code blocks and code spans: references and identifiers inside them are not the user's prose. */
  code: Span[];
}

export interface MdHeading extends Span {
  /** 1–6 for headings; 7 for a paragraph label, which ends at the next heading or label. */
  depth: number;
  text: string;
  kind: 'atx' | 'setext' | 'bold-label' | 'plain-label';
  /** Where the section's own content starts (after the heading line, or after the label). */
  contentStart: number;
}

/**
 * A line scan for ATX headings, list items, one-line HTML comments and fenced code, with other
 * lines as content. Used where a full parse is not worth its cost and no finding depends on it: an
 * editor's huge document while its real check runs elsewhere, and the summaries of a checked
 * record's group siblings (sessions, dates, goals) for cross-record rules.
 */
export function lightOutline(text: string): MdOutline {
  const o: MdOutline = { headings: [], units: [], annotations: [], comments: [], listItems: [], code: [] };
  let fence: string | undefined;
  let fenceStart = 0;
  let para: Span | undefined;
  const re = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  for (let m = re.exec(text); m && m[0].length; m = re.exec(text)) {
    const line = m[0].replace(/[\r\n]+$/, '');
    const start = m.index, end = start + line.length;
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) { o.code.push({ start: fenceStart, end }); fence = undefined; }
      continue;
    }
    if (f) { fence = f[1]; fenceStart = start; para = undefined; continue; }
    const h = line.charCodeAt(0) === 35 || line.startsWith(' ') ? /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line) : null;
    if (h) { o.headings.push({ start, end, depth: h[1].length, text: (h[2] ?? '').trim(), kind: 'atx', contentStart: end }); para = undefined; continue; }
    const li = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+/.exec(line);
    if (li) o.listItems.push({ start: start + li[0].length, end });
    const c = /^[ \t]*(<!--.*?-->)/.exec(line);
    if (c) { o.comments.push({ start: start + c[0].length - c[1].length, end: start + c[0].length, value: c[1] }); para = undefined; continue; }
    if (!line.trim()) para = undefined;
    // Consecutive lines make one unit, as a paragraph would.
    else if (para) para.end = end;
    else { para = { start, end }; o.units.push(para); }
  }
  if (fence) o.code.push({ start: fenceStart, end: text.length });
  return o;
}
