import { SymbolKind, type DocumentSymbol, type Position } from 'vscode-languageserver';
import { elementPresence } from '../core/checks/elements';
import { levelLabel } from '../core/context';
import type { Finding } from '../core/findings';
import type { Section } from '../core/record';
import { sectionPlace } from '../core/sectionInsert';
import type { Span } from '../core/text';
import type { FeatureContext } from './context';
import { toRange } from './diagnostics';

/**
 * The outline of a record:
 * - `Front matter` (Module) with its fields (Property; Field when the field satisfies an element);
 * - the headings, nested as in the document: the title (File), sections that name an element
 *   (Field, `detail` = the elements they name), other headings and labels (String, as VS Code's
 *   own Markdown outline shows them);
 * - each missing element the findings report as `Missing: <element>` (Null, `detail` = level and
 *   citation) at the place its quick fix would insert it, a sibling of the sections around it.
 *   Null is the kind for "nothing here", and lets a user hide them (`outline.showNull`,
 *   `breadcrumbs.showNull`). Their range is empty, on the blank line before that place, so the
 *   breadcrumbs name them only there.
 */
export function documentSymbols(ctx: FeatureContext): DocumentSymbol[] {
  try {
    return ctx.rec.isRecord ? build(ctx) : [];
  } catch {
    return [];
  }
}

interface Node { depth: number; start: number; end: number; symbol: DocumentSymbol; children: Node[] }

function build(ctx: FeatureContext): DocumentSymbol[] {
  const { rec, cat } = ctx;
  const roots: Node[] = [];
  const missing = missingElements(ctx);
  const fmNode = frontMatterNode(ctx, missing);
  if (fmNode) roots.push(fmNode);

  const presence = elementPresence(rec, cat);
  const fmt = rec.format ? cat.formats.get(rec.format) : undefined;
  const filled = (id: string) => { const p = presence.get(id); return !!p && (p.field || p.sections.some((s) => s.hasContent)); };
  const stack: Node[] = [];
  for (const s of rec.sections) {
    const named = [...new Set([...s.elements, ...s.formatSections.flatMap((i) => fmt?.sections[i]?.satisfies ?? [])])]
      .filter((id) => cat.elements.has(id));
    const isTitle = s.heading.depth === 1 && s.heading.start === rec.titleSpan.start && !s.elements.length;
    const empty = !s.hasContent && named.length > 0 && !named.some(filled);
    // Attendance in the body does not count (only the front-matter field does): the outline says so.
    const detail = named.map((id) => cat.elements.get(id)!.title + (cat.elements.get(id)!.frontMatterOnly ? ' (belongs in the front matter)' : '')).join(', ') + (empty ? ' (empty)' : '');
    const kind = isTitle ? SymbolKind.File : named.length ? SymbolKind.Field : SymbolKind.String;
    const node: Node = {
      depth: s.heading.depth, start: s.heading.start, end: s.end,
      symbol: symbol(ctx, s.heading.text, detail, kind, { start: s.heading.start, end: sectionEnd(ctx, s) }, headingSpan(ctx, s)),
      children: [],
    };
    while (stack.length && stack[stack.length - 1].depth >= node.depth) stack.pop();
    (stack.length ? stack[stack.length - 1].children : roots).push(node);
    stack.push(node);
  }

  for (const f of missing) {
    const e = cat.elements.get(f.ruleId)!;
    if (e.frontMatterOnly) continue; // placed in the front matter above
    const place = sectionPlace(rec, cat, e.id);
    const at = blankLineBefore(ctx, place.offset);
    const node: Node = { depth: place.depth, start: at, end: at, symbol: missingSymbol(ctx, f, at), children: [] };
    insertByPlace(roots, node);
  }
  return roots.map(finish);
}

/** Missing-element findings, once per element, in conventional order (several may share a place). */
function missingElements(ctx: FeatureContext): Finding[] {
  const seen = new Set<string>();
  return ctx.findings
    .filter((f) => {
      if (!f.wholeRecord || !ctx.cat.elements.has(f.ruleId) || seen.has(f.ruleId)) return false;
      seen.add(f.ruleId);
      return true;
    })
    .sort((a, b) => ctx.cat.elements.get(a.ruleId)!.order - ctx.cat.elements.get(b.ruleId)!.order);
}

function frontMatterNode(ctx: FeatureContext, missing: readonly Finding[]): Node | undefined {
  const { rec, cat } = ctx;
  const fm = rec.frontMatter;
  if (!fm) return undefined;
  const end = fm.closed ? trimEnd(rec.text, fm.bodyStart, fm.contentEnd) : fm.contentEnd;
  const bySatisfiedField = new Map<string, string>();
  if (rec.kind) for (const e of cat.kinds.get(rec.kind)?.elements ?? []) for (const key of e.fields) bySatisfiedField.set(key, e.title);
  const children: Node[] = [];
  for (const entry of rec.yaml?.entries ?? []) {
    const element = bySatisfiedField.get(entry.key);
    const span = { start: entry.keySpan.start, end: trimEnd(rec.text, Math.max(entry.keySpan.end, entry.valueSpan.end), entry.keySpan.end) };
    const detail = element ?? preview(entry.value);
    children.push({ depth: 8, start: span.start, end: span.end, symbol: symbol(ctx, entry.key, detail, element ? SymbolKind.Field : SymbolKind.Property, span, entry.keySpan), children: [] });
  }
  for (const f of missing) {
    if (!cat.elements.get(f.ruleId)?.frontMatterOnly) continue;
    children.push({ depth: 8, start: fm.contentEnd, end: fm.contentEnd, symbol: missingSymbol(ctx, f, fm.contentEnd), children: [] });
  }
  const kindTitle = rec.kind ? cat.kinds.get(rec.kind)?.title : undefined;
  return {
    depth: 0, start: fm.start, end,
    symbol: symbol(ctx, 'Front matter', kindTitle ?? '', SymbolKind.Module, { start: fm.start, end }, { start: fm.start, end: Math.min(end, fm.start + 3) }),
    children,
  };
}

function missingSymbol(ctx: FeatureContext, f: Finding, at: number): DocumentSymbol {
  const e = ctx.cat.elements.get(f.ruleId)!;
  const detail = [f.level ? levelLabel(f.level) : f.severity, e.cite.join(', ')].filter(Boolean).join(' · ');
  return symbol(ctx, `Missing: ${e.title}`, detail, SymbolKind.Null, { start: at, end: at }, { start: at, end: at });
}

/** Among the sections, under the deepest one that is shallower and contains the place; in document order. */
function insertByPlace(roots: Node[], node: Node): void {
  let list = roots;
  for (;;) {
    const parent = list.find((n) => n.depth > 0 && n.depth < node.depth && n.start <= node.start && node.start <= n.end);
    if (!parent) break;
    list = parent.children;
  }
  let i = list.length;
  while (i > 0 && list[i - 1].start > node.start) i--;
  list.splice(i, 0, node);
}

/** Children are listed in order, and a parent's range always holds its children's (a missing section may sit after the last text). */
function finish(n: Node): DocumentSymbol {
  if (!n.children.length) return n.symbol;
  const children = n.children.map(finish);
  const r = n.symbol.range;
  for (const c of children) {
    if (before(c.range.start, r.start)) r.start = c.range.start;
    if (before(r.end, c.range.end)) r.end = c.range.end;
  }
  n.symbol.children = children;
  return n.symbol;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** A symbol whose selection range always lies in its range, with a name an editor accepts. */
function symbol(ctx: FeatureContext, name: string, detail: string, kind: SymbolKind, range: Span, selection: Span): DocumentSymbol {
  const r = { start: Math.min(range.start, range.end), end: Math.max(range.start, range.end) };
  const selStart = Math.min(Math.max(selection.start, r.start), r.end);
  const sel = { start: selStart, end: Math.max(selStart, Math.min(selection.end, r.end)) };
  const clean = name.replace(/\s+/g, ' ').trim();
  const s: DocumentSymbol = {
    name: clean || '(untitled)', kind,
    range: toRange(ctx.rec.lines, r), selectionRange: toRange(ctx.rec.lines, sel),
  };
  if (detail) s.detail = detail;
  return s;
}

function headingSpan(ctx: FeatureContext, s: Section): Span {
  const { lines } = ctx.rec;
  const lineEnd = lines.lineEnd(lines.lineOf(s.heading.start));
  return { start: s.heading.start, end: Math.min(s.heading.depth > 6 ? s.heading.contentStart : lineEnd, Math.max(s.end, s.heading.start)) };
}

/** The section up to its last character that is not white space, so it does not reach into the next heading's line. */
function sectionEnd(ctx: FeatureContext, s: Section): number {
  const { lines } = ctx.rec;
  return trimEnd(ctx.rec.text, s.end, Math.min(s.end, lines.lineEnd(lines.lineOf(s.heading.start))));
}

function trimEnd(text: string, end: number, floor: number): number {
  while (end > floor && /\s/.test(text[end - 1])) end--;
  return end;
}

/** The blank line before an insertion place when there is one, else the place itself. */
function blankLineBefore(ctx: FeatureContext, offset: number): number {
  const { lines, text } = ctx.rec;
  const line = lines.lineOf(offset);
  if (line === 0 || lines.lineStart(line) !== offset) return offset;
  const prev = line - 1;
  return /^[ \t]*$/.test(text.slice(lines.lineStart(prev), lines.lineEnd(prev))) ? lines.lineStart(prev) : offset;
}

function preview(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    const s = String(v).replace(/\s+/g, ' ').trim();
    return s.length > 40 ? s.slice(0, 39) + '…' : s;
  }
  if (Array.isArray(v)) return v.every((x) => typeof x !== 'object') ? preview(v.join(', ')) : `${v.length} items`;
  return '';
}
