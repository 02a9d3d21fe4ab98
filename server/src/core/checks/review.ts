import type { Finding } from '../findings';
import { approvalHash, addendumOffset } from '../hash';
import type { ParsedRecord } from '../record';

type Emit = (f: Omit<Finding, 'severity'>) => void;

export interface Annotation { start: number; end: number; resolved: boolean; reviewer?: string; date?: string; comment: string; markerSpan: { start: number; end: number } }

const MARKER = /^([ \t]*>[ \t]*)(\\?\[!(REVIEW|RESOLVED)\\?\])/i;
const HANDLE = '@(\\w(?:[\\w.-]*\\w)?)';
const DAY = '(\\d{4}-\\d{2}-\\d{2})(?!\\d)';
// `@kchen 2027-03-15` as the spec writes it; the other order and a comma between are read too.
const WHO_WHEN = new RegExp(`^(?:[ \\t]+${HANDLE}(?:[ \\t]*,?[ \\t]+${DAY})?|[ \\t]+${DAY}(?:[ \\t]*,?[ \\t]+${HANDLE})?)?`);

export function annotations(rec: ParsedRecord): Annotation[] {
  const out: Annotation[] = [];
  for (const a of rec.outline.annotations) {
    const src = rec.text.slice(a.start, a.end);
    const [first, ...more] = src.split(/\r\n|\n|\r/);
    const m = MARKER.exec(first);
    if (!m) continue;
    const w = WHO_WHEN.exec(first.slice(m[0].length))!;
    const lead = first.slice(m[0].length + w[0].length).replace(/^[ \t]*[:,;.\u2013\u2014-]*[ \t]*/, '');
    const comment = [lead, ...more.map((l) => l.replace(/^[ \t]*>[ \t]?/, ''))].join(' ').replace(/\s+/g, ' ').trim();
    const markerStart = a.start + m[1].length;
    out.push({
      start: a.start, end: a.end, resolved: m[3].toUpperCase() === 'RESOLVED', reviewer: w[1] ?? w[4], date: w[2] ?? w[3], comment,
      markerSpan: { start: markerStart, end: markerStart + m[2].length },
    });
  }
  return out;
}

/** review.open for each unresolved annotation; review.changed-after-approval when the approved body changed. */
export function checkReview(rec: ParsedRecord, emit: Emit): void {
  for (const a of annotations(rec)) {
    if (a.resolved) continue;
    const who = a.reviewer ? `@${a.reviewer}` : 'a reviewer';
    const excerpt = a.comment.length > 120 ? a.comment.slice(0, 117) + '…' : a.comment;
    const line = rec.lines.lineOf(a.start);
    emit({
      ruleId: 'review.open', span: { start: a.start, end: rec.lines.lineEnd(line) },
      message: `Open review from ${who}${a.date ? ` (${a.date})` : ''}${excerpt ? `: ${excerpt}` : ''}`,
      // Only the word changes: an escaped marker (`\[!REVIEW\]`, as some formatters write it) stays escaped.
      fixes: [{ title: 'Mark this review resolved', edits: [{ ...a.markerSpan, newText: rec.text.slice(a.markerSpan.start, a.markerSpan.end).replace(/REVIEW/i, 'RESOLVED') }] }],
    });
  }
  const status = rec.fields.get('status');
  const hash = rec.fields.get('approved_hash')?.value;
  if (status?.value !== 'approved' || typeof hash !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(hash)) return;
  if (rec.truncatedAt !== undefined) return; // a file too large to read whole cannot be verified here
  if (approvalHash(rec.text) === hash) return;
  const add = addendumOffset(rec.text, rec.bodyStart);
  emit({
    ruleId: 'review.changed-after-approval',
    span: rec.fields.get('approved_hash')!.valueSpan,
    message: `This record changed after it was approved${rec.fields.get('approved_by')?.value ? ` by ${String(rec.fields.get('approved_by')!.value)}` : ''}: the approved text no longer matches \`approved_hash\`. Restore it and put changes in an \`## Addendum — YYYY-MM-DD\` section${add === undefined ? ' at the end' : ''}, or have it approved again.`,
  });
}
