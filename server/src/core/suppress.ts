import type { Finding } from './findings';
import type { ParsedRecord } from './record';
import type { Span } from './text';

export interface Suppression extends Span {
  kind: 'disable' | 'enable' | 'disable-next-line';
  /** Rule ids named; empty = every rule. */
  rules: string[];
  reason?: string;
  line: number;
  /** Where the comment ends: a comment wrapped over several lines silences the line after its end. */
  endLine: number;
}

const COMMENT = /<!--\s*group-records-(disable-next-line|disable|enable)\b([^>]*?)(?:--\s*([^]*?))?\s*-->/g;

export function suppressions(rec: ParsedRecord): Suppression[] {
  const out: Suppression[] = [];
  for (const c of rec.outline.comments) {
    for (const m of c.value.matchAll(COMMENT)) {
      const start = c.start + m.index!;
      out.push({
        kind: m[1] as Suppression['kind'], start, end: start + m[0].length, line: rec.lines.lineOf(start), endLine: rec.lines.lineOf(start + m[0].length - 1),
        rules: m[2].split(/[\s,]+/).filter(Boolean), reason: m[3]?.trim() || undefined,
      });
    }
  }
  return out;
}

const names = (s: Suppression, id: string) => s.rules.length === 0 || s.rules.includes(id);

/**
 * Drops findings silenced by inline comments. A `disable` covers the lines after it until an
 * `enable` for the same rule; `disable-next-line` covers the next non-blank line. A finding about
 * the record as a whole (a missing element) is silenced by a `disable` for its rule anywhere.
 */
export function applySuppressions(rec: ParsedRecord, findings: Finding[], list: Suppression[]): Finding[] {
  if (!list.length) return findings;
  return findings.filter((f) => !silenced(rec, f, list));
}

function silenced(rec: ParsedRecord, f: Finding, list: Suppression[]): boolean {
  if (f.ruleId === 'record.frontmatter' || f.ruleId === 'record.internal') return false;
  const line = rec.lines.lineOf(f.span.start);
  if (f.wholeRecord && list.some((s) => s.kind === 'disable' && s.rules.includes(f.ruleId))) return true;
  let off = false;
  for (const s of list) {
    if (s.line > line) break;
    if (s.kind === 'disable' && names(s, f.ruleId) && s.line <= line) off = true;
    else if (s.kind === 'enable' && names(s, f.ruleId)) off = false;
    else if (s.kind === 'disable-next-line' && names(s, f.ruleId) && nextContentLine(rec, s.endLine) === line) return true;
  }
  return off;
}

function nextContentLine(rec: ParsedRecord, line: number): number {
  let l = line + 1;
  while (l < rec.lines.lineCount && rec.text.slice(rec.lines.lineStart(l), rec.lines.lineEnd(l)).trim() === '') l++;
  return l;
}
