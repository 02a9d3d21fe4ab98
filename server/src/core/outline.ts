import { parse, preprocess } from 'micromark';
import { subtokenize } from 'micromark-util-subtokenize';
import { frontmatter } from 'micromark-extension-frontmatter';
import type { Event, Extension, ParseContext, Token } from 'micromark-util-types';
import type { MdOutline } from './markdown';
import type { Span } from './text';

/**
 * Constructs the outline never reads: links, images, references, entities, escapes, autolinks.
 * Switching them off saves a tenth of the parse, and keeps `[!REVIEW]` and `[x]: y` plain text.
 */
const UNUSED_CONSTRUCTS = ['labelStartImage', 'labelStartLink', 'labelEnd', 'definition', 'autolink', 'characterReference', 'characterEscape', 'hardBreakEscape'];
const extensions: Extension[] = [frontmatter(['yaml']), { disable: { null: UNUSED_CONSTRUCTS } }];

let parser: ParseContext | undefined;
/** micromark's events for text, as remark-parse gets them before it builds its tree. */
function tokenize(text: string): Event[] {
  // One parser for every document: combining the extensions each time is 1% of a check. Its only
  // per-document state is which lines are lazy and which definitions exist.
  parser ??= parse({ extensions });
  parser.lazy = {};
  parser.defined = [];
  const events = parser.document().write(preprocess()(text, undefined, true));
  // micromark's own postprocess, with a look at the paragraphs its first pass has found (leaving
  // a paragraph's text as it is is always right; the look only saves time).
  let done = subtokenize(events);
  if (!done) keepTextOnlyWhereRead(events, text);
  while (!done) done = subtokenize(events);
  return events;
}

function hasCodeOrHtml(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 96 || c === 60) return true; // ` or <
  }
  return false;
}

/** A plain label's words (`Summary`, `Next steps`), before its colon. */
const LABEL_WORDS = "[A-Z][A-Za-z'’ /&,-]{1,50}?";
/** `Summary: text`, `Note:` at a line's end: what plainLabel takes. */
const PLAIN_LABEL = new RegExp(`^(${LABEL_WORDS})[ \\t]*:(?:[ \\t]+|[ \\t]*(?:\\r?\\n|$))`);
/** Where a paragraph's raw text may start a plain label: the same words and colon, whatever follows. */
const MAYBE_LABEL = new RegExp(`${LABEL_WORDS}[ \\t]*:`, 'y');

/**
 * Leaves a paragraph's text untokenized unless the outline reads its inline content: a possible
 * label at its start (`**Focus:**`, `Summary:`), a code span or an HTML comment anywhere in it.
 * Narrative paragraphs are most of a record, and their inline pass is a fifth of the parse; the
 * paragraph's own span and its place in the block structure do not depend on it.
 */
function keepTextOnlyWhereRead(events: Event[], text: string): void {
  for (let i = 0; i < events.length; i++) {
    const [kind, para] = events[i];
    if (kind !== 'enter' || para.type !== 'paragraph') continue;
    const first = events[i + 1][1];
    if (first.type !== 'chunkText' || !first.contentType) continue;
    const at = first.start.offset;
    const c = text.charCodeAt(at);
    if (c === 42 || c === 95) continue; // * or _
    MAYBE_LABEL.lastIndex = at;
    if (MAYBE_LABEL.test(text)) continue;
    if (hasCodeOrHtml(text, para.start.offset, para.end.offset)) continue;
    for (let j = i + 1; events[j][1] !== para; j++) if (events[j][1].type === 'chunkText') events[j][1].contentType = undefined;
  }
}

/** Tokens that become a block node in remark's tree. */
const BLOCK = new Set(['paragraph', 'atxHeading', 'setextHeading', 'htmlFlow', 'codeFenced', 'codeIndented', 'listOrdered', 'listUnordered', 'blockQuote', 'thematicBreak', 'definition', 'yaml']);
/** Tokens that become an inline node other than text (which ends a run of text). */
const INLINE = new Set(['strong', 'emphasis', 'codeText', 'htmlText', 'hardBreakTrailing', 'hardBreakEscape', 'link', 'image']);
/** Container prefixes that do not end a list item (remark's `prepareList`). */
const ITEM_TAIL = new Set(['linePrefix', 'blockQuotePrefix', 'blockQuotePrefixWhitespace', 'blockQuoteMarker', 'listItemIndent']);
const COMMENT = /^\s*<!--/;
const ANNOTATION = /^[ \t]*>[ \t]*\\?\[!(?:REVIEW|RESOLVED)\\?\]/i;

interface Label { text: string; end: number; kind: 'bold-label' | 'plain-label' }
interface Item { start: number; end: number; first?: Token; label?: Label; slot: Span }
interface Frame {
  tok: Token; enter: number; top: boolean;
  /** A list: its items (top level only), whether its current item still lacks a block, that item. */
  items?: Item[]; awaiting?: boolean; current?: Item;
  /** The first block of a top-level list item. */
  firstOf?: Item;
  /** A comment or a review annotation: never section content. */
  aside?: boolean;
}

/**
 * Reads the outline from the event stream of micromark — the tokenizer inside remark-parse, with
 * remark-frontmatter's syntax — instead of having remark build its mdast tree, which is a third of
 * the parse. It gives exactly what a walk of that tree gives (test/treeOutline.ts is that walk,
 * and test/unit/outline.test.ts holds the two to each other on every fixture and generated input).
 * `text` is already guarded (see guard.ts); `toOriginal` maps its offsets back to the user's text.
 */
export function outline(text: string, toOriginal: (offset: number) => number = (x) => x): MdOutline {
  // micromark drops a leading BOM and would count every offset from after it.
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1);
  const ev = tokenize(text);
  const o: MdOutline = { headings: [], units: [], annotations: [], comments: [], listItems: [], code: [] };
  const span = (t: { start: number; end: number }): Span => ({ start: toOriginal(t.start), end: toOriginal(t.end) });
  const tokSpan = (t: Token): Span => span({ start: t.start.offset, end: t.end.offset });
  const slice = (i: number): string => {
    const t = ev[i][1];
    const a = t.start.offset;
    // A line ending's token can run on over the next line's container prefix (`\n> `).
    if (t.type === 'lineEnding') return text.charCodeAt(a) === 13 && text.charCodeAt(a + 1) === 10 ? '\r\n' : text[a];
    const s = text.slice(a, t.end.offset);
    // A token may start inside a tab that a container prefix partly consumed: remark counts columns.
    return s.includes('\t') || text.charCodeAt(a - 1) === 9 ? ev[i][2].sliceSerialize(t) : s;
  };

  const stack: Frame[] = [];
  let topList: Frame | undefined;
  let tail: number | undefined; // where the top-level list's current item would end
  /** The HTML comment being read: its value is gathered from its data tokens. */
  let comment: (Span & { value: string }) | undefined;
  let dropped = false;

  for (let i = 0; i < ev.length; i++) {
    const [kind, tok] = ev[i];
    const type = tok.type;
    if (kind === 'enter') {
      if (type === 'listItemPrefix') startItem(stack[stack.length - 1], tok);
      else if (BLOCK.has(type)) enterBlock(tok, i);
      else if (type === 'codeText') o.code.push(tokSpan(tok));
      else if (type === 'htmlText') openHtml(tok);
      else if (comment && (type === 'htmlFlowData' || type === 'htmlTextData' || type === 'lineEnding')) comment.value += slice(i);
    } else if (BLOCK.has(type)) exitBlock(stack.pop()!, i);
    else if (type === 'htmlText') comment = undefined;
    if (topList) trackTail(kind, type, tok);
  }
  if (dropped) o.listItems = o.listItems.filter((s) => s.start >= 0);
  return o;

  function enterBlock(tok: Token, i: number): void {
    const parent = stack[stack.length - 1];
    const frame: Frame = { tok, enter: i, top: !parent };
    if (parent?.awaiting) {
      parent.awaiting = false;
      const item = parent.current;
      if (item) { item.first = tok; item.slot.start = toOriginal(tok.start.offset); item.slot.end = toOriginal(tok.end.offset); frame.firstOf = item; }
      else if (tok.type === 'paragraph') o.listItems.push(tokSpan(tok));
    }
    switch (tok.type) {
      case 'codeFenced': case 'codeIndented': o.code.push(tokSpan(tok)); break;
      case 'htmlFlow': frame.aside = openHtml(tok); break;
      case 'blockQuote':
        frame.aside = ANNOTATION.test(text.slice(tok.start.offset, Math.min(tok.end.offset, tok.start.offset + 40)));
        if (frame.aside) o.annotations.push(tokSpan(tok));
        break;
      case 'listOrdered': case 'listUnordered':
        if (frame.top) { frame.items = []; topList = frame; tail = undefined; }
        break;
    }
    stack.push(frame);
  }

  function exitBlock(frame: Frame, i: number): void {
    const tok = frame.tok;
    if (tok.type === 'htmlFlow') comment = undefined;
    if (frame.firstOf && tok.type === 'paragraph') frame.firstOf.label = boldLabel(frame.enter, i);
    if (frame === topList) { closeItem(tok.end.offset); topList = undefined; }
    if (frame.top) top(frame, i);
  }

  /** A list item begins: remark has no token for items, only the prefix that starts one. */
  function startItem(list: Frame | undefined, prefix: Token): void {
    if (!list || (list.tok.type !== 'listOrdered' && list.tok.type !== 'listUnordered')) return;
    list.awaiting = true;
    if (list !== topList) return;
    closeItem(prefix.end.offset);
    // The item's entry among listItems is its first block, or the item itself if it has none.
    const item: Item = { start: prefix.start.offset, end: -1, slot: { start: -1, end: -1 } };
    o.listItems.push(item.slot);
    list.items!.push(item);
    list.current = item;
  }

  /** An item ends before the line endings (and container prefixes) that follow its last token. */
  function closeItem(at: number): void {
    const item = topList?.current;
    if (!item) return;
    item.end = tail ?? at;
    if (!item.first) { item.slot.start = toOriginal(item.start); item.slot.end = toOriginal(item.end); }
    topList!.current = undefined;
  }

  function trackTail(kind: string, type: string, tok: Token): void {
    if (ITEM_TAIL.has(type)) return;
    if (type === 'lineEnding' || type === 'lineEndingBlank') { if (kind === 'enter' && tail === undefined) tail = tok.start.offset; }
    else tail = undefined;
  }

  /** Starts reading an HTML block or inline HTML; whether it is a comment. */
  function openHtml(tok: Token): boolean {
    if (!COMMENT.test(text.slice(tok.start.offset, tok.start.offset + 80))) return false;
    comment = { ...tokSpan(tok), value: '' };
    o.comments.push(comment);
    return true;
  }

  function top(frame: Frame, i: number): void {
    const tok = frame.tok;
    const s = tokSpan(tok);
    switch (tok.type as string) {
      case 'yaml': case 'definition': case 'thematicBreak': return;
      case 'atxHeading': case 'setextHeading':
        o.headings.push({ ...s, depth: headingDepth(frame.enter, i), text: headingText(frame.enter, i), kind: tok.type === 'atxHeading' ? 'atx' : 'setext', contentStart: s.end });
        return;
      case 'paragraph': {
        const label = boldLabel(frame.enter, i) ?? plainLabel(frame.enter, i);
        if (label) {
          const end = toOriginal(label.end);
          o.headings.push({ start: s.start, end, depth: 7, text: label.text, kind: label.kind, contentStart: end });
          if (end < s.end) o.units.push({ start: end, end: s.end });
        } else o.units.push(s);
        return;
      }
      case 'listOrdered': case 'listUnordered':
        labelList(frame, s);
        return;
      default:
        // Code, other HTML and quotes are content; comments and review annotations are not.
        if (!frame.aside) o.units.push(s);
    }
  }

  /**
   * `- **Focus:** …` items, as in notes written as one bulleted list: each labelled item is a
   * label with its own content. A list with no labelled item is content as a whole.
   */
  function labelList(frame: Frame, s: Span): void {
    const items = frame.items!;
    if (!items.some((it) => it.label)) {
      o.units.push(s);
      for (const it of items) if (it.first?.type !== 'paragraph') { it.slot.start = -1; dropped = true; }
      return;
    }
    for (const it of items) {
      const label = it.label;
      if (!label) { o.units.push(span(it)); continue; }
      const end = toOriginal(label.end);
      o.headings.push({ start: toOriginal(it.first!.start.offset), end, depth: 7, text: label.text, kind: label.kind, contentStart: end });
      if (label.end < it.end && text.slice(label.end, it.end).trim()) o.units.push({ start: end, end: toOriginal(it.end) });
    }
  }

  function headingDepth(from: number, to: number): number {
    for (let j = from; j < to; j++) {
      const t = ev[j][1];
      if (t.type === 'atxHeadingSequence') return t.end.offset - t.start.offset;
      if (t.type === 'setextHeadingLineSequence') return text.charCodeAt(t.start.offset) === 61 ? 1 : 2;
    }
    return 1;
  }

  function headingText(from: number, to: number): string {
    for (let j = from; j < to; j++) {
      const t = ev[j][1];
      if (ev[j][0] === 'enter' && (t.type === 'atxHeadingText' || t.type === 'setextHeadingText')) return plain(j + 1, exitOf(j));
    }
    return '';
  }

  /** Index of the exit event of the token entered at `j`. */
  function exitOf(j: number): number {
    const t = ev[j][1];
    let k = j + 1;
    while (ev[k][1] !== t) k++;
    return k;
  }

  /** Text of the events in [from, to) without Markdown marks, as remark's text nodes hold it. */
  function plain(from: number, to: number): string {
    let s = '';
    let inHtml = false;
    let atBreak = false;
    for (let j = from; j < to; j++) {
      const [kind, t] = ev[j];
      if (t.type === 'htmlText') { inHtml = kind === 'enter'; continue; }
      if (inHtml || kind !== 'exit') continue;
      if (t.type === 'data' || t.type === 'codeTextData') s += slice(j);
      else if (t.type === 'lineEnding') { if (atBreak) atBreak = false; else s += slice(j); }
      else if (t.type === 'hardBreakTrailing' || t.type === 'hardBreakEscape') atBreak = true;
    }
    return s;
  }

  /** The run of text starting at event `j` (inside a paragraph), up to the next inline node. */
  function textRun(j: number, to: number): string {
    let s = '';
    for (; j < to; j++) {
      const [kind, t] = ev[j];
      if (kind !== 'enter') continue;
      if (INLINE.has(t.type)) break;
      if (t.type === 'data' || t.type === 'lineEnding') s += slice(j);
    }
    return s;
  }

  /** Index of the next event in [j, to) that starts a node of remark's tree: text or inline. */
  function nextSibling(j: number, to: number): number | undefined {
    for (; j < to; j++) {
      const [kind, t] = ev[j];
      if (kind === 'enter' && (INLINE.has(t.type) || t.type === 'data' || t.type === 'lineEnding')) return j;
    }
    return undefined;
  }

  /** `**Summary:** text`, `**Group goals**` alone on its line, or `**Summary**: text`. */
  function boldLabel(from: number, to: number): Label | undefined {
    const first = ev[from + 1];
    if (!first || first[0] !== 'enter' || first[1].type !== 'strong' || first[1].start.offset !== ev[from][1].start.offset) return undefined;
    const close = exitOf(from + 1);
    let label = plain(from + 2, close).trim();
    let end = first[1].end.offset;
    const n = nextSibling(close + 1, to);
    const next = n === undefined ? undefined : ev[n][1];
    const nextText = next && (next.type === 'data' || next.type === 'lineEnding') ? textRun(n!, to) : undefined;
    if (label.endsWith(':') || label.endsWith('.')) label = label.slice(0, -1).trim();
    else if (nextText !== undefined && /^[ \t]*[:\u2013\u2014-][ \t]*/.test(nextText)) {
      // `**Summary**: …` or `**Summary** — …`
      end += /^[ \t]*[:\u2013\u2014-]/.exec(nextText)![0].length;
    } else if (next && !(next.type === 'hardBreakTrailing' || next.type === 'hardBreakEscape' || (nextText !== undefined && /^[ \t]*(\r?\n|$)/.test(nextText)))) {
      return undefined; // bold words opening a sentence, not a label
    }
    if (!label || label.length > 80) return undefined;
    return { text: label, end, kind: 'bold-label' };
  }

  /** `Summary: text` — a label only if it names an element; record.ts decides that. */
  function plainLabel(from: number, to: number): Label | undefined {
    const first = ev[from + 1];
    if (!first || first[0] !== 'enter' || first[1].type !== 'data') return undefined;
    const m = PLAIN_LABEL.exec(textRun(from + 1, to));
    if (!m || m[1].split(/\s+/).length > 7) return undefined;
    return { text: m[1], end: first[1].start.offset + m[0].length, kind: 'plain-label' };
  }
}
