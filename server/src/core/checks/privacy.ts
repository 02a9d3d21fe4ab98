import type { GroupFacts } from '../context';
import type { Finding } from '../findings';
import { describeIdentifier, findIdentifiers } from '../privacy';
import type { ParsedRecord } from '../record';

type Emit = (f: Omit<Finding, 'severity'>) => void;

/** privacy.identifier over the body (front matter holds workers' names and ids, not members'). */
export function checkPrivacy(rec: ParsedRecord, group: GroupFacts | undefined, allow: readonly string[], emit: Emit): void {
  const names = (group?.members ?? []).filter((m) => m.name).map((m) => ({ full: m.name! }));
  const end = rec.truncatedAt ?? rec.text.length;
  for (const hit of findIdentifiers(rec.text, rec.bodyStart, end, { allow, names })) {
    emit({
      ruleId: 'privacy.identifier', span: { start: hit.start, end: hit.end },
      message: `This looks like ${describeIdentifier(hit.kind)}. Records should refer to members by roster id (e.g. @M03), not by details that identify them; if this is the agency's own published contact, add it to \`privacy.allow\` in .group-records.yaml.`,
    });
  }
}
