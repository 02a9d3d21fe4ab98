import type { Catalogue } from '../core/catalogue';
import { applicable, type GroupFacts, type RecordFacts } from '../core/context';
import type { Phase, RecordKind } from '../core/schema/catalogue';
import { expandSnippet } from '../core/skeleton';

export interface NewRecordInput {
  kind: RecordKind;
  /** YYYY-MM-DD: the record's date. */
  date: string;
  group?: GroupFacts;
  /** The session number a new note takes (the index's next session). */
  session?: number;
  /** Planned number of sessions, when the profile's schedule says. */
  plannedSessions?: number;
  author?: string;
}

export interface NewRecord {
  /** Suggested path relative to the group's folder (notes go in `notes/`, as in the sample). */
  fileName: string;
  text: string;
}

const TITLES: Record<RecordKind, string> = { plan: 'Group plan', contract: 'Group contract', 'session-note': 'Session', 'ending-summary': 'Ending summary' };

/**
 * A new record with its front matter filled from the group profile (group, date, next session,
 * phase, attendance from the current roster) and the sections asked for as required or recommended, each
 * from the catalogue's skeleton. Member ids only: never names.
 */
export function newRecord(cat: Catalogue, input: NewRecordInput): NewRecord {
  const { kind, date, group } = input;
  const session = kind === 'session-note' ? Math.max(1, input.session ?? 1) : undefined;
  const phase = session !== undefined ? phaseFor(session, input.plannedSessions) : undefined;
  const present = (group?.members ?? []).filter((m) => (!m.joined || m.joined <= date) && (!m.left || m.left > date)).map((m) => m.id);
  const fm = ['---', `record: ${kind}`];
  if (group) fm.push(`group: ${group.id}`);
  fm.push(`date: ${date}`);
  if (input.author) fm.push(`author: ${JSON.stringify(input.author)}`);
  if (session !== undefined) {
    fm.push(`session: ${session}`, `phase: ${phase}`);
    fm.push(`attendance:`, `  present: [${present.join(', ')}]`, `  absent: []`);
  }
  fm.push('status: draft', '---');
  const title = session !== undefined ? `# Session ${session} — ${date}` : `# ${TITLES[kind]}${group?.name ? ` — ${group.name}` : ''}`;
  const facts: RecordFacts = { phase, session, date, present, group };
  const sections: string[] = [];
  for (const e of cat.kinds.get(kind)?.elements ?? []) {
    const a = applicable(e, facts);
    if ((a?.level !== 'required' && a?.level !== 'recommended') || (e.frontMatterOnly && e.fields.length)) continue;
    if (e.fields.some((f) => f === 'attendance')) continue; // written in the front matter above
    sections.push(expandSnippet(e.skeleton).trim());
  }
  const text = [...fm, '', title, '', ...sections.flatMap((s) => [s, ''])].join('\n');
  return { fileName: fileNameFor(kind, date, session), text };
}

function phaseFor(session: number, planned: number | undefined): Phase {
  if (session === 1) return 'beginning';
  if (planned && session >= planned - 1) return 'ending';
  return 'middle';
}

function fileNameFor(kind: RecordKind, date: string, session: number | undefined): string {
  if (kind === 'session-note') return `notes/${date}-session-${String(session ?? 1).padStart(2, '0')}.md`;
  return kind === 'ending-summary' ? 'ending-summary.md' : `${kind}.md`;
}
