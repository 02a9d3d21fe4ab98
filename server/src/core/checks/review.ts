import type { Finding } from '../findings';
import { approvalHash, addendumOffset } from '../hash';
import type { ParsedRecord } from '../record';

type Emit = (f: Omit<Finding, 'severity'>) => void;

export interface Annotation { start: number; end: number; resolved: boolean; reviewer?: string; date?: string; comment: string; markerSpan: { start: number; end: number } }

const MARKER = /^([ \t]*>[ \t]*)\\?\[!(REVIEW|RESOLVED)\\?\](?:[ \t]+@([\w.-]+))?(?:[ \t]+(\d{4}-\d{2}-\d{2}))?[ \t]*(.*)/i;

export function annotations(rec: ParsedRecord): Annotation[] {
  const out: Annotation[] = [];
  for (const a of rec.outline.annotations) {
    const src = rec.text.slice(a.start, a.end);
    const m = MARKER.exec(src);
    if (!m) continue;
    const markerStart = a.start + m[1].length;
    const comment = [m[5], ...src.split(/\r?\n/).slice(1).map((l) => l.replace(/^[ \t]*>[ \t]?/, ''))].join(' ').replace(/\s+/g, ' ').trim();
    out.push({
      start: a.start, end: a.end, resolved: m[2].toUpperCase() === 'RESOLVED', reviewer: m[3], date: m[4], comment,
      markerSpan: { start: markerStart, end: markerStart + (src.slice(m[1].length).startsWith('\\') ? m[2].length + 5 : m[2].length + 3) },
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
      fixes: [{ title: 'Mark this review resolved', edits: [{ ...a.markerSpan, newText: '[!RESOLVED]' }] }],
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
