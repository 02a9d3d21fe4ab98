import { basename, relative, sep } from 'node:path';
import type { Catalogue } from '../core/catalogue';
import { recordFacts } from '../core/check';
import { annotations } from '../core/checks/review';
import type { Finding } from '../core/findings';
import { parseRecord, type ParsedRecord } from '../core/record';
import { RECORD_KINDS, SEVERITIES, STATUSES, type RecordKind, type Severity } from '../core/schema/catalogue';
import type { TextSource } from '../workspace/checkFile';
import type { GroupView, WorkspaceIndex } from '../workspace/index';
import { attendanceMatrix, type NoteAttendance } from './attendance';
import { elementCells } from './elements';
import { reviewFirstLine, sectionGist } from './excerpt';
import type {
  ElementCell, GroupReport, HeatMap, RecordStatus, ReportModel, ReportRecord, ReviewItem, RuleCount, SeverityCounts, TimelineEntry,
} from './types';

export interface ReportInput {
  index: WorkspaceIndex;
  cat: Catalogue;
  /** A record's text (in the editor: the open document's). Problems come back as data. */
  source: (path: string) => TextSource;
  /** Findings as the user sees them (role profile and rule settings applied); default: the index's own. */
  findings?: (path: string) => readonly Finding[];
  /** Folder that shown paths are relative to. */
  base: string;
  /** Only these groups, by id; default every group. */
  groupIds?: readonly string[];
  /** Records to look at for ones outside every group: the index lists only grouped ones. */
  paths?: readonly string[];
  generated?: string;
}

/** What the report needs of one record beyond its summary, from one parse. */
interface RecordData { record: ReportRecord; cells: Map<string, ElementCell>; reviews: ReviewItem[]; attendance?: { present?: string[]; absent?: string[] } }

/** The report's data for every group of the workspace: each record is read and parsed once. */
export function buildReportModel(input: ReportInput): ReportModel {
  const findings = input.findings ?? ((p: string) => input.index.findingsFor(p));
  const rel = (p: string) => relative(input.base, p).split(sep).join('/') || basename(p);
  const wanted = input.groupIds && new Set(input.groupIds);
  const groups = input.index.groups().filter((g) => !wanted || (g.id !== undefined && wanted.has(g.id)));
  const ungrouped = (input.paths ?? [])
    .filter((p) => input.index.summaryOf(p) && !input.index.groupOf(p))
    .map(rel).sort();
  return {
    ...(input.generated ? { generated: input.generated } : {}),
    groups: groups.map((g) => groupReport(g, input, findings, rel)),
    ungrouped: wanted ? [] : ungrouped,
  };
}

function groupReport(g: GroupView, input: ReportInput, findings: (p: string) => readonly Finding[], rel: (p: string) => string): GroupReport {
  const data = new Map<string, RecordData>();
  for (const path of g.records) data.set(path, recordData(path, g, input, findings, rel));
  const noteOrder = new Map(g.notes.map((n, i) => [n.path, i]));
  const records = [...data.values()].map((d) => d.record).sort((a, b) =>
    kindRank(a.kind) - kindRank(b.kind) || (noteOrder.get(a.path) ?? 0) - (noteOrder.get(b.path) ?? 0)
    || (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || a.path.localeCompare(b.path));

  const profileFindings = counts(g.profilePath ? findings(g.profilePath) : []);
  const all = [...records.flatMap((r) => findings(r.path)), ...(g.profilePath ? findings(g.profilePath) : [])];

  const notes: NoteAttendance[] = g.notes.map((n) => {
    const d = data.get(n.path)!;
    return { path: n.path, rel: d.record.rel, label: d.record.label, session: n.session, date: n.date, ...d.attendance };
  });
  const attendance = attendanceMatrix(g.roster, notes);
  const column = new Map(attendance.sessions.map((s, i) => [s.path, i]));

  const timeline: TimelineEntry[] = records.map((r) => {
    const i = column.get(r.path);
    const held = i === undefined ? undefined : attendance.cells.filter((row) => row[i] !== 'not-joined' && row[i] !== 'left').length;
    return {
      path: r.path, rel: r.rel, label: r.label, status: r.status,
      ...(r.kind ? { kind: r.kind } : {}), ...(r.date ? { date: r.date } : {}), ...(r.session !== undefined ? { session: r.session } : {}),
      ...(r.phase ? { phase: r.phase } : {}), ...(r.gist ? { gist: r.gist } : {}),
      ...(i !== undefined && attendance.sessions[i].recorded ? { present: attendance.sessions[i].present, attendees: held } : {}),
    };
  }).sort((a, b) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || kindRank(a.kind) - kindRank(b.kind) || (a.session ?? 0) - (b.session ?? 0) || a.path.localeCompare(b.path));

  const approval = { draft: 0, submitted: 0, approved: 0, changedAfter: 0 };
  for (const r of records) {
    approval[r.status]++;
    if (r.approval.changedAfter) approval.changedAfter++;
  }
  return {
    key: g.key,
    ...(g.id ? { id: g.id } : {}), ...(g.name ? { name: g.name } : {}), ...(g.profilePath ? { profileRel: rel(g.profilePath) } : {}),
    records,
    heatmaps: heatmaps(records, data, input.cat),
    findings: counts(all),
    profileFindings,
    findingsByRule: byRule(all),
    reviews: records.flatMap((r) => data.get(r.path)!.reviews),
    attendance,
    timeline,
    approval,
  };
}

function recordData(path: string, g: GroupView, input: ReportInput, findings: (p: string) => readonly Finding[], rel: (p: string) => string): RecordData {
  const summary = input.index.summaryOf(path);
  const own = findings(path);
  const record: ReportRecord = {
    path, rel: rel(path), label: 'Record', status: 'draft',
    approval: { hashed: false, incomplete: false, changedAfter: own.some((f) => f.ruleId === 'review.changed-after-approval') },
    findings: counts(own), openReviews: 0,
  };
  if (summary?.kind) record.kind = summary.kind;
  if (summary?.session) record.session = summary.session.value;
  if (summary?.date) record.date = summary.date.value;
  record.label = labelOf(record.kind, record.session, input.cat);

  let src: TextSource;
  try { src = input.source(path); } catch (err) { src = { text: '', problem: { kind: 'unreadable', detail: (err as Error)?.message ?? String(err) } }; }
  if (src.problem && src.problem.kind !== 'invalid-utf8' && src.problem.kind !== 'too-large') {
    record.problem = src.problem.detail ?? src.problem.kind;
    return { record, cells: new Map(), reviews: [] };
  }
  let rec: ParsedRecord;
  try { rec = src.parsed ?? parseRecord(src.text, input.cat); } catch (err) {
    record.problem = `could not be parsed: ${(err as Error)?.message ?? String(err)}`;
    return { record, cells: new Map(), reviews: [] };
  }
  const title = rec.outline.headings.find((h) => h.start === rec.titleSpan.start)?.text.trim();
  if (title) record.title = title;
  const facts = recordFacts(rec, g.facts);
  if (facts.phase) record.phase = facts.phase;
  const status = rec.fields.get('status')?.value;
  record.status = (STATUSES as readonly unknown[]).includes(status) ? (status as RecordStatus) : 'draft';
  const by = scalar(rec.fields.get('approved_by')?.value);
  const on = scalar(rec.fields.get('approved_on')?.value);
  const hashed = typeof rec.fields.get('approved_hash')?.value === 'string';
  record.approval = { ...record.approval, ...(by ? { by } : {}), ...(on ? { on } : {}), hashed, incomplete: record.status === 'approved' && !(by && on && hashed) };
  const gist = rec.kind === 'session-note' ? sectionGist(rec, 'note.focus') ?? sectionGist(rec, 'note.summary') : undefined;
  if (gist) record.gist = gist;

  const reviews: ReviewItem[] = annotations(rec).filter((a) => !a.resolved).map((a) => ({
    path, rel: record.rel, recordLabel: record.label, line: rec.lines.lineOf(a.start),
    ...(a.reviewer ? { reviewer: a.reviewer } : {}), ...(a.date ? { date: a.date } : {}), text: reviewFirstLine(rec, a),
  }));
  record.openReviews = reviews.length;
  let attendance: RecordData['attendance'];
  if (rec.kind === 'session-note') {
    const att = rec.fields.get('attendance')?.value;
    attendance = {};
    if (att && typeof att === 'object') {
      const { present, absent } = att as { present?: unknown; absent?: unknown };
      if (Array.isArray(present)) attendance.present = present.filter((x): x is string => typeof x === 'string');
      if (Array.isArray(absent)) attendance.absent = absent.filter((x): x is string => typeof x === 'string');
    }
  }
  return { record, cells: elementCells(rec, input.cat, facts), reviews, ...(attendance ? { attendance } : {}) };
}

/** One grid per record kind; columns are the elements asked of at least one of its records. */
function heatmaps(records: readonly ReportRecord[], data: ReadonlyMap<string, RecordData>, cat: Catalogue): HeatMap[] {
  const out: HeatMap[] = [];
  for (const kind of RECORD_KINDS) {
    const rows = records.filter((r) => r.kind === kind);
    const def = cat.kinds.get(kind);
    if (!rows.length || !def) continue;
    const ids = def.elements.map((e) => e.id).filter((id) => rows.some((r) => data.get(r.path)!.cells.get(id)?.level));
    out.push({
      kind, kindTitle: def.title,
      columns: ids.map((id) => {
        const e = cat.elements.get(id);
        return { id, label: id.slice(id.indexOf('.') + 1), title: e?.title ?? id, cite: e?.cite ?? [] };
      }),
      rows: rows.map((r) => ({ path: r.path, cells: ids.map((id) => data.get(r.path)!.cells.get(id) ?? { state: 'not-asked' as const }) })),
    });
  }
  return out;
}

function labelOf(kind: RecordKind | undefined, session: number | undefined, cat: Catalogue): string {
  if (kind === 'session-note') return session !== undefined ? `Session ${session}` : 'Session note';
  return kind ? cat.kinds.get(kind)?.title ?? kind : 'Record';
}

function kindRank(kind: RecordKind | undefined): number {
  return kind ? RECORD_KINDS.indexOf(kind) : RECORD_KINDS.length;
}

function scalar(v: unknown): string | undefined {
  return typeof v === 'string' ? v.trim() || undefined : typeof v === 'number' ? String(v) : undefined;
}

export function emptyCounts(): SeverityCounts {
  return { error: 0, warning: 0, information: 0, hint: 0 };
}

function counts(fs: readonly Finding[]): SeverityCounts {
  const c = emptyCounts();
  for (const f of fs) if (f.severity in c) c[f.severity]++;
  return c;
}

function byRule(fs: readonly Finding[]): RuleCount[] {
  const m = new Map<string, RuleCount>();
  for (const f of fs) {
    const k = `${f.severity}\u0000${f.ruleId}`;
    const e = m.get(k);
    if (e) e.count++; else m.set(k, { ruleId: f.ruleId, severity: f.severity, count: 1 });
  }
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  return [...m.values()].sort((a, b) => rank(a.severity) - rank(b.severity) || b.count - a.count || a.ruleId.localeCompare(b.ruleId));
}
