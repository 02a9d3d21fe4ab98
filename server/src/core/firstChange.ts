import { approvedBody } from './hash';
import type { ParsedRecord } from './record';
import type { Span } from './text';

/**
 * Where the record's approved part first differs from the approved text: the span of that line
 * in the current text (body lines compared after the spec's normalisation). Undefined when the
 * two bodies are the same.
 */
export function firstChangedLine(rec: ParsedRecord, approvedText: string): Span | undefined {
  const was = approvedBody(approvedText).split('\n');
  const now = approvedBody(rec.text).split('\n');
  let i = 0;
  while (i < was.length && i < now.length && was[i] === now[i]) i++;
  if (i === was.length && i === now.length) return undefined;
  // Body line i → line of the current text: the body starts on the line after the front matter.
  const line = Math.min(rec.lines.lineOf(rec.bodyStart) + i, rec.lines.lineCount - 1);
  return { start: rec.lines.lineStart(line), end: rec.lines.lineEnd(line) };
}
