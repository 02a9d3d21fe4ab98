import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import type { z } from 'zod';
import { MAX_ALIAS_COUNT, MAX_YAML_DEPTH, yamlTooDeep } from '../core/frontmatter';
import { configSchema, defaultConfig, effectiveConfig, ROLE_PROFILES, RULE_SETTINGS, type ProjectConfig } from '../core/schema/config';
import { didYouMean } from '../core/suggest';
import { wholeSpan, type Span } from '../core/text';
import { spanOf } from './profile';

export interface ConfigProblem { span: Span; message: string }
export interface KeyAt { key: string; span: Span }
export interface ItemAt { value: string; span: Span }

/** `.group-records.yaml` read and validated, before anything outside the file (packs, catalogue ids) is consulted. */
export interface ParsedConfigText {
  /** What the file sets, with defaults; parts with problems are left out so the rest still applies. */
  config: ProjectConfig;
  problems: ConfigProblem[];
  /** Top-level keys where they are written. */
  keys: Map<string, Span>;
  /** `standards:` items that are paths, with their spans. */
  standards: ItemAt[];
  /** Keys of `rules:` and `phrases:`, checked against the catalogue once packs are loaded. */
  ruleKeys: KeyAt[];
  phraseKeys: KeyAt[];
}

const TOP_KEYS = Object.keys(configSchema.shape);
const KNOWN_KEYS: Record<string, readonly string[]> = { '': TOP_KEYS, privacy: ['allow'] };
const NOUNS: Record<string, { noun: string; values: readonly string[] }> = {
  profile: { noun: 'a role profile', values: ROLE_PROFILES },
  rules: { noun: 'a rule setting', values: RULE_SETTINGS },
};

export function parseConfigText(text: string): ParsedConfigText {
  const out: ParsedConfigText = { config: defaultConfig(), problems: [], keys: new Map(), standards: [], ruleKeys: [], phraseKeys: [] };
  // Whole characters only: a default `{ 0, 1 }` or a parser's one-unit span may split a CRLF or an emoji.
  const problem = (span: Span, message: string) => out.problems.push({ span: wholeSpan(text, span.start, span.end), message });
  const deep = yamlTooDeep(text);
  if (deep !== undefined) {
    problem({ start: deep, end: deep + 1 }, `The configuration nests lists or mappings more than ${MAX_YAML_DEPTH} levels deep; it was not read, so the defaults apply.`);
    return out;
  }
  // yaml does not take a lone CR as a line break; LF in its place keeps every offset.
  const doc = parseDocument(text.replace(/\r(?!\n)/g, '\n'), { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
  for (const e of doc.errors) problem({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) }, `Invalid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
  // A file that is not YAML says nothing reliable; the defaults apply until it is fixed.
  if (doc.errors.length) return out;
  const root = doc.contents as Node | null;
  if (root === null || root === undefined || (isScalar(root) && root.value === null)) return out;
  if (!isMap(root)) {
    problem(rangeSpan(root), 'The configuration must be a set of `key: value` lines (profile, rules, standards, phrases, privacy).');
    return out;
  }

  // No prototype: a `__proto__:` key is just an unknown key.
  const data: Record<string, unknown> = Object.create(null);
  for (const pair of root.items as Pair<Node, Node | null>[]) {
    if (!isScalar(pair.key) || pair.key.range === undefined) {
      problem(rangeSpan(pair.key), 'Keys of the configuration are plain names such as `profile` or `rules`.');
      continue;
    }
    const key = String(pair.key.value);
    out.keys.set(key, rangeSpan(pair.key));
    try {
      data[key] = pair.value ? pair.value.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT }) : null;
    } catch (err) {
      problem(pair.value ? rangeSpan(pair.value) : rangeSpan(pair.key), `The value of \`${key}\` could not be read: ${(err as Error).message} (aliases are limited to ${MAX_ALIAS_COUNT}).`);
    }
  }

  const first = configSchema.safeParse(data);
  if (first.success) out.config = effectiveConfig(first.data);
  else {
    for (const issue of first.error.issues) {
      // Ids are checked against the catalogue later, with a suggestion; the pattern alone says less.
      if (issue.code === 'invalid_key') continue;
      for (const p of locate(issue, root, data)) problem(p.span, p.message);
    }
    out.config = salvage(data, first.error.issues);
  }

  const seq = root.get('standards', true) as Node | undefined;
  // Only a list that could be read: a pack named inside an unreadable value is not loaded.
  if (seq && isSeq(seq) && Array.isArray(data.standards)) {
    for (const it of seq.items as Node[]) {
      if (isScalar(it) && typeof it.value === 'string' && it.value.length) out.standards.push({ value: it.value, span: rangeSpan(it) });
    }
  }
  out.ruleKeys = keysOf(root.get('rules', true) as Node | undefined);
  out.phraseKeys = keysOf(root.get('phrases', true) as Node | undefined);
  return out;
}

function keysOf(node: Node | undefined): KeyAt[] {
  if (!node || !isMap(node)) return [];
  const out: KeyAt[] = [];
  for (const p of node.items as Pair<Node, Node | null>[]) {
    if (isScalar(p.key) && p.key.range) out.push({ key: String(p.key.value), span: rangeSpan(p.key) });
  }
  return out;
}

function rangeSpan(node: unknown): Span {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? { start: r[0], end: Math.max(r[1], r[0] + 1) } : { start: 0, end: 1 };
}

type Issue = z.core.$ZodIssue;

function locate(issue: Issue, root: Node, data: unknown): ConfigProblem[] {
  const path = issue.path as Array<string | number>;
  if (issue.code === 'unrecognized_keys') {
    const known = KNOWN_KEYS[path.join('.')] ?? [];
    return issue.keys.map((key) => {
      const hint = didYouMean(key, known);
      let message = `Unknown key \`${key}\`${path.length ? ` in \`${label(path)}\`` : ''}`;
      if (hint) message += `: did you mean \`${hint}\`?`;
      else if (!path.length && /^[a-z]+(\.[a-z][a-z0-9-]*)+$/.test(key)) message += `: rule settings go under \`rules:\` (rules: { ${key}: warning }).`;
      else message += `; the keys are ${known.join(', ')}.`;
      return { span: spanOf(root, path, key), message };
    });
  }
  const span = spanOf(root, path);
  const where = path.length ? `\`${label(path)}\`: ` : '';
  if (issue.code === 'invalid_value') {
    const input = valueAt(data, path);
    const kind = NOUNS[String(path[0])];
    const values = (issue.values as unknown[]).map(String);
    const hint = typeof input === 'string' ? didYouMean(input, values) : undefined;
    const shown = typeof input === 'string' ? `\`${input}\`` : JSON.stringify(input) ?? 'this value';
    return [{ span, message: `${where}${shown} is not ${kind?.noun ?? 'an allowed value'}: use ${values.join(', ')}${hint ? `. Did you mean \`${hint}\`?` : '.'}` }];
  }
  return [{ span, message: `${where}${issue.message}` }];
}

function label(path: ReadonlyArray<string | number>): string {
  return path.map((s) => (typeof s === 'number' ? `item ${s + 1}` : s)).join(' → ');
}

function valueAt(data: unknown, path: ReadonlyArray<string | number>): unknown {
  let v: unknown = data;
  for (const seg of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}

/** Drops each part that has a problem and validates again: one wrong setting must not cost the others. */
function salvage(data: Record<string, unknown>, issues: readonly Issue[]): ProjectConfig {
  let current: unknown = structuredClone(data);
  let pending = issues;
  for (let round = 0; round < 4; round++) {
    for (const issue of pending) {
      const path = issue.path as Array<string | number>;
      const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...path, k]) : [path];
      for (const p of paths) {
        if (!p.length) current = {};
        else removeAt(current, p);
      }
    }
    current = compact(current);
    const again = configSchema.safeParse(current);
    if (again.success) return effectiveConfig(again.data);
    pending = again.error.issues;
  }
  return defaultConfig();
}

function removeAt(obj: unknown, path: ReadonlyArray<string | number>): void {
  let parent: unknown = obj;
  for (const seg of path.slice(0, -1)) {
    if (!parent || typeof parent !== 'object') return;
    parent = (parent as Record<string | number, unknown>)[seg];
  }
  if (parent && typeof parent === 'object') delete (parent as Record<string | number, unknown>)[path[path.length - 1]];
}

/** Removed list items leave holes; `filter` skips them. */
function compact(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter(() => true).map(compact);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compact(x)]));
  return v;
}
