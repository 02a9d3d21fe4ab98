import { annotations } from './checks/review';
import { isIsoDate } from './dates';
import type { Finding } from './findings';
import { goalDefinitions, goalReferences } from './goals';
import type { ParsedRecord } from './record';
import type { RecordKind } from './schema/catalogue';
import { applySuppressions, suppressions } from './suppress';
import type { LineIndex, Position, Span } from './text';

export interface Range { start: Position; end: Position }

/** A span with its LSP range, so a finding there can be reported without the file's text. */
export interface Located extends Span { range: Range }

/** A finding with its range: what the workspace index keeps instead of the file's text. */
export interface LocatedFinding extends Finding {
  range: Range;
  related?: Array<{ file?: string; span?: Span; range?: Range; message: string }>;
}

/**
 * What the cross-record rules and the editor features need to know of one record, without its
 * text or parse tree. Plain data: it crosses worker_threads and is kept for every record.
 * `silenced` marks an item where an inline disable comment turns off the cross-record rule that
 * would sit on it (session → sessions.duplicate, date → sessions.order, goal reference →
 * goals.unknown, title → group.no-contract).
 */
export interface RecordSummary {
  path: string;
  /** Undefined for a file that is not a record, and for a record of an unknown kind. */
  kind?: RecordKind;
  /** The id of the profile governing the record, or its `group:` value when no profile does. */
  groupId?: string;
  /** The group profile governing the record (resolved path). */
  profilePath?: string;
  /** The `group:` value as written, when it is a string. */
  groupField?: string;
  /** A session note's valid `session` number, at its value. */
  session?: Located & { value: number; silenced?: true };
  /** The record's valid `date`, at its value. */
  date?: Located & { value: string; silenced?: true };
  title: Located & { silenced?: true };
  /** Goals a contract defines (`G1:`, `M01-G1:` list items); empty for other kinds. */
  goals: Array<Located & { id: string; member?: string; text: string }>;
  /** `#G1` / `#M01-G1` references in the body, packed (see GoalRefs). */
  goalRefs: GoalRefs;
  /** Handles (without `@`) of reviewers in `[!REVIEW]` / `[!RESOLVED]` annotations. */
  reviewers: string[];
}

export type GoalRef = Located & { id: string; silenced?: true };

/**
 * Goal references, packed: notes cite goals on nearly every line, and the index keeps every
 * record's references for goals.unknown. As objects they were half of a record's summary (about
 * 2.5 KB, 25 MiB over 10,000 records); packed they take a tenth. `ids` holds each id once; `at`
 * holds seven numbers per reference: id index × 2 + 1 if silenced, start, end, and the range's
 * start line, start character, end line, end character.
 */
export interface GoalRefs { ids: string[]; at: number[] }

export function packGoalRefs(refs: readonly GoalRef[]): GoalRefs {
  const ids: string[] = [];
  const at: number[] = [];
  for (const r of refs) {
    let i = ids.indexOf(r.id);
    if (i < 0) i = ids.push(r.id) - 1;
    at.push(i * 2 + (r.silenced ? 1 : 0), r.start, r.end, r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character);
  }
  return { ids, at };
}

export function goalRefList(g: GoalRefs): GoalRef[] {
  const out: GoalRef[] = [];
  for (let k = 0; k + 6 < g.at.length; k += 7) {
    const a = g.at;
    const ref: GoalRef = { id: g.ids[a[k] >> 1], start: a[k + 1], end: a[k + 2], range: { start: { line: a[k + 3], character: a[k + 4] }, end: { line: a[k + 5], character: a[k + 6] } } };
    if (a[k] & 1) ref.silenced = true;
    out.push(ref);
  }
  return out;
}

export function locate(lines: LineIndex, span: Span): Located {
  return { start: span.start, end: span.end, range: { start: lines.positionAt(span.start), end: lines.positionAt(span.end) } };
}

export interface Governance { groupId?: string; profilePath?: string }

/** The summary of a parsed record; cheap next to the parse itself (a few regex passes over the body). */
export function summarize(path: string, rec: ParsedRecord, gov: Governance): RecordSummary {
  const { lines } = rec;
  const groupRaw = rec.fields.get('group')?.value;
  const out: RecordSummary = { path, title: locate(lines, rec.titleSpan), goals: [], goalRefs: { ids: [], at: [] }, reviewers: [] };
  if (!rec.isRecord) return out;
  if (rec.kind) out.kind = rec.kind;
  if (typeof groupRaw === 'string' && groupRaw) out.groupField = groupRaw;
  const groupId = gov.groupId ?? (gov.profilePath ? undefined : out.groupField);
  if (groupId) out.groupId = groupId;
  if (gov.profilePath) out.profilePath = gov.profilePath;

  const session = rec.fields.get('session');
  if (rec.kind === 'session-note' && session && Number.isInteger(session.value) && (session.value as number) >= 1) {
    out.session = { ...locate(lines, session.valueSpan), value: session.value as number };
  }
  const date = rec.fields.get('date');
  if (date && typeof date.value === 'string' && isIsoDate(date.value)) out.date = { ...locate(lines, date.valueSpan), value: date.value };
  if (rec.kind === 'contract') {
    // `**M01-G1:** text` leaves the closing `**` on the text in goalDefinitions.
    out.goals = goalDefinitions(rec).map((g) => ({ ...locate(lines, g), id: g.id, ...(g.member ? { member: g.member } : {}), text: g.text.replace(/^(?:\*\*|__)[ \t]*/, '') }));
  }
  const refs: GoalRef[] = goalReferences(rec).map((r) => ({ ...locate(lines, r), id: r.id }));
  const reviewers = new Set<string>();
  for (const a of annotations(rec)) if (a.reviewer) reviewers.add(a.reviewer);
  out.reviewers = [...reviewers];
  markSilenced(rec, out, refs);
  out.goalRefs = packGoalRefs(refs);
  return out;
}

/** Inline disable comments apply to cross-record findings too; they are resolved now, while the text is at hand. */
function markSilenced(rec: ParsedRecord, s: RecordSummary, refs: GoalRef[]): void {
  const list = suppressions(rec);
  if (!list.length) return;
  const probe = (ruleId: string, span: Span, wholeRecord = false): boolean => {
    const f: Finding = { ruleId, severity: 'warning', message: '', span, wholeRecord };
    return applySuppressions(rec, [f], list).length === 0;
  };
  if (s.session && probe('sessions.duplicate', s.session)) s.session.silenced = true;
  if (s.date && probe('sessions.order', s.date)) s.date.silenced = true;
  if (probe('group.no-contract', s.title, true)) s.title.silenced = true;
  for (const r of refs) if (probe('goals.unknown', r)) r.silenced = true;
}
