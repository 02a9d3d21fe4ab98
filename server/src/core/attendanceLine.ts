import type { ParsedRecord, Section } from './record';
import type { Span } from './text';

const ID = /(?<![\w#-])@?([A-Z]{1,3}\d{1,4})(?![\w-])/g;
const ABSENT = /\b(?:absent|absences?|apologies|not present|excused|missing)\b/i;
/** Words an attendance line may hold besides ids; anything else is the user's prose, which is never deleted. */
const FILLER = /\b(?:and|all|members?|present|absent|absences?|apologies|none|no|nobody|plus|only|were|was|excused|today)\b/gi;

/** Member ids written in an attendance line or section: after an "absent"/"apologies" word they are absent. */
export function attendanceIds(text: string, label = ''): { present: string[]; absent: string[] } {
  const labelAbsent = ABSENT.test(label) && !/present|attend/i.test(label);
  const present: string[] = [];
  const absent: string[] = [];
  const seen = new Set<string>();
  const add = (part: string, list: string[]) => {
    for (const m of part.matchAll(ID)) if (!seen.has(m[1])) { seen.add(m[1]); list.push(m[1]); }
  };
  for (const line of stripComments(text).split(/\r\n|\n|\r/)) {
    const k = ABSENT.exec(line);
    add(k ? line.slice(0, k.index) : line, labelAbsent ? absent : present);
    if (k) add(line.slice(k.index), absent);
  }
  return { present, absent };
}

/**
 * The text a quick fix may delete when it moves body attendance into the front matter: a label
 * (`Present: M01, M02`) whose paragraph is that one line and holds nothing but ids and filler
 * words. The span runs to the next line's start, and over one following blank line when the line
 * stood between blank lines, so no gap of two blank lines is left. Otherwise undefined: the
 * section stays, and the fix only inserts.
 */
export function attendanceLine(rec: ParsedRecord, s: Section): Span | undefined {
  const { text, lines } = rec;
  if (s.heading.depth !== 7) return undefined;
  const line = lines.lineOf(s.heading.start);
  const start = lines.lineStart(line);
  if (!/^[ \t]{0,3}$/.test(text.slice(start, s.heading.start))) return undefined;
  const nextStart = (l: number) => (l + 1 < lines.lineCount ? lines.lineStart(l + 1) : text.length);
  const blank = (l: number) => l >= lines.lineCount || /^[ \t]*$/.test(text.slice(lines.lineStart(l), lines.lineEnd(l)));
  let end = nextStart(line);
  if (end < s.end && !blank(line + 1)) return undefined; // the paragraph goes on: not a line of its own
  const content = stripComments(text.slice(s.heading.contentStart, lines.lineEnd(line)));
  if (!content.match(ID)) return undefined;
  const rest = content.replace(ID, ' ').replace(FILLER, ' ');
  if (/[\p{L}\p{N}]/u.test(rest)) return undefined;
  const prevBlank = line === 0 || blank(line - 1) || start <= rec.bodyStart;
  if (prevBlank && end < text.length && blank(line + 1)) end = nextStart(line + 1);
  return { start, end };
}

function stripComments(s: string): string {
  return s.replace(/<!--[^]*?-->/g, ' ');
}
