import type { Catalogue } from '../core/catalogue';
import { checkRecord } from '../core/check';
import type { Finding } from '../core/findings';
import { parseRecord, type ParsedRecord } from '../core/record';
import { summarize, type RecordSummary } from '../core/summary';
import { suppressions, type Suppression } from '../core/suppress';
import type { LineIndex } from '../core/text';
import { LineIndex as Lines } from '../core/text';
import { resolveGroup } from './groupChecks';
import { approvedVersion } from './approvedVersion';
import { firstChangedLine } from '../core/firstChange';
import type { ProfileSet } from './profiles';

export interface FileCheck {
  path: string;
  isRecord: boolean;
  findings: Finding[];
  lines: LineIndex;
  /** What the workspace index keeps of the record for cross-record rules and editor features. */
  summary: RecordSummary;
  /** Inline disable/enable comments, for `check --list-suppressions`. */
  suppressions?: Suppression[];
}

export interface TextSource {
  text: string;
  /** Bytes on disk, when more than was read. */
  size?: number;
  /** Why the text could not be read as a record, if so. */
  problem?: { kind: 'binary' | 'invalid-utf8' | 'unreadable' | 'too-large'; offset?: number; detail?: string };
  /** The text already parsed (an open document's version): it is not parsed again. */
  parsed?: ParsedRecord;
}

/**
 * One record file: parse once, resolve its group, run every single-record rule. Never throws: a
 * failure outside the rules (which are isolated one by one in checkRecord) costs this file alone,
 * as a `record.internal` finding, and every other file of a run is still checked.
 */
export function checkRecordFile(path: string, src: TextSource, cat: Catalogue, profiles: ProfileSet, privacyAllow: readonly string[] = []): FileCheck {
  try {
    return checkOne(path, src, cat, profiles, privacyAllow);
  } catch (err) {
    const lines = new Lines(src.text);
    const message = `This file could not be checked (${(err as Error)?.message ?? String(err)}); the other files were. Please report this.`;
    return { path, isRecord: true, lines, findings: [{ ruleId: 'record.internal', severity: 'error', span: { start: 0, end: 0 }, message }], summary: unreadSummary(path, lines) };
  }
}

function checkOne(path: string, src: TextSource, cat: Catalogue, profiles: ProfileSet, privacyAllow: readonly string[]): FileCheck {
  if (src.problem && src.problem.kind !== 'invalid-utf8' && src.problem.kind !== 'too-large') {
    const lines = new Lines('');
    return { path, isRecord: true, lines, findings: [problemFinding(src.problem)], summary: unreadSummary(path, lines) };
  }
  const rec = src.parsed ?? parseRecord(src.text, cat);
  if (!rec.isRecord) return { path, isRecord: false, findings: [], lines: rec.lines, summary: summarize(path, rec, {}) };
  const { profile, findings: groupFindings } = resolveGroup(rec, path, profiles);
  const summary = summarize(path, rec, { groupId: profile?.parsed.facts?.id, profilePath: profile?.path });
  const findings = [...groupFindings, ...checkRecord(rec, cat, { group: profile?.parsed.facts, privacyAllow })];
  if (src.problem?.kind === 'invalid-utf8') findings.unshift(problemFinding(src.problem, rec.lines));
  if (src.problem?.kind === 'too-large') {
    findings.unshift({ ruleId: 'record.limit', severity: 'warning', span: rec.titleSpan, message: `This file is ${(src.size! / 1e6).toFixed(1)} MB; only its first ${(src.text.length / 1e6).toFixed(1)} MB were read.` });
  }
  pointAtFirstChange(path, rec, findings);
  findings.sort((a, b) => a.span.start - b.span.start);
  const silencing = suppressions(rec);
  return { path, isRecord: true, findings, lines: rec.lines, summary, ...(silencing.length ? { suppressions: silencing } : {}) };
}

/**
 * Only what the cross-record rules need of a record (session, date, goals, references), from a
 * light parse and with no rule run: for the rest of a group when only some of its files are checked.
 */
export function summarizeRecordFile(path: string, src: TextSource, cat: Catalogue, profiles: ProfileSet): FileCheck {
  if (src.problem && src.problem.kind !== 'invalid-utf8' && src.problem.kind !== 'too-large') {
    const lines = new Lines('');
    return { path, isRecord: true, lines, findings: [], summary: unreadSummary(path, lines) };
  }
  const rec = parseRecord(src.text, cat, { light: true });
  if (!rec.isRecord) return { path, isRecord: false, findings: [], lines: rec.lines, summary: summarize(path, rec, {}) };
  const { profile } = resolveGroup(rec, path, profiles);
  return { path, isRecord: true, findings: [], lines: rec.lines, summary: summarize(path, rec, { groupId: profile?.parsed.facts?.id, profilePath: profile?.path }) };
}

/** A file that could not be read takes no part in its group's cross-record checks. */
function unreadSummary(path: string, lines: LineIndex): RecordSummary {
  return { path, title: { start: 0, end: 0, range: { start: lines.positionAt(0), end: lines.positionAt(0) } }, goals: [], goalRefs: { ids: [], at: [] }, reviewers: [] };
}

function problemFinding(p: NonNullable<TextSource['problem']>, lines?: LineIndex): Finding {
  const at = p.offset ?? 0;
  const span = { start: at, end: at + 1 };
  switch (p.kind) {
    case 'binary': return { ruleId: 'record.encoding', severity: 'error', span: { start: 0, end: 0 }, message: `This file contains NUL bytes (at byte ${at}): it looks like a binary file, not a Markdown record, and was not checked.` };
    case 'invalid-utf8': return { ruleId: 'record.encoding', severity: 'error', span, message: `This file is not valid UTF-8 (first bad byte on line ${(lines?.lineOf(at) ?? 0) + 1}); invalid bytes are shown as �. Save it as UTF-8 so no text is lost.` };
    case 'unreadable': return { ruleId: 'record.unreadable', severity: 'error', span: { start: 0, end: 0 }, message: `This file could not be read: ${p.detail ?? 'unknown error'}.` };
    default: return { ruleId: 'record.limit', severity: 'warning', span, message: p.detail ?? 'This file was not read whole.' };
  }
}

/**
 * `review.changed-after-approval` sits on `approved_hash` unless the approved version is in the
 * record's git history: then on the first line that differs from it (spec §6 keeps only the hash).
 */
function pointAtFirstChange(path: string, rec: ParsedRecord, findings: Finding[]): void {
  const i = findings.findIndex((f) => f.ruleId === 'review.changed-after-approval');
  const hash = rec.fields.get('approved_hash')?.value;
  if (i < 0 || typeof hash !== 'string' || !path.startsWith('/') || path.startsWith('/virtual/')) return;
  const approved = approvedVersion(path, hash);
  const at = approved === undefined ? undefined : firstChangedLine(rec, approved);
  if (!at) return;
  const f = findings[i];
  findings[i] = {
    ...f, span: at,
    message: `The approved text first differs here from the approved version in this record's git history. ${f.message}`,
    related: [{ span: rec.fields.get('approved_hash')!.valueSpan, message: 'the approval this change breaks' }],
  };
}
