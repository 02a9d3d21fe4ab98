import type { Catalogue } from '../catalogue';
import type { GroupFacts } from '../context';
import type { Finding } from '../findings';
import { describeIdentifier, findIdentifiers } from '../privacy';
import type { ParsedRecord } from '../record';

type Emit = (f: Omit<Finding, 'severity'>) => void;

/**
 * privacy.identifier over the body and over the front-matter fields that hold an element's prose
 * (`next_steps: Call … at 555-…`); the other fields hold workers' names, ids and dates.
 */
export function checkPrivacy(rec: ParsedRecord, cat: Catalogue, group: GroupFacts | undefined, allow: readonly string[], emit: Emit): void {
  const names = (group?.members ?? []).filter((m) => m.name).map((m) => ({ full: m.name! }));
  const end = rec.truncatedAt ?? rec.text.length;
  const prose = new Set([...cat.elements.values()].flatMap((e) => e.fields).filter((f) => f !== 'attendance'));
  const ranges: Array<[number, number]> = [];
  for (const [key, entry] of rec.fields) if (prose.has(key) && typeof entry.value === 'string') ranges.push([entry.valueSpan.start, entry.valueSpan.end]);
  ranges.push([rec.bodyStart, end]);
  for (const hit of ranges.flatMap(([from, to]) => findIdentifiers(rec.text, from, to, { allow, names }))) {
    emit({
      ruleId: 'privacy.identifier', span: { start: hit.start, end: hit.end },
      message: `This looks like ${describeIdentifier(hit.kind)}. Records should refer to members by roster id (e.g. @M03), not by details that identify them; if this is the agency's own published contact, add it to \`privacy.allow\` in .group-records.yaml.`,
    });
  }
}
