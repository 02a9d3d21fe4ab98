import type { Annotation } from '../core/checks/review';
import type { ParsedRecord } from '../core/record';

/** Long enough to recognise a line, short enough for one row of a report. */
export const EXCERPT_LENGTH = 160;

export function clip(text: string, max = EXCERPT_LENGTH): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1).trimEnd() + '…' : t;
}

/** The first non-blank line of a section's content, without list or quote markers. */
export function sectionGist(rec: ParsedRecord, elementId: string): string | undefined {
  const s = rec.sections.find((x) => x.elements.includes(elementId) && x.hasContent);
  if (!s) return undefined;
  for (const raw of rec.text.slice(s.heading.contentStart, s.end).split(/\r\n|\n|\r/)) {
    const line = raw.replace(/^[ \t>]*(?:[-*+]|\d{1,9}[.)])?[ \t]*/, '').trim();
    // Setext underlines and thematic breaks carry no words.
    if (line && /[\p{L}\p{N}]/u.test(line)) return clip(line);
  }
  return undefined;
}

/**
 * An annotation's first line of comment: what follows the marker, reviewer and date on the marker
 * line, or else the next non-blank line. The marker line is read by `annotations()`, which joins
 * every line into `comment`; taking the later lines off its end leaves the marker line's own text.
 */
export function reviewFirstLine(rec: ParsedRecord, a: Annotation): string {
  const more = rec.text.slice(a.start, a.end).split(/\r\n|\n|\r/).slice(1).map((l) => l.replace(/^[ \t]*>[ \t]?/, '').trim());
  const rest = more.join(' ').replace(/\s+/g, ' ').trim();
  const comment = a.comment.replace(/\s+/g, ' ').trim();
  const lead = rest && comment.endsWith(rest) ? comment.slice(0, comment.length - rest.length).trim() : rest ? '' : comment;
  return clip(lead || more.find(Boolean) || comment);
}
