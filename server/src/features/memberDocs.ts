import type { GroupFacts, MemberFacts } from '../core/context';

/*
 * Members are shown by id, initials and roster facts. A roster `name` is never read here:
 * whatever an editor shows can end up pasted into a record.
 */

/** One line: initials and joined date. */
export function memberDetail(m: MemberFacts): string {
  const bits = [m.initials ?? 'no initials', m.joined ? `joined ${m.joined}` : undefined, m.left ? `left ${m.left}` : undefined];
  return bits.filter(Boolean).join(' · ');
}

export function memberMarkdown(m: MemberFacts, date?: string): string {
  const rows = [
    `**${m.id}**${m.initials ? ` · ${m.initials}` : ''}`,
    '',
    `- Joined: ${m.joined ?? '—'}`,
    ...(m.left ? [`- Left: ${m.left}`] : []),
    `- Mandated: ${m.mandated ? 'yes' : 'no'}`,
    `- Consent: ${m.consent ?? 'no consent date recorded'}${consentNote(m, date)}`,
    `- Needs: ${m.needs.length ? m.needs.join(', ') + ' (attend to them, IV.A.1.f)' : 'none listed'}`,
  ];
  return rows.join('\n');
}

function consentNote(m: MemberFacts, date: string | undefined): string {
  if (!date) return '';
  if (!m.consent) return ' — needed before a session they attend';
  return m.consent > date ? ` — after this record's date (${date})` : '';
}

export function unknownMemberMarkdown(id: string, group: GroupFacts | undefined): string {
  return group
    ? `**${id}** is not in the roster of \`${group.id}\`: add the member to its group.yaml, or correct the id.`
    : `**${id}**: no group profile (group.yaml) governs this record, so the roster cannot be shown.`;
}

/** Whether the member belongs to the group on the record's date (for ordering, not for hiding). */
export function currentOn(m: MemberFacts, date: string | undefined): boolean {
  if (!date) return !m.left;
  return (!m.joined || m.joined <= date) && (!m.left || m.left >= date);
}
