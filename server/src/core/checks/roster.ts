import type { GroupFacts, RecordFacts } from '../context';
import type { Finding } from '../findings';
import { itemSpans, mapEntries } from '../frontmatter';
import type { ParsedRecord } from '../record';
import { didYouMean } from '../suggest';

type Emit = (f: Omit<Finding, 'severity'>) => void;

/** attendance.unknown-member and consent.missing, on the attendance entry of the member concerned. */
export function checkRoster(rec: ParsedRecord, facts: RecordFacts, group: GroupFacts | undefined, emit: Emit): void {
  const entry = rec.fields.get('attendance');
  if (!group || !entry?.node || !rec.frontMatter || rec.kind !== 'session-note') return;
  const base = rec.frontMatter.contentStart;
  const roster = new Map(group.members.map((m) => [m.id, m]));
  const ids = [...roster.keys()];
  for (const list of mapEntries(entry.node, base)) {
    if (list.key !== 'present' && list.key !== 'absent') continue;
    for (const item of itemSpans(list.node, base)) {
      const id = String(item.value);
      const member = roster.get(id);
      if (!member) {
        const hint = didYouMean(id, ids);
        emit({
          ruleId: 'attendance.unknown-member', span: item.span,
          message: `\`${id}\` is not on the roster of \`${group.id}\`${hint ? `: did you mean \`${hint}\`?` : ` (members: ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ', …' : ''}).`}`,
          fixes: hint ? [{ title: `Change to \`${hint}\``, edits: [{ ...item.span, newText: hint }], preferred: true }] : undefined,
        });
        continue;
      }
      if (list.key !== 'present' || !facts.date) continue;
      if (!member.consent) {
        emit({ ruleId: 'consent.missing', span: item.span, message: `\`${id}\` was present but the roster records no consent date for them (II.A.5, VI.A.2): record when informed consent was given.` });
      } else if (member.consent > facts.date) {
        emit({ ruleId: 'consent.missing', span: item.span, message: `\`${id}\` was present on ${facts.date}, but their consent is dated ${member.consent}, after this session (II.A.5, VI.A.2).` });
      }
    }
  }
}
