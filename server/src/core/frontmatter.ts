import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { wholeSpan, type Span } from './text';
import { flatYaml } from './flatYaml';

/** Aliases a document may expand before we stop: a "billion laughs" file must not exhaust memory. */
export const MAX_ALIAS_COUNT = 100;
/** Front matter longer than this is not parsed: no real record needs it, and YAML parsing is not linear in every input. */
export const MAX_FRONT_MATTER = 64 * 1024;

/**
 * Lists and mappings nested deeper than this are not parsed. The YAML parser recurses once per
 * level: a few hundred levels exhaust the stack at a depth that depends on the engine's state (so
 * the same file could read differently from one run to the next), and no record needs more than 3.
 */
export const MAX_YAML_DEPTH = 64;

export interface YamlProblem { message: string; span: Span }

/**
 * Where YAML first nests collections more than `limit` deep, by one linear scan that never parses:
 * block levels (each deeper indentation), compact `- - -` entries and `[`/`{` flow brackets.
 * Quoted scalars and comments are skipped. An estimate on the safe side: it only decides whether
 * the text is handed to the parser at all.
 */
export function yamlTooDeep(yaml: string, limit = MAX_YAML_DEPTH): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote = '';
  const n = yaml.length;
  let i = 0;
  while (i < n) {
    // One line per turn: [i, end).
    let end = i;
    while (end < n && yaml.charCodeAt(end) !== 10 && yaml.charCodeAt(end) !== 13) end++;
    let k = i;
    if (!quote && flow === 0) {
      while (k < end && (yaml[k] === ' ' || yaml[k] === '\t')) k++;
      if (k < end && yaml[k] !== '#') {
        const indent = k - i;
        while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        let compact = 0;
        while (k < end && yaml[k] === '-' && (k + 1 === end || yaml[k + 1] === ' ' || yaml[k + 1] === '\t')) {
          if (indents.length + ++compact > limit) return k;
          k++;
          while (k < end && (yaml[k] === ' ' || yaml[k] === '\t')) k++;
        }
        if (indents.length + compact > limit) return k;
      }
    }
    for (; k < end; k++) {
      const c = yaml[k];
      if (quote) {
        if (c === quote) {
          if (quote === "'" && yaml[k + 1] === "'") k++;
          else quote = '';
        } else if (c === '\\' && quote === '"') k++;
        continue;
      }
      const prev = k === i ? ' ' : yaml[k - 1];
      if (c === '#' && (prev === ' ' || prev === '\t')) break;
      if ((c === '"' || c === "'") && /[\s[{,:-]/.test(prev)) { quote = c; continue; }
      if (c === '[' || c === '{') { if (indents.length + ++flow > limit) return k; }
      else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    i = end + (yaml.charCodeAt(end) === 13 && yaml.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return undefined;
}

export interface FrontMatterBlock {
  /** Offset of the opening `---`. */
  start: number;
  /** Offset of the YAML text (after the opening line). */
  contentStart: number;
  /** Offset just after the YAML text (start of the closing line, or end of text when unterminated). */
  contentEnd: number;
  /** Offset of the first character after the closing line (the body's start). */
  bodyStart: number;
  closed: boolean;
  yaml: string;
}

/** Finds `---` front matter at the very top (after an optional BOM). */
export function splitFrontMatter(text: string): FrontMatterBlock | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Sticky, so it anchors at lastIndex (after a BOM); `^` would only ever match at 0.
  const open = /---[ \t]*(\r\n|\n|\r)/y;
  open.lastIndex = bom;
  const m = open.exec(text);
  if (!m) return undefined;
  const contentStart = bom + m[0].length;
  // Only `---` closes it (spec §1, §6; remark-frontmatter agrees).
  const close = /^---[ \t]*(?:\r\n|\n|\r|$)/gm;
  close.lastIndex = contentStart;
  let c: RegExpExecArray | null;
  while ((c = close.exec(text))) {
    // `m` flag anchors at line starts; a match must begin a line.
    if (c.index === contentStart || /[\n\r]/.test(text[c.index - 1])) {
      return { start: bom, contentStart, contentEnd: c.index, bodyStart: c.index + c[0].length, closed: true, yaml: text.slice(contentStart, c.index) };
    }
  }
  return { start: bom, contentStart, contentEnd: text.length, bodyStart: text.length, closed: false, yaml: text.slice(contentStart) };
}

export interface FieldEntry {
  key: string;
  keySpan: Span;
  /** Span of the value node, or of the key when the value is empty. */
  valueSpan: Span;
  value: unknown;
  node: Node | null;
}

export interface ParsedYaml {
  /** The parser's document; undefined when flatYaml read the front matter (or it was not parsed). */
  doc: Document.Parsed | undefined;
  problems: YamlProblem[];
  /** Top-level entries in document order; empty when the YAML is not a mapping. */
  entries: FieldEntry[];
  isMapping: boolean;
}

/** Parses YAML 1.2 (core schema: dates stay strings) keeping node offsets, shifted by `base`. */
export function parseYaml(yaml: string, base: number): ParsedYaml {
  const problems: YamlProblem[] = [];
  if (yaml.length > MAX_FRONT_MATTER) {
    return { doc: undefined, problems: [{ message: `Front matter is ${Math.round(yaml.length / 1024)} KB; the checker reads at most ${MAX_FRONT_MATTER / 1024} KB of it.`, span: { start: base, end: base + 3 } }], entries: [], isMapping: false };
  }
  // yaml does not take a lone CR as a line break; LF in its place keeps every offset.
  const src = yaml.replace(/\r(?!\n)/g, '\n');
  const flat = flatYaml(src);
  // What flatYaml takes nests two levels at most: the depth scan is for what it leaves.
  if (flat) {
    const at = (n: Node): Span => ({ start: base + n.range![0], end: base + n.range![1] });
    return { doc: undefined, problems, isMapping: true, entries: flat.map((e) => ({ key: e.key, keySpan: { start: base + e.keyStart, end: base + e.keyEnd }, valueSpan: at(e.node), value: e.value, node: e.node })) };
  }
  const deep = yamlTooDeep(yaml);
  if (deep !== undefined) {
    return { doc: undefined, problems: [{ message: `Front matter nests lists or mappings more than ${MAX_YAML_DEPTH} levels deep; the checker does not read it.`, span: { start: base + deep, end: base + deep + 1 } }], entries: [], isMapping: false };
  }
  const doc = parseDocument(src, { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
  for (const e of doc.errors) {
    let s = wholeSpan(yaml, e.pos[0], Math.max(e.pos[1], e.pos[0] + 1));
    let message = yamlMessage(e.message);
    if (e.code === 'MULTILINE_IMPLICIT_KEY' || e.code === 'MISSING_CHAR') {
      // `date 2027-01-01` with no colon: YAML reads the line (and the key below it) as one key.
      // The finding sits on the line that lacks the colon, not on the lines after it.
      const line = /^[^\r\n]*/.exec(yaml.slice(s.start, s.end))![0].trimEnd();
      if (line && !line.includes(':')) {
        s = { start: s.start, end: s.start + line.length };
        message = `Invalid YAML: \`${line}\` has no colon; each line of the front matter is \`key: value\`.`;
      }
    }
    const quote = e.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(e.message) : null;
    if (quote) {
      // yaml reports an unclosed quote where the text ends; the mistake is where the quote opens.
      const open = openingQuoteLine(yaml, quote[1]);
      if (open) { s = open; message = `Invalid YAML: this value opens a ${quote[1]} quote that is never closed; close it at the end of the value (or remove it).`; }
    }
    problems.push({ message, span: { start: base + s.start, end: base + s.end } });
  }
  const entries: FieldEntry[] = [];
  const contents = doc.contents;
  if (contents === null || contents === undefined) return { doc, problems, entries, isMapping: true };
  if (!isMap(contents)) {
    const r = (contents as Node).range;
    const s = wholeSpan(yaml, r?.[0] ?? 0, r?.[1] ?? 1);
    if (!problems.length) problems.push({ message: 'Front matter must be a set of `key: value` lines.', span: { start: base + s.start, end: base + s.end } });
    return { doc, problems, entries, isMapping: false };
  }
  for (const pair of contents.items as Pair<Node, Node | null>[]) {
    const keyNode = pair.key;
    if (!isScalar(keyNode) || !keyNode.range) continue;
    const key = String(keyNode.value);
    const keySpan = { start: base + keyNode.range[0], end: base + keyNode.range[1] };
    const vNode = pair.value;
    // A broken flow collection's range can run on to the CR of its CRLF, which is never the value's.
    const valueEnd = vNode?.range ? (yaml.charCodeAt(vNode.range[1] - 1) === 13 ? vNode.range[1] - 1 : vNode.range[1]) : 0;
    const valueSpan = vNode?.range ? { start: base + vNode.range[0], end: base + Math.max(vNode.range[0], valueEnd) } : keySpan;
    let value: unknown = null;
    if (vNode) {
      try {
        value = vNode.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
      } catch (err) {
        problems.push({ message: `The value of \`${key}\` could not be read: ${(err as Error).message} (aliases are limited to ${MAX_ALIAS_COUNT}).`, span: valueSpan });
        value = undefined;
      }
    }
    entries.push({ key, keySpan, valueSpan, value, node: vNode ?? null });
  }
  return { doc, problems, entries, isMapping: true };
}

function yamlMessage(m: string): string {
  // yaml's messages end with a source excerpt and position; the diagnostic already points there.
  return `Invalid YAML: ${m.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
}

/** Spans of the items of a sequence value (flow or block), for per-item findings. */
export function itemSpans(node: Node | null, base: number): Array<{ value: unknown; span: Span }> {
  if (!node || !isSeq(node)) return [];
  const out: Array<{ value: unknown; span: Span }> = [];
  for (const it of node.items as Node[]) {
    if (it && isScalar(it) && it.range) out.push({ value: it.value, span: { start: base + it.range[0], end: base + it.range[1] } });
  }
  return out;
}

/** The key/value pairs of a mapping value, with spans (for `attendance: { present: [...] }`). */
export function mapEntries(node: Node | null, base: number): Array<{ key: string; keySpan: Span; node: Node | null }> {
  if (!node || !isMap(node)) return [];
  const out: Array<{ key: string; keySpan: Span; node: Node | null }> = [];
  for (const p of node.items as Pair<Node, Node | null>[]) {
    if (isScalar(p.key) && p.key.range) out.push({ key: String(p.key.value), keySpan: { start: base + p.key.range[0], end: base + p.key.range[1] }, node: p.value ?? null });
  }
  return out;
}

/** The first line whose `key: "value` leaves a quote open (an odd number of unescaped quote marks after the colon). */
function openingQuoteLine(yaml: string, q: string): Span | undefined {
  const re = /[^\r\n]*/g;
  for (let m = re.exec(yaml); m; m = re.exec(yaml)) {
    if (!m[0].length) { re.lastIndex++; if (re.lastIndex > yaml.length) break; continue; }
    const colon = m[0].search(/:[ \t]/);
    const value = colon >= 0 ? m[0].slice(colon + 2).trimStart() : m[0].replace(/^[ \t]*-[ \t]+/, '');
    if (!value.startsWith(q)) continue;
    const marks = q === '"' ? value.replace(/\\./g, '').split('"').length - 1 : value.replace(/''/g, '').split("'").length - 1;
    if (marks % 2 === 1) return { start: m.index, end: m.index + m[0].trimEnd().length };
  }
  return undefined;
}
