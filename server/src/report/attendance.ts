import type { MemberFacts } from '../core/context';
import type { AttendanceMatrix, AttendanceSession, AttendanceState } from './types';

/** One session note's attendance as written: undefined lists when the note records none. */
export interface NoteAttendance {
  path: string;
  rel: string;
  label: string;
  session?: number;
  date?: string;
  present?: readonly string[];
  absent?: readonly string[];
}

/**
 * Members × sessions. What the note says wins: a member listed present before their `joined`
 * date is shown present. A note with a present list counts a member it does not list as absent;
 * a note with no attendance at all leaves its column unrecorded. Ids the roster lacks get rows of
 * their own, known only where a note lists them. Only ids and initials are kept:
 * a roster `name` must never reach a report.
 */
export function attendanceMatrix(roster: readonly MemberFacts[], notes: readonly NoteAttendance[]): AttendanceMatrix {
  const known = new Set(roster.map((m) => m.id));
  const strangers = new Set<string>();
  for (const n of notes) for (const id of [...(n.present ?? []), ...(n.absent ?? [])]) if (!known.has(id)) strangers.add(id);
  const rows: Array<{ id: string; initials?: string; onRoster: boolean; joined?: string; left?: string }> = [
    ...roster.map((m) => ({ id: m.id, ...(m.initials ? { initials: m.initials } : {}), onRoster: true, joined: m.joined, left: m.left })),
    ...[...strangers].sort().map((id) => ({ id, onRoster: false })),
  ];
  const sessions: AttendanceSession[] = notes.map((n) => ({
    path: n.path, rel: n.rel, label: n.label,
    ...(n.session !== undefined ? { session: n.session } : {}), ...(n.date ? { date: n.date } : {}),
    present: new Set(n.present ?? []).size, recorded: n.present !== undefined || n.absent !== undefined,
  }));
  const cells = rows.map((m) => notes.map((n) => stateOf(m, n)));
  const members = rows.map((m, i) => ({
    id: m.id, ...(m.initials ? { initials: m.initials } : {}), onRoster: m.onRoster,
    attended: cells[i].filter((c) => c === 'present').length,
    expected: cells[i].filter((c) => (m.onRoster ? c !== 'not-joined' && c !== 'left' : c === 'present' || c === 'absent')).length,
  }));
  return { members, sessions, cells };
}

function stateOf(m: { id: string; onRoster: boolean; joined?: string; left?: string }, n: NoteAttendance): AttendanceState {
  if (n.present?.includes(m.id)) return 'present';
  if (n.absent?.includes(m.id)) return 'absent';
  // An id missing from the roster has no joining date: only what a note says of it is known.
  if (!m.onRoster) return 'unrecorded';
  // ISO dates compare as strings.
  if (n.date && m.joined && n.date < m.joined) return 'not-joined';
  if (n.date && m.left && n.date > m.left) return 'left';
  return n.present !== undefined ? 'absent' : 'unrecorded';
}
