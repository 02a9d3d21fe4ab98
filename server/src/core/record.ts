import type { Catalogue } from './catalogue';
import { isPlaceholder } from './catalogue';
import { splitFrontMatter, parseYaml, type FieldEntry, type FrontMatterBlock, type ParsedYaml } from './frontmatter';
import { guardForParse, parseCut } from './guard';
import { lightOutline, outline, type MdHeading, type MdOutline } from './markdown';
import { matchHeading } from './phrases';
import { RECORD_KINDS, type RecordKind } from './schema/catalogue';
import { LineIndex, type Span } from './text';

export interface Section {
  heading: MdHeading;
  /** End of the section: the next heading of the same or a higher level (labels: the next heading or label). */
  end: number;
  hasContent: boolean;
  /** Catalogue elements the heading names (for the record's kind). */
  elements: string[];
  /** Indexes of the structured-format sections the heading names (for the note's `format`). */
  formatSections: number[];
}

export interface ParsedRecord {
  text: string;
  lines: LineIndex;
  frontMatter: FrontMatterBlock | undefined;
  yaml: ParsedYaml | undefined;
  fields: ReadonlyMap<string, FieldEntry>;
  /** A Markdown file is a record when its front matter has a `record:` key. */
  isRecord: boolean;
  /** The record kind when `record:` names a known one. */
  kind: RecordKind | undefined;
  /** The structured format when `format:` names one (session notes). */
  format: string | undefined;
  outline: MdOutline;
  sections: Section[];
  /** Where missing-element findings sit: the title heading, or line 1. */
  titleSpan: Span;
  limits: Array<Span & { reason: string }>;
  truncatedAt: number | undefined;
  /** Where the Markdown body starts. */
  bodyStart: number;
  /** Parsed with `light`: headings from a line scan; not for checks. */
  light?: boolean;
}

export interface ParseOptions {
  /** Headings by a line scan instead of the Markdown parser: for an editor's huge document while its real check runs. */
  light?: boolean;
}

export function parseRecord(text: string, catalogue: Catalogue, opts: ParseOptions = {}): ParsedRecord {
  const lines = new LineIndex(text);
  const fm = splitFrontMatter(text);
  const yaml = fm ? parseYaml(fm.yaml, fm.contentStart) : undefined;
  const fields = new Map<string, FieldEntry>();
  for (const e of yaml?.entries ?? []) if (!fields.has(e.key)) fields.set(e.key, e);
  const rawKind = fields.get('record')?.value;
  // A record whose YAML is broken still announces itself with a `record:` line.
  const isRecord = !!fm && (fields.has('record') || (!!yaml?.problems.length && /^record[ \t]*:/m.test(fm.yaml)));
  const kind = typeof rawKind === 'string' && (RECORD_KINDS as readonly string[]).includes(rawKind) ? (rawKind as RecordKind) : undefined;
  const rawFormat = fields.get('format')?.value;
  const format = kind === 'session-note' && typeof rawFormat === 'string' && catalogue.formats.has(rawFormat) ? rawFormat : undefined;
  const bodyStart = fm ? fm.bodyStart : text.charCodeAt(0) === 0xfeff ? 1 : 0;

  let md: MdOutline = { headings: [], units: [], annotations: [], comments: [], listItems: [], code: [] };
  let limits: ParsedRecord['limits'] = [];
  let truncatedAt: number | undefined;
  if (isRecord) {
    // The front matter is parsed by `yaml`; the parser sees it blanked so offsets stay the same.
    // The parser drops a leading BOM, which would shift every offset by one: a space keeps them.
    const bomless = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
    const masked = fm ? bomless.slice(0, fm.start) + bomless.slice(fm.start, fm.bodyStart).replace(/[^\r\n]/g, ' ') + bomless.slice(fm.bodyStart) : bomless;
    // Only as far as the real check reads: past the cut, a million headings would cost seconds here.
    if (opts.light) md = lightOutline(masked.slice(0, parseCut(masked) ?? masked.length));
    else {
      const guarded = guardForParse(masked);
      limits = guarded.limited.map((l) => ({ start: l.start, end: l.end, reason: l.reason }));
      truncatedAt = guarded.truncatedAt;
      md = outline(guarded.text, guarded.toOriginal);
    }
  }
  const sections = isRecord ? buildSections(text, md, kind, format, catalogue, limits) : [];
  const title = titleHeading(md) ?? md.headings.find((h) => h.depth === 1) ?? md.headings[0];
  const titleSpan = title ? { start: title.start, end: lines.lineEnd(lines.lineOf(title.start)) } : { start: 0, end: lines.lineEnd(0) };
  return { text, lines, frontMatter: fm, yaml, fields, isRecord, kind, format, outline: md, sections, titleSpan, limits, truncatedAt, bodyStart, ...(opts.light ? { light: true } : {}) };
}

function buildSections(text: string, md: MdOutline, kind: RecordKind | undefined, format: string | undefined, cat: Catalogue, unread: readonly Span[] = []): Section[] {
  const index = kind ? cat.phraseIndex.get(kind) : undefined;
  const fIndex = format ? cat.formatIndex.get(format) : undefined;
  const headings: Array<{ h: MdHeading; elements: string[]; formatSections: number[] }> = [];
  const title = titleHeading(md);
  for (const h of md.headings) {
    // A plain "Word:" opening a sentence names an element only by an exact phrase, never a keyword.
    const exact = h.kind === 'plain-label';
    const elements = index && h !== title ? matchHeading(h.text, index, cat.fillers, exact) : [];
    let formatSections = fIndex ? matchHeading(h.text, fIndex, cat.fillers).map((id) => Number(id.split(':')[2])) : [];
    // `**S:**`, `## A`: in a structured note a lone letter stands for the section it begins.
    if (fIndex && !formatSections.length && /^[A-Za-z]$/.test(h.text.trim())) formatSections = letterSection(cat, format!, h.text.trim());
    if (h.kind === 'plain-label' && !elements.length && !formatSections.length) {
      // "Note: …" is prose, not a label: its words are content.
      md.units.push({ start: h.start, end: h.contentStart });
      continue;
    }
    headings.push({ h, elements, formatSections });
  }
  md.units.sort((a, b) => a.start - b.start);
  // Text the parse guard left unread may well be content: a section holding it is not called empty.
  const units = md.units.filter((u) => isRealContent(text.slice(u.start, u.end), cat));
  if (unread.length) units.push(...unread.map((u) => ({ start: u.start, end: u.end })));
  units.sort((a, b) => a.start - b.start);
  const sections: Section[] = [];
  for (let i = 0; i < headings.length; i++) {
    const { h, elements, formatSections } = headings[i];
    let end = text.length;
    for (let j = i + 1; j < headings.length; j++) {
      const next = headings[j].h;
      if (h.depth === 7 || next.depth <= h.depth) { end = next.start; break; }
    }
    // Units are sorted: the first at or after the content start decides (a scan per heading was quadratic).
    const first = firstAtOrAfter(units, h.contentStart);
    const hasContent = first < units.length && units[first].start < end;
    sections.push({ heading: h, end, hasContent, elements, formatSections });
  }
  return sections;
}

/** Index of the first span (sorted by start) that starts at or after `offset`. */
function firstAtOrAfter(spans: readonly Span[], offset: number): number {
  let lo = 0, hi = spans.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (spans[mid].start < offset) lo = mid + 1; else hi = mid; }
  return lo;
}

/**
 * The record's title: a lone level-1 heading that opens the body and has deeper headings under it.
 * It names the record, not an element, even when its words look like one ("Session 4 — next steps").
 */
function titleHeading(md: MdOutline): MdHeading | undefined {
  const first = md.headings[0];
  if (!first || first.depth !== 1) return undefined;
  if (md.headings.filter((h) => h.depth === 1).length > 1 || !md.headings.some((h) => h.depth > 1)) return undefined;
  return first;
}

/** Whether a block is real content, not empty and not only placeholders such as TBD, N/A, "…". */
export function isRealContent(source: string, cat: Catalogue): boolean {
  // A comment is never content for the reader (`**Next steps:** <!-- after supervision -->`).
  const text = source.includes('<!--') ? source.replace(/<!--[^]*?(?:-->|$)/g, ' ') : source;
  // Line by line, stopping at the first real one: most blocks answer on their first line.
  for (const line of text.split(/\r\n|\n|\r/)) {
    const l = line.replace(/^[ \t>]*(?:[-*+]|\d{1,9}[.)])?[ \t]*(?:\[[ xX]\][ \t]*)?/, '').replace(/^\|?[\s|:-]*$/, '').replace(/\|/g, ' ').trim();
    if (!l || !/[\p{L}\p{N}]/u.test(l)) continue;
    if (!isPlaceholder(l, cat)) return true;
  }
  return false;
}

function letterSection(cat: Catalogue, format: string, letter: string): number[] {
  const sections = cat.formats.get(format)?.sections ?? [];
  const hits = sections.map((sec, i) => (sec.title[0]?.toUpperCase() === letter.toUpperCase() ? i : -1)).filter((i) => i >= 0);
  return hits.length === 1 ? hits : [];
}
