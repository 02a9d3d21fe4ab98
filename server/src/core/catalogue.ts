import { parseDocument, LineCounter } from 'yaml';
import type { z } from 'zod';
import {
  packSchema, type Element, type FormatDef, type Level, type Pack, type RecordKind, type RecordKindDef, type RuleDef, type LevelRule,
} from './schema/catalogue';
import { buildPhraseIndex, type PhraseIndex } from './phrases';
import { MAX_ALIAS_COUNT, MAX_YAML_DEPTH, yamlTooDeep } from './frontmatter';

/** A standards pack: YAML text from a user, or JSON text of a pack converted at build time. */
export type PackSource = { name: string; text: string; json?: undefined } | { name: string; json: string; text?: undefined };
export interface PackProblem { pack: string; line: number; column: number; offset: number; message: string }

export interface Catalogue {
  kinds: ReadonlyMap<RecordKind, RecordKindDef>;
  elements: ReadonlyMap<string, Element & { kind: RecordKind; order: number }>;
  rules: ReadonlyMap<string, RuleDef>;
  formats: ReadonlyMap<string, FormatDef>;
  fillers: ReadonlySet<string>;
  placeholders: ReadonlySet<string>;
  /** Length of the longest normalized placeholder (see isPlaceholder). */
  longestPlaceholder: number;
  confidentialityLimits: readonly string[];
  /** Per record kind: heading phrase → element ids. */
  phraseIndex: ReadonlyMap<RecordKind, PhraseIndex>;
  /** Per structured format: heading phrase → pseudo ids `format:<name>:<n>`. */
  formatIndex: ReadonlyMap<string, PhraseIndex>;
}

export class CatalogueError extends Error {
  constructor(readonly problems: PackProblem[]) {
    super(problems.map((p) => `${p.pack}:${p.line}:${p.column}: ${p.message}`).join('\n'));
  }
}

/** Parses and validates packs; later packs add elements, phrases and rules, or patch earlier ones. */
export function loadCatalogue(sources: readonly PackSource[]): Catalogue {
  const problems: PackProblem[] = [];
  const packs: Array<{ name: string; pack: Pack }> = [];
  for (const src of sources) {
    const r = parsePack(src);
    if ('problems' in r) problems.push(...r.problems); else packs.push({ name: src.name, pack: r.pack });
  }
  if (problems.length) throw new CatalogueError(problems);
  return build(packs, problems);
}

export function parsePack(src: PackSource): { pack: Pack } | { problems: PackProblem[] } {
  if (src.json !== undefined) {
    const parsed = packSchema.safeParse(JSON.parse(src.json));
    if (parsed.success) return { pack: parsed.data };
    return { problems: parsed.error.issues.map((i) => ({ pack: src.name, line: 0, column: 0, offset: 0, message: `${i.path.join('.') || '(top)'}: ${i.message}` })) };
  }
  const lc = new LineCounter();
  const deep = yamlTooDeep(src.text!);
  if (deep !== undefined) {
    const before = src.text!.slice(0, deep);
    const line = (before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
    const column = deep - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
    return { problems: [{ pack: src.name, line, column, offset: deep, message: `nests lists or mappings more than ${MAX_YAML_DEPTH} levels deep; not read` }] };
  }
  const doc = parseDocument(src.text!, { version: '1.2', schema: 'core', uniqueKeys: true, lineCounter: lc, prettyErrors: false });
  const at = (offset: number, message: string): PackProblem => {
    const p = lc.linePos(offset);
    return { pack: src.name, line: p.line, column: p.col, offset, message };
  };
  if (doc.errors.length) return { problems: doc.errors.map((e) => at(e.pos[0], e.message.split('\n')[0])) };
  let data: unknown;
  try { data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }); } catch (e) { return { problems: [at(0, (e as Error).message)] }; }
  const parsed = packSchema.safeParse(data);
  if (parsed.success) return { pack: parsed.data };
  return { problems: parsed.error.issues.map((i: z.core.$ZodIssue) => at(offsetOfPath(doc, i.path), `${i.path.join('.') || '(top)'}: ${i.message}`)) };
}

function offsetOfPath(doc: ReturnType<typeof parseDocument>, path: readonly PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as Array<string | number>, true) as { range?: [number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return node.range[0];
  }
  return 0;
}

function build(packs: Array<{ name: string; pack: Pack }>, problems: PackProblem[]): Catalogue {
  const kinds = new Map<RecordKind, RecordKindDef>();
  const elements = new Map<string, Element & { kind: RecordKind; order: number }>();
  const rules = new Map<string, RuleDef>();
  const formats = new Map<string, FormatDef>();
  const fillers = new Set<string>();
  const placeholders = new Set<string>();
  const limits: string[] = [];
  for (const { name, pack } of packs) {
    for (const k of pack.records ?? []) {
      const existing = kinds.get(k.kind);
      const def: RecordKindDef = existing ? { ...existing, elements: [...existing.elements, ...k.elements] } : { ...k, elements: [...k.elements] };
      kinds.set(k.kind, def);
      for (const e of k.elements) {
        if (elements.has(e.id)) problems.push({ pack: name, line: 0, column: 0, offset: 0, message: `element ${e.id} is defined twice` });
      }
    }
    for (const r of pack.rules ?? []) rules.set(r.id, r);
    for (const [f, def] of Object.entries(pack.formats ?? {})) formats.set(f, def);
    for (const w of pack.vocabulary?.fillers ?? []) fillers.add(w.toLowerCase());
    for (const w of pack.vocabulary?.placeholders ?? []) placeholders.add(normalizePlaceholder(w));
    limits.push(...(pack.vocabulary?.confidentialityLimits ?? []).map((s) => s.toLowerCase()));
    for (const [kind, def] of kinds) def.elements.forEach((e, order) => elements.set(e.id, { ...e, kind, order }));
    for (const p of pack.patches ?? []) {
      const e = elements.get(p.id);
      if (!e) { problems.push({ pack: name, line: 0, column: 0, offset: 0, message: `patches: no element ${p.id}` }); continue; }
      const patched = { ...e, phrases: [...e.phrases, ...(p.phrases ?? [])], keywords: [...e.keywords, ...(p.keywords ?? [])], levels: p.levels ?? e.levels, guidance: p.guidance ?? e.guidance };
      elements.set(p.id, patched);
      const def = kinds.get(e.kind)!;
      def.elements = def.elements.map((x) => (x.id === p.id ? patched : x));
    }
  }
  if (problems.length) throw new CatalogueError(problems);
  const phraseIndex = new Map<RecordKind, PhraseIndex>();
  for (const [kind, def] of kinds) phraseIndex.set(kind, buildPhraseIndex(def.elements, fillers));
  const formatIndex = new Map<string, PhraseIndex>();
  for (const [f, def] of formats) formatIndex.set(f, buildPhraseIndex(def.sections.map((s, i) => ({ id: `format:${f}:${i}`, phrases: s.phrases, keywords: [] })), fillers));
  const longestPlaceholder = Math.max(0, ...[...placeholders].map((p) => p.length));
  return { kinds, elements, rules, formats, fillers, placeholders, longestPlaceholder, confidentialityLimits: limits, phraseIndex, formatIndex };
}

/**
 * Whether a line (already without list marks and table pipes) is a placeholder such as TBD, N/A
 * or "…". A line that keeps more characters through normalizePlaceholder than the longest
 * placeholder has is none, found without lower-casing and stripping a long line of prose.
 */
export function isPlaceholder(line: string, cat: Catalogue): boolean {
  let kept = 0;
  for (let i = 0; i < line.length; i++) {
    // Counting too few is safe (the line is then normalized); too many is not, so any space
    // counts as dropped, as do the marks and end punctuation normalizePlaceholder removes.
    const c = line.charCodeAt(i);
    if (!(c < 128 ? DROPPABLE.has(c) : c === 0x201c || c === 0x201d || /\s/.test(line[i])) && ++kept > cat.longestPlaceholder) return false;
  }
  return cat.placeholders.has(normalizePlaceholder(line));
}

/** ASCII characters normalizePlaceholder may drop (beside these: “ ” and any space). */
const DROPPABLE = new Set([...'*_`~[]()<>"\'.:;!? \t\n\r\v\f'].map((c) => c.charCodeAt(0)));

export function normalizePlaceholder(s: string): string {
  const t = s.toLowerCase().replace(/[*_`~[\]()<>"'“”]/g, '').replace(/\s+/g, ' ').trim();
  // "TBD." and "N/A:" are the same placeholders; "..." stays itself.
  const stripped = t.replace(/^[.:;!?]+|[.:;!?]+$/g, '').trim();
  return stripped || t;
}

export type { Level, LevelRule };
