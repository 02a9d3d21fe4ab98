// The outline as remark's mdast tree gives it: the reference the event-stream reader in
// server/src/core/markdown.ts must agree with (test/unit/outline.test.ts). Test-only: building the
// tree is a third of the parse, which the checker no longer pays.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { List, Nodes, Root, RootContent, Paragraph, Parents } from 'mdast';
import type { Span } from '../server/src/core/text';
import type { MdOutline } from '../server/src/core/markdown';

/**
 * Constructs the outline never reads: links, images, references, entities, escapes, autolinks.
 * Switching them off saves a tenth of the parse, and keeps `[!REVIEW]` and `[x]: y` plain text.
 */
const UNUSED_CONSTRUCTS = ['labelStartImage', 'labelStartLink', 'labelEnd', 'definition', 'autolink', 'characterReference', 'characterEscape', 'hardBreakEscape'];
function leanMarkdown(this: { data(key: 'micromarkExtensions'): unknown[] | undefined; data(key: 'micromarkExtensions', value: unknown[]): void }): void {
  const list = this.data('micromarkExtensions') ?? [];
  this.data('micromarkExtensions', [...list, { disable: { null: UNUSED_CONSTRUCTS } }]);
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(leanMarkdown as never);

/** Parses text (already guarded: see guard.ts); `toOriginal` maps its offsets back to the user's text. */
export function treeOutline(text: string, toOriginal: (offset: number) => number = (x) => x): MdOutline {
  const root = processor.parse(text) as Root;
  const o: MdOutline = { headings: [], units: [], annotations: [], comments: [], listItems: [], code: [] };
  const raw = (n: Nodes): Span => ({ start: n.position?.start.offset ?? 0, end: n.position?.end.offset ?? 0 });
  const span = (n: Nodes): Span => { const r = raw(n); return { start: toOriginal(r.start), end: toOriginal(r.end) }; };
  for (const node of root.children) top(node);
  return o;

  function top(node: RootContent): void {
    const s = span(node);
    switch (node.type) {
      case 'yaml': case 'definition': case 'thematicBreak': return;
      case 'heading': {
        const setext = !/^#/.test(text.slice(raw(node).start, raw(node).start + 1));
        o.headings.push({ ...s, depth: node.depth, text: plain(node), kind: setext ? 'setext' : 'atx', contentStart: s.end });
        collect(node);
        return;
      }
      case 'paragraph': {
        const label = boldLabel(node) ?? plainLabel(node);
        if (label) {
          const end = toOriginal(label.end);
          o.headings.push({ start: s.start, end, depth: 7, text: label.text, kind: label.kind, contentStart: end });
          if (end < s.end) o.units.push({ start: end, end: s.end });
        } else o.units.push(s);
        collect(node);
        return;
      }
      case 'html':
        if (/^\s*<!--/.test(node.value)) { o.comments.push({ ...s, value: node.value }); return; }
        o.units.push(s);
        return;
      case 'list':
        if (labelList(node)) return;
        o.units.push(s);
        collect(node);
        return;
      case 'blockquote':
        if (isAnnotation(node)) { o.annotations.push(s); collect(node); return; }
        o.units.push(s);
        collect(node);
        return;
      default:
        // A top-level code block is content, and also code: no references or mentions inside it.
        if (node.type === 'code') o.code.push(s);
        o.units.push(s);
        collect(node);
    }
  }

  /** Walks below a top-level block: nested comments, annotations, list items and code. */
  function collect(parent: Nodes): void {
    if (!('children' in parent)) return;
    for (const node of (parent as Parents).children as Nodes[]) {
      if (node.type === 'code' || node.type === 'inlineCode') { o.code.push(span(node)); continue; }
      if (node.type === 'html' && /^\s*<!--/.test(node.value)) { o.comments.push({ ...span(node), value: node.value }); continue; }
      if (node.type === 'blockquote' && isAnnotation(node)) o.annotations.push(span(node));
      if (node.type === 'listItem') {
        const first = node.children[0];
        if (first && first.type === 'paragraph') o.listItems.push(span(first));
      }
      collect(node);
    }
  }

  /**
   * `- **Focus:** …` items, as in notes written as one bulleted list: each labelled item is a
   * label with its own content. A list with no labelled item is content as a whole.
   */
  function labelList(list: List): boolean {
    const labels = list.children.map((item) => {
      const first = item.children[0];
      return first?.type === 'paragraph' ? boldLabel(first) : undefined;
    });
    if (!labels.some(Boolean)) return false;
    list.children.forEach((item, i) => {
      const label = labels[i];
      const first = item.children[0] as Paragraph;
      const is = span(item);
      if (label) {
        const start = toOriginal(first.position!.start.offset!);
        const end = toOriginal(label.end);
        o.headings.push({ start, end, depth: 7, text: label.text, kind: label.kind, contentStart: end });
        if (end < is.end && text.slice(label.end, raw(item).end).trim()) o.units.push({ start: end, end: is.end });
      } else o.units.push(is);
      o.listItems.push(span(first ?? item));
      collect(item);
    });
    return true;
  }

  function isAnnotation(node: Nodes): boolean {
    const s = raw(node);
    return /^[ \t]*>[ \t]*\\?\[!(?:REVIEW|RESOLVED)\\?\]/i.test(text.slice(s.start, Math.min(s.end, s.start + 40)));
  }

  /** `**Summary:** text`, `**Group goals**` alone on its line, or `**Summary**: text`. */
  function boldLabel(p: Paragraph): { text: string; end: number; kind: 'bold-label' } | undefined {
    const first = p.children[0];
    if (!first || first.type !== 'strong' || first.position?.start.offset !== p.position?.start.offset) return undefined;
    let label = plain(first).trim();
    let end = first.position!.end.offset!;
    const next = p.children[1];
    if (label.endsWith(':') || label.endsWith('.')) label = label.slice(0, -1).trim();
    else if (next?.type === 'text' && /^[ \t]*[:\u2013\u2014-][ \t]*/.test(next.value)) {
      // `**Summary**: …` or `**Summary** — …`
      end += /^[ \t]*[:\u2013\u2014-]/.exec(next.value)![0].length;
    } else if (next && !(next.type === 'break' || (next.type === 'text' && /^[ \t]*(\r?\n|$)/.test(next.value)))) {
      return undefined; // bold words opening a sentence, not a label
    }
    if (!label || label.length > 80) return undefined;
    return { text: label, end, kind: 'bold-label' };
  }

  /** `Summary: text` — a label only if it names an element; record.ts decides that. */
  function plainLabel(p: Paragraph): { text: string; end: number; kind: 'plain-label' } | undefined {
    const first = p.children[0];
    if (!first || first.type !== 'text') return undefined;
    const m = /^([A-Z][A-Za-z'’ /&,-]{1,50}?)[ \t]*:(?:[ \t]+|[ \t]*(?:\r?\n|$))/.exec(first.value);
    if (!m || m[1].split(/\s+/).length > 7) return undefined;
    return { text: m[1], end: first.position!.start.offset! + m[0].length, kind: 'plain-label' };
  }
}

/** Text of a node without Markdown marks. */
function plain(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node) return (node as Parents).children.map((c) => plain(c as Nodes)).join('');
  return '';
}

