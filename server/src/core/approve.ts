import { isCollection, isScalar, parseDocument, Scalar } from 'yaml';
import { isIsoDate } from './dates';
import type { EditData, Finding } from './findings';
import { parseYaml, splitFrontMatter, type FieldEntry, type FrontMatterBlock, type ParsedYaml } from './frontmatter';
import { approvalHash } from './hash';
import { LineIndex, type Span } from './text';

/** The front-matter keys approval sets, in the order missing ones are appended (spec §6). */
export const APPROVAL_KEYS = ['status', 'approved_by', 'approved_on', 'approved_hash'] as const;
export type ApprovalKey = (typeof APPROVAL_KEYS)[number];

/** Rules whose findings approving settles by itself: they never hold an approval back. */
const SETTLED_BY_APPROVAL = new Set(['review.approval', 'review.changed-after-approval']);

export interface ApproveOptions {
  /** The record's findings as the user sees them (role profile and rule settings applied). */
  findings?: readonly Finding[];
  /** Approve even when error-level findings remain. */
  force?: boolean;
}

export type ApproveResult =
  | { ok: true; text: string; edits: EditData[]; hash: string; changed: boolean }
  /** `blocking`: the error-level findings that refused it (empty when something else did; `force` would not help then). */
  | { ok: false; reason: string; blocking: Finding[] };

/**
 * The record's text once approved by `by` on `on`: `status`, `approved_by`, `approved_on` and
 * `approved_hash` set, nothing else touched. Existing keys get a new value in place (their
 * comments, anchors and quoting style stay); missing ones are appended before the closing `---`
 * with the front matter's own line ending. Never throws: a refusal comes back with its reason.
 */
export function approveRecord(text: string, by: string, on: string, opts: ApproveOptions = {}): ApproveResult {
  const refuse = (reason: string, blocking: Finding[] = []): ApproveResult => ({ ok: false, reason, blocking });
  const name = by.trim();
  if (!name) return refuse('the approver\'s name is empty');
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(name)) return refuse('the approver\'s name must be one line of printable text');
  if (!isIsoDate(on)) return refuse(`"${on}" is not a date in the form YYYY-MM-DD`);

  const fm = splitFrontMatter(text);
  if (!fm) return refuse('not a record: it has no front matter');
  if (!fm.closed) return refuse('the front matter is not closed by a `---` line');
  const yaml = parseYaml(fm.yaml, fm.contentStart);
  const lines = new LineIndex(text);
  if (!yaml.entries.some((e) => e.key === 'record')) {
    return refuse(yaml.problems.length ? `the front matter is not valid YAML (${problemAt(yaml, lines)})` : 'not a record: its front matter has no `record:` key');
  }
  // Editing YAML we cannot read could break it further: even --force does not go ahead.
  if (yaml.problems.length) return refuse(`the front matter is not valid YAML (${problemAt(yaml, lines)}); fix it first`);
  if (isCollection(yaml.doc?.contents) && yaml.doc!.contents.flow) return refuse('the front matter is a `{ … }` flow mapping; write it as `key: value` lines to approve it');

  const own = ownSpans(yaml);
  const blocking = (opts.findings ?? []).filter((f) => f.severity === 'error' && !SETTLED_BY_APPROVAL.has(f.ruleId) && !own.some((s) => s.start <= f.span.start && f.span.end <= s.end));
  if (blocking.length && !opts.force) return refuse(blockingReason(blocking, lines), blocking);

  const hash = approvalHash(text);
  const values: Record<ApprovalKey, string> = { status: 'approved', approved_by: name, approved_on: on, approved_hash: hash };
  const edits: EditData[] = [];
  const appended: ApprovalKey[] = [];
  for (const key of APPROVAL_KEYS) {
    const entry = yaml.entries.find((e) => e.key === key);
    if (!entry) { appended.push(key); continue; }
    const edit = replaceValue(text, entry, values[key]);
    if (!edit) return refuse(`the \`${key}\` line has a layout the approve command does not edit; set it to a single value`);
    if (text.slice(edit.start, edit.end) !== edit.newText) edits.push(edit);
  }
  if (appended.length) edits.push(appendKeys(text, fm, yaml, appended.map((k) => `${k}: ${scalar(values[k], 'PLAIN')}`)));
  edits.sort((a, b) => a.start - b.start);
  let out = text;
  for (const e of [...edits].reverse()) out = out.slice(0, e.start) + e.newText + out.slice(e.end);

  const problem = verify(text, out, values);
  if (problem) return refuse(`approving would change more than the approval fields (${problem}); nothing was changed`);
  return { ok: true, text: out, edits, hash, changed: edits.length > 0 };
}

/** Where a finding the approval fixes itself may sit: the approval keys' own lines. */
function ownSpans(yaml: ParsedYaml): Span[] {
  return yaml.entries.filter((e) => (APPROVAL_KEYS as readonly string[]).includes(e.key)).map((e) => ({ start: e.keySpan.start, end: Math.max(e.keySpan.end, e.valueSpan.end) }));
}

function blockingReason(blocking: readonly Finding[], lines: LineIndex): string {
  const shown = blocking.slice(0, 3).map((f) => `${f.ruleId} on line ${lines.lineOf(f.span.start) + 1}`);
  const more = blocking.length > shown.length ? `, and ${blocking.length - shown.length} more` : '';
  return `${blocking.length} error-level finding${blocking.length === 1 ? '' : 's'} (${shown.join(', ')}${more}); fix ${blocking.length === 1 ? 'it' : 'them'} or approve with --force`;
}

function problemAt(yaml: ParsedYaml, lines: LineIndex): string {
  const p = yaml.problems[0];
  return `line ${lines.lineOf(p.span.start) + 1}: ${p.message.replace(/^Invalid YAML: /, '')}`;
}

/**
 * The edit giving an existing key its new value. A one-line scalar keeps its place and quoting
 * style (only the value's own characters change, so a comment or alignment after it stays); any
 * other value (empty, a list, a block) becomes ` value` right after the colon.
 */
function replaceValue(text: string, entry: FieldEntry, value: string): EditData | undefined {
  const node = entry.node;
  const range = node?.range;
  if (isScalar(node) && range && range[1] > range[0] && !/[\r\n]/.test(text.slice(entry.keySpan.end, entry.valueSpan.start))) {
    const end = trimBreaks(text, entry.valueSpan.start, entry.valueSpan.end);
    return { start: entry.valueSpan.start, end, newText: scalar(value, node.type) };
  }
  const colon = /^[ \t]*:/.exec(text.slice(entry.keySpan.end, entry.keySpan.end + 200));
  if (!colon) return undefined;
  const at = entry.keySpan.end + colon[0].length;
  const hasValue = !!range && range[1] > range[0];
  return { start: at, end: hasValue ? trimBreaks(text, at, entry.valueSpan.end) : at, newText: ` ${scalar(value, isScalar(node) ? node.type : 'PLAIN')}` };
}

/** Block scalars' ranges run past their last line break; an edit must leave the break alone. */
function trimBreaks(text: string, start: number, end: number): number {
  while (end > start && /[\r\n \t]/.test(text[end - 1])) end--;
  return end;
}

/** Missing keys go last, with the indentation of the other top-level keys and the front matter's line ending. */
function appendKeys(text: string, fm: FrontMatterBlock, yaml: ParsedYaml, keyLines: string[]): EditData {
  const first = yaml.entries[0];
  const lineStart = Math.max(text.lastIndexOf('\n', first.keySpan.start - 1), text.lastIndexOf('\r', first.keySpan.start - 1)) + 1;
  const indent = text.slice(lineStart, first.keySpan.start).replace(/[^ \t]/g, ' ');
  const eol = /\r\n$/.test(text.slice(0, fm.contentEnd)) ? '\r\n' : /\r$/.test(text.slice(0, fm.contentEnd)) ? '\r' : '\n';
  return { start: fm.contentEnd, end: fm.contentEnd, newText: keyLines.map((l) => indent + l + eol).join('') };
}

/**
 * A YAML scalar for `value` in the style the key had. Plain only when every YAML reader (1.1
 * too, where `no` and `on` are booleans) reads it back as this very string; otherwise quoted.
 */
export function scalar(value: string, style: Scalar.Type | undefined): string {
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (style !== 'QUOTE_DOUBLE' && plainIsSafe(value)) return value;
  return JSON.stringify(value);
}

const YAML11_WORDS = /^(?:y|yes|n|no|true|false|on|off|null|~)$/i;

function plainIsSafe(value: string): boolean {
  if (value === '' || value !== value.trim() || YAML11_WORDS.test(value)) return false;
  if (/^sha256:[0-9a-f]{64}$/.test(value) || isIsoDate(value)) return true;
  // A letter first (no indicator such as `@`, `-`, `&`, `!`, `'`); no `:` or `#` anywhere.
  if (!/^\p{L}[\p{L}\p{M}\p{N} .,'’()/&+_-]*$/u.test(value)) return false;
  try {
    const doc = parseDocument(`k: ${value}\n`, { version: '1.2', schema: 'core' });
    return !doc.errors.length && (doc.toJS() as { k?: unknown }).k === value;
  } catch {
    return false;
  }
}

/** Re-reads the result: the four values as intended, every other byte's meaning as before. */
function verify(before: string, after: string, values: Record<ApprovalKey, string>): string | undefined {
  const a = splitFrontMatter(before)!;
  const b = splitFrontMatter(after);
  if (!b?.closed) return 'the front matter would not be closed';
  if (before.slice(0, a.start) !== after.slice(0, b.start) || before.slice(a.bodyStart) !== after.slice(b.bodyStart)) return 'the body would change';
  const ya = parseYaml(a.yaml, a.contentStart);
  const yb = parseYaml(b.yaml, b.contentStart);
  if (yb.problems.length) return yb.problems[0].message;
  const read = (y: ParsedYaml) => new Map(y.entries.map((e) => [e.key, JSON.stringify(e.value)]));
  const ma = read(ya), mb = read(yb);
  for (const key of APPROVAL_KEYS) {
    if (mb.get(key) !== JSON.stringify(values[key])) return `\`${key}\` would not read back as ${JSON.stringify(values[key])}`;
    ma.delete(key); mb.delete(key);
  }
  if (ma.size !== mb.size) return 'the keys would change';
  for (const [k, v] of ma) if (mb.get(k) !== v) return `\`${k}\` would change`;
  return undefined;
}
