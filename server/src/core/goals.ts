import type { ParsedRecord } from './record';
import type { Span } from './text';

export interface GoalDef extends Span { id: string; member?: string; text: string }
export interface GoalRef extends Span { id: string }

// `- G1: …`, `- **G1** …`, `- **M01-G1:** …`, `- G2 – …`
const DEF = /^[ \t]*(?:\*\*|__)?((?:([A-Za-z][A-Za-z0-9]*)-)?G\d+)(?:(?:\*\*|__)[ \t]*[:.)\u2013\u2014-]?|[ \t]*(?:\*\*|__)?[ \t]*[:.)\u2013\u2014-])[ \t]*/;

/** Goals defined as list items (spec §5: `G1:` group goals, `M01-G1:` a member's goal). */
export function goalDefinitions(rec: ParsedRecord): GoalDef[] {
  const out: GoalDef[] = [];
  for (const li of rec.outline.listItems) {
    const line = rec.text.slice(li.start, Math.min(li.end, li.start + 400));
    const m = DEF.exec(line);
    if (!m) continue;
    const at = li.start + line.indexOf(m[1]);
    out.push({ id: m[1], member: m[2], start: at, end: at + m[1].length, text: line.slice(m[0].length).split(/\r?\n/)[0].trim() });
  }
  return out;
}

const REF = /(?<![\p{L}\p{N}_&/#])#((?:[A-Za-z][A-Za-z0-9]*-)?G\d+)(?![\p{L}\p{N}_-])/gu;

/** `#G1` / `#M01-G1` references in the body, outside code. `#GriefIsNotLinear` is a hashtag, not a reference. */
export function goalReferences(rec: ParsedRecord): GoalRef[] {
  const out: GoalRef[] = [];
  const end = rec.truncatedAt ?? rec.text.length;
  const body = rec.text.slice(rec.bodyStart, end);
  const code = rec.outline.code;
  for (const m of body.matchAll(REF)) {
    const start = rec.bodyStart + m.index!;
    if (code.some((c) => start >= c.start && start < c.end)) continue;
    out.push({ id: m[1], start, end: start + m[0].length });
  }
  return out;
}
