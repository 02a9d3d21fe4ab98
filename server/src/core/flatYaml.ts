import { Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

/**
 * Front matter as records almost always write it — one `key: value` line per key, the values
 * plain words, quoted strings, small integers, dates, `[a, b]` lists and `{ k: [..] }` maps — read
 * without the general YAML parser, which is a tenth of checking a record. Anything else (comments,
 * multi-line values, anchors, escapes, booleans, nulls, repeated keys, tabs …) returns undefined and
 * goes to the parser. For what it accepts the result is what the parser gives — the same keys,
 * values and node offsets (test/unit/flatYaml.test.ts holds the two to each other).
 */
export interface FlatEntry { key: string; keyStart: number; keyEnd: number; node: Node; value: unknown }

/** A key: a word, as records name their fields. Top-level lines and flow maps take the same. */
const KEY = '[A-Za-z_][A-Za-z0-9_-]*';
const LINE = new RegExp(`(${KEY}):( +)([^\\r\\n]*?) *(?:\\r?\\n|$)`, 'y');
const FLOW_KEY = new RegExp(KEY, 'y');
/** A plain scalar in a flow list or map: no flow indicators, no `: `, no comment. */
const FLOW_PLAIN = /[A-Za-z_][A-Za-z0-9_@./-]*(?: [A-Za-z0-9_@./-]+)*/y;
/** Keys that YAML reads as something other than their text, or that an object cannot hold. */
const ODD_KEY = /^(?:null|true|false|__proto__)$/i;
/** Control characters, tabs, BOMs and Unicode line breaks: the parser's rules for them are subtle. */
const ODD_CHAR = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\u2028\u2029]/;

export function flatYaml(yaml: string): FlatEntry[] | undefined {
  if (ODD_CHAR.test(yaml)) return undefined;
  const out: FlatEntry[] = [];
  const seen = new Set<string>();
  LINE.lastIndex = 0;
  while (LINE.lastIndex < yaml.length) {
    const at = LINE.lastIndex;
    const m = LINE.exec(yaml);
    if (!m || seen.has(m[1]) || ODD_KEY.test(m[1])) return undefined;
    seen.add(m[1]);
    const start = at + m[1].length + 1 + m[2].length;
    const v = value(m[3], start);
    if (!v) return undefined;
    out.push({ key: m[1], keyStart: at, keyEnd: at + m[1].length, node: v.node, value: v.value });
  }
  return out;
}

interface Read { node: Node; value: unknown }

/** A whole line's value (`s`, trailing spaces removed) starting at offset `base`. */
function value(s: string, base: number): Read | undefined {
  if (!s) return undefined;
  const c = s[0];
  if (c === '"' || c === "'") {
    const q = quoted(s, 0, base);
    return q && q.end === s.length ? q.read : undefined;
  }
  if (c === '[' || c === '{') {
    const f = c === '[' ? seq(s, 0, base) : map(s, 0, base);
    return f && f.end === s.length ? f.read : undefined;
  }
  // Block plain scalar: words and punctuation that cannot start or end something else.
  if (/^[-?:,\]}#&*!|>%@`]/.test(s) || /: |:$| #|[[\]{}]/.test(s)) return undefined;
  return plain(s, base);
}

function plain(s: string, base: number): Read | undefined {
  let value: unknown;
  if (/^(?:0|[1-9][0-9]{0,14})$/.test(s)) value = Number(s);
  else if (/^\d{4}-\d{2}-\d{2}$/.test(s)) value = s; // a date stays a string in the core schema
  else if (/^[-+.\d~]/.test(s) || /^(?:null|true|false)$/i.test(s)) return undefined;
  else value = s;
  return { node: scalar(value, 'PLAIN', base, base + s.length), value };
}

function scalar(value: unknown, type: Scalar.Type, start: number, end: number): Scalar {
  const n = new Scalar(value);
  n.type = type;
  n.range = [start, end, end];
  return n;
}

interface Part { read: Read; end: number }

function quoted(s: string, i: number, base: number): Part | undefined {
  const q = s[i];
  const close = s.indexOf(q, i + 1);
  if (close < 0) return undefined;
  const inner = s.slice(i + 1, close);
  // Escapes and doubled quotes need the parser; so does a quote right after the closing one.
  if ((q === '"' && inner.includes('\\')) || s[close + 1] === q) return undefined;
  return { read: { node: scalar(inner, q === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', base + i, base + close + 1), value: inner }, end: close + 1 };
}

function flowScalar(s: string, i: number, base: number): Part | undefined {
  if (s[i] === '"' || s[i] === "'") return quoted(s, i, base);
  FLOW_PLAIN.lastIndex = i;
  const m = FLOW_PLAIN.exec(s);
  if (!m) return undefined;
  const p = plain(m[0], base + i);
  return p && { read: p, end: i + m[0].length };
}

const spaces = (s: string, i: number): number => { while (s[i] === ' ') i++; return i; };

function seq(s: string, i: number, base: number): Part | undefined {
  const open = i;
  const node = new YAMLSeq();
  node.flow = true;
  const value: unknown[] = [];
  i = spaces(s, i + 1);
  if (s[i] !== ']') {
    for (;;) {
      const it = flowScalar(s, i, base);
      if (!it) return undefined;
      node.items.push(it.read.node);
      value.push(it.read.value);
      i = spaces(s, it.end);
      if (s[i] === ']') break;
      if (s[i] !== ',') return undefined;
      i = spaces(s, i + 1);
      if (s[i] === ']') return undefined; // a trailing comma
    }
  }
  node.range = [base + open, base + i + 1, base + i + 1];
  return { read: { node, value }, end: i + 1 };
}

function map(s: string, i: number, base: number): Part | undefined {
  const open = i;
  const node = new YAMLMap();
  node.flow = true;
  const value: Record<string, unknown> = {};
  const keys = new Set<string>();
  i = spaces(s, i + 1);
  if (s[i] !== '}') {
    for (;;) {
      FLOW_KEY.lastIndex = i;
      const km = FLOW_KEY.exec(s);
      if (!km || keys.has(km[0]) || ODD_KEY.test(km[0]) || s[i + km[0].length] !== ':' || s[i + km[0].length + 1] !== ' ') return undefined;
      keys.add(km[0]);
      const key = scalar(km[0], 'PLAIN', base + i, base + i + km[0].length);
      i = spaces(s, i + km[0].length + 1);
      const v = s[i] === '[' ? seq(s, i, base) : flowScalar(s, i, base);
      if (!v) return undefined;
      node.items.push(new Pair(key, v.read.node));
      value[km[0]] = v.read.value;
      i = spaces(s, v.end);
      if (s[i] === '}') break;
      if (s[i] !== ',') return undefined;
      i = spaces(s, i + 1);
      if (s[i] === '}') return undefined;
    }
  }
  node.range = [base + open, base + i + 1, base + i + 1];
  return { read: { node, value }, end: i + 1 };
}
