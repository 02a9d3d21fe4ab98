import type { Catalogue } from './catalogue';
import type { EditData } from './findings';
import type { ParsedRecord } from './record';
import { expandSnippet } from './skeleton';

/** Where a missing element's section goes, and at which heading level. */
export interface SectionPlace { offset: number; depth: number }

/**
 * The conventional place of an element's section: after the last present section that comes
 * before it in the catalogue's order, else before the first one that comes after it, else at the
 * end. It takes the level of the section it is placed beside, so it becomes that section's sibling.
 */
export function sectionPlace(rec: ParsedRecord, cat: Catalogue, elementId: string): SectionPlace {
  const orderOf = (id: string) => (rec.kind ? cat.kinds.get(rec.kind)?.elements.findIndex((x) => x.id === id) ?? -1 : -1);
  const order = orderOf(elementId);
  let place: SectionPlace | undefined;
  for (const s of rec.sections) {
    // Labels (`**Summary:**`) are paragraphs, not places a heading can follow cleanly.
    if (s.heading.depth > 6) continue;
    const orders = s.elements.map(orderOf).filter((o) => o >= 0);
    if (!orders.length || order < 0) continue;
    if (Math.max(...orders) < order) place = { offset: s.end, depth: s.heading.depth };
    else if (!place && Math.min(...orders) > order) { place = { offset: s.heading.start, depth: s.heading.depth }; break; }
  }
  const limit = rec.truncatedAt ?? rec.text.length;
  if (!place) place = { offset: limit, depth: defaultDepth(rec) };
  return { offset: lineStartOf(rec, Math.min(place.offset, limit)), depth: place.depth };
}

/** With no element section to stand beside: one level under the title, or the level of the body's headings. */
function defaultDepth(rec: ParsedRecord): number {
  const title = rec.outline.headings[0];
  const isTitle = title?.depth === 1 && rec.outline.headings.filter((h) => h.depth === 1).length === 1;
  const others = rec.outline.headings.filter((h) => h.depth <= 6 && !(isTitle && h === title));
  if (others.length) return Math.min(...others.map((h) => h.depth));
  return 2;
}

/** A heading may be indented up to three spaces; the insertion goes before the whole line. */
function lineStartOf(rec: ParsedRecord, offset: number): number {
  const start = rec.lines.lineStart(rec.lines.lineOf(offset));
  return /^[ \t]*$/.test(rec.text.slice(start, offset)) ? start : offset;
}

/** The record's own line break, so a CRLF (or CR) file stays consistent. */
export function lineBreakOf(text: string): string {
  return /\r\n|\n|\r/.exec(text)?.[0] ?? '\n';
}

/** An element's skeleton as plain text, its headings moved to `depth`, without trailing line breaks. */
export function skeletonAt(skeleton: string, depth: number, nl: string): string {
  return shiftHeadings(expandSnippet(skeleton).replace(/\s+$/, ''), depth, nl);
}

/** Text with its first heading at `depth` and the others keeping their distance to it, joined with `nl`. */
export function shiftHeadings(text: string, depth: number, nl: string): string {
  const lines = text.split(/\r\n|\n|\r/);
  const first = lines.map((l) => /^(#{1,6})[ \t]/.exec(l)?.[1].length).find((d) => d !== undefined);
  const shift = first === undefined ? 0 : depth - first;
  return lines
    .map((l) => l.replace(/^(#{1,6})(?=[ \t])/, (h) => '#'.repeat(Math.max(1, Math.min(6, h.length + shift)))))
    .join(nl);
}

/**
 * One insertion per place for the given elements (missing-section quick fixes, "insert all"):
 * sections that share a place go in catalogue order, separated by blank lines, with a blank line
 * before and after them and nothing of the user's text touched.
 */
export function insertSections(rec: ParsedRecord, cat: Catalogue, elementIds: readonly string[]): EditData[] {
  const nl = lineBreakOf(rec.text);
  const byOffset = new Map<number, Array<{ order: number; text: string }>>();
  const seen = new Set<string>();
  for (const id of elementIds) {
    const e = cat.elements.get(id);
    if (!e || seen.has(id) || e.kind !== rec.kind) continue;
    seen.add(id);
    const place = sectionPlace(rec, cat, id);
    const list = byOffset.get(place.offset) ?? [];
    list.push({ order: e.order, text: skeletonAt(e.skeleton, place.depth, nl) });
    byOffset.set(place.offset, list);
  }
  const edits: EditData[] = [];
  for (const [offset, list] of [...byOffset].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a.order - b.order);
    let text = list.map((x) => x.text).join(nl + nl) + nl;
    const floor = rec.frontMatter?.closed ? rec.bodyStart : rec.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (offset > floor) text = nl.repeat(Math.max(0, 2 - breaksBefore(rec.text, offset))) + text;
    if (offset < rec.text.length && !/^[ \t]*(\r\n|\n|\r)/.test(rec.text.slice(offset, offset + 200))) text += nl;
    edits.push({ start: offset, end: offset, newText: text });
  }
  return edits;
}

/** How many line breaks end just before `offset` (2 or more: a blank line already separates). */
function breaksBefore(text: string, offset: number): number {
  let n = 0;
  let i = offset;
  while (i > 0 && n < 2) {
    const c = text[i - 1];
    if (c === '\n') { n++; i -= text[i - 2] === '\r' ? 2 : 1; }
    else if (c === '\r') { n++; i--; }
    else if (c === ' ' || c === '\t') i--;
    else break;
  }
  return n;
}
