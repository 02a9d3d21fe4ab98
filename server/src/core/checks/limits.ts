import type { Finding } from '../findings';
import type { ParsedRecord } from '../record';
import { wholeSpan } from '../text';
import { MAX_PARSE_CHARS, MAX_PARSE_LINES } from '../guard';

type Emit = (f: Omit<Finding, 'severity'>) => void;

/** Says what the checker did not read, so a limit is never silent. */
export function checkLimits(rec: ParsedRecord, emit: Emit): void {
  if (rec.truncatedAt !== undefined) {
    const at = rec.lines.lineOf(rec.truncatedAt);
    emit({
      ruleId: 'record.limit', span: rec.titleSpan,
      message: `This record is ${mb(rec.text.length)} (${rec.lines.lineCount.toLocaleString('en')} lines); only the first ${mb(rec.truncatedAt)} (to line ${at + 1}) was checked: the checker reads at most ${mb(MAX_PARSE_CHARS)} and ${MAX_PARSE_LINES.toLocaleString('en')} lines of a record. Consider splitting it.`,
    });
  }
  const shown = rec.limits.slice(0, 20);
  for (const l of shown) {
    emit({ ruleId: 'record.limit', span: wholeSpan(rec.text, l.start, Math.min(l.end, l.start + 200)), message: `This line was not read as Markdown (${l.reason}); its text is kept but not checked.` });
  }
  if (rec.limits.length > shown.length) {
    emit({ ruleId: 'record.limit', span: shown[shown.length - 1], message: `${rec.limits.length - shown.length} more lines were not read as Markdown for the same reasons.` });
  }
}

function mb(chars: number): string {
  return chars >= 1_000_000 ? `${(chars / 1_000_000).toFixed(1)} MB` : `${Math.round(chars / 1000)} KB`;
}
