import type { Catalogue } from './catalogue';
import { checkElements } from './checks/elements';
import { checkFrontMatter } from './checks/frontmatter';
import { checkLimits } from './checks/limits';
import { checkPrivacy } from './checks/privacy';
import { checkReview } from './checks/review';
import { checkAttendanceShape } from './checks/attendance';
import { checkRoster } from './checks/roster';
import type { GroupFacts, RecordFacts } from './context';
import type { Finding } from './findings';
import type { ParsedRecord } from './record';
import { PHASES, type Phase, type Severity } from './schema/catalogue';
import { applySuppressions, suppressions } from './suppress';

export interface CheckOptions {
  group?: GroupFacts;
  /** The agency's own published numbers and addresses (`privacy.allow`). */
  privacyAllow?: readonly string[];
}

type Rule = (rec: ParsedRecord, cat: Catalogue, facts: RecordFacts, opts: CheckOptions, emit: (f: Finding) => void) => void;

/**
 * Each entry runs isolated: one failing rule yields `record.internal`, and the others' findings still arrive.
 * Exported for the fault-tolerance tests, which replace one entry with a rule that throws.
 */
export const RULES: Array<[string, Rule]> = [
  ['front matter', (r, c, _f, _o, emit) => checkFrontMatter(r, c, (f) => emit({ severity: severityOf(c, f.ruleId), ...f }))],
  ['attendance', (r, c, _f, _o, emit) => checkAttendanceShape(r, (f) => emit({ severity: severityOf(c, f.ruleId), ...f }))],
  ['roster', (r, c, f, _o, emit) => checkRoster(r, f, f.group, (x) => emit({ severity: severityOf(c, x.ruleId), ...x }))],
  ['elements', (r, c, f, _o, emit) => checkElements(r, c, f, emit)],
  ['review', (r, c, _f, _o, emit) => checkReview(r, (f) => emit({ severity: severityOf(c, f.ruleId), ...f }))],
  ['privacy', (r, c, f, o, emit) => checkPrivacy(r, c, f.group, o.privacyAllow ?? [], (x) => emit({ severity: severityOf(c, x.ruleId), ...x }))],
  ['limits', (r, c, _f, _o, emit) => checkLimits(r, (f) => emit({ severity: severityOf(c, f.ruleId), ...f }))],
];

function severityOf(cat: Catalogue, ruleId: string): Severity {
  return cat.rules.get(ruleId)?.severity ?? 'warning';
}

export function recordFacts(rec: ParsedRecord, group: GroupFacts | undefined): RecordFacts {
  const phase = rec.fields.get('phase')?.value;
  const session = rec.fields.get('session')?.value;
  const date = rec.fields.get('date')?.value;
  const att = rec.fields.get('attendance')?.value as { present?: unknown } | undefined;
  const present = Array.isArray(att?.present) ? att!.present.filter((x): x is string => typeof x === 'string') : [];
  return {
    phase: rec.kind === 'session-note' && (PHASES as readonly unknown[]).includes(phase) ? (phase as Phase) : undefined,
    session: rec.kind === 'session-note' && Number.isInteger(session) && (session as number) >= 1 ? (session as number) : undefined,
    date: typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined,
    present,
    group,
  };
}

/** All single-record findings for a parsed record, sorted by position. Non-records get none. */
export function checkRecord(rec: ParsedRecord, cat: Catalogue, opts: CheckOptions = {}): Finding[] {
  if (!rec.isRecord) return [];
  const facts = recordFacts(rec, opts.group);
  const findings: Finding[] = [];
  for (const [name, rule] of RULES) {
    try {
      rule(rec, cat, facts, opts, (f) => findings.push(f));
    } catch (err) {
      findings.push({
        ruleId: 'record.internal', severity: 'error', span: rec.titleSpan,
        message: `The ${name} checks failed on this record (${(err as Error)?.message ?? String(err)}); the other findings still stand. Please report this.`,
      });
    }
  }
  const kept = applySuppressions(rec, findings, suppressions(rec));
  return kept.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
}
