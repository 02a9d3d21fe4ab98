import type { Catalogue } from './catalogue';
import type { GroupFacts } from './context';
import type { Severity } from './schema/catalogue';
import { goalRefList, type Located, type LocatedFinding, type RecordSummary } from './summary';

/** One group as the cross-record rules see it: its profile (if any) and the summaries of its records. */
export interface GroupInput {
  /** The profile's id, or the `group:` value the records share when there is no profile. */
  id?: string;
  profile?: { path: string; facts?: GroupFacts; /** The `id` value in group.yaml, or line 1. */ idAt: Located };
  records: readonly RecordSummary[];
}

/** A cross-record finding and the file it sits in. */
export interface CrossFinding extends LocatedFinding { file: string }

type Note = RecordSummary & { session: NonNullable<RecordSummary['session']> };

/**
 * sessions.duplicate, sessions.order, group.no-contract and goals.unknown for one group (spec §5),
 * each in the file that holds the offending field or text. Pure: summaries in, findings out.
 */
export function crossRecordFindings(group: GroupInput, cat: Catalogue): CrossFinding[] {
  const out: CrossFinding[] = [];
  const severity = (id: string): Severity => cat.rules.get(id)?.severity ?? 'warning';
  const name = group.id ? `\`${group.id}\`` : 'this group';
  const notes = group.records.filter((r) => r.kind === 'session-note');
  const contracts = group.records.filter((r) => r.kind === 'contract').sort(byDateThenPath);

  // sessions.duplicate: the earliest note keeps the number; each later one is flagged.
  const byNumber = new Map<number, Note[]>();
  for (const n of notes) {
    if (!n.session) continue;
    const list = byNumber.get(n.session.value);
    if (list) list.push(n as Note); else byNumber.set(n.session.value, [n as Note]);
  }
  const firsts: Note[] = [];
  for (const [num, list] of byNumber) {
    list.sort(byDateThenPath);
    const first = list[0];
    firsts.push(first);
    for (const later of list.slice(1)) {
      if (later.session.silenced) continue;
      out.push({
        file: later.path, ruleId: 'sessions.duplicate', severity: severity('sessions.duplicate'), span: span(later.session), range: later.session.range,
        message: `Session ${num} is already recorded in ${shown(later.path, first.path)} (${first.date?.value ?? 'undated'}). Give this note its own session number, or merge the two notes if they describe the same meeting.`,
        related: [{ file: first.path, span: span(first.session), range: first.session.range, message: `session ${num} is recorded first here` }],
      });
    }
  }

  // sessions.order: in number order, each dated note against the dated note before it.
  const dated = firsts.filter((n) => n.date).sort((a, b) => a.session.value - b.session.value);
  for (let i = 1; i < dated.length; i++) {
    const prev = dated[i - 1], n = dated[i];
    if (n.date!.value >= prev.date!.value || n.date!.silenced) continue;
    out.push({
      file: n.path, ruleId: 'sessions.order', severity: severity('sessions.order'), span: span(n.date!), range: n.date!.range,
      message: `Session ${n.session.value} is dated ${n.date!.value}, before session ${prev.session.value} (${prev.date!.value}, ${shown(n.path, prev.path)}). Correct the date or the session number.`,
      related: [{ file: prev.path, span: span(prev.date!), range: prev.date!.range, message: `session ${prev.session.value} is dated ${prev.date!.value}` }],
    });
  }

  // group.no-contract: on group.yaml, or on the earliest note when the group has no profile.
  if (notes.length && !contracts.length) {
    const count = `${notes.length} session note${notes.length === 1 ? '' : 's'}`;
    const advice = 'Record the contract agreed with members in the beginning phase — purpose, goals, tasks, roles, confidentiality and its limits (III.A.1) — as a `record: contract` file';
    if (group.profile) {
      out.push({
        file: group.profile.path, ruleId: 'group.no-contract', severity: severity('group.no-contract'), span: span(group.profile.idAt), range: group.profile.idAt.range,
        message: `Group ${name} has ${count} but no contract. ${advice} in this group's folder; goal references in notes are checked against it.`,
      });
    } else {
      const earliest = [...notes].sort(byDateThenPath)[0];
      if (!earliest.title.silenced) {
        out.push({
          file: earliest.path, ruleId: 'group.no-contract', severity: severity('group.no-contract'), span: span(earliest.title), range: earliest.title.range,
          message: `Group ${name} has ${count} but no contract (shown on its earliest note). ${advice} with \`group: ${group.id ?? '…'}\`; goal references in notes are checked against it.`,
        });
      }
    }
  }

  // goals.unknown: only against a contract; without one, group.no-contract says what to do.
  if (contracts.length) {
    const defined = new Set(contracts.flatMap((c) => c.goals.map((g) => g.id)));
    const anchor = contracts.find((c) => c.goals.length) ?? contracts[0];
    const at = anchor.goals[0] ?? anchor.title;
    for (const r of group.records) {
      for (const ref of goalRefList(r.goalRefs)) {
        if (defined.has(ref.id) || ref.silenced) continue;
        out.push({
          file: r.path, ruleId: 'goals.unknown', severity: severity('goals.unknown'), span: span(ref), range: ref.range,
          message: unknownGoalMessage(ref.id, defined, name),
          related: [{ file: anchor.path, span: span(at), range: at.range, message: defined.size ? 'the goals the contract defines' : 'the contract' }],
        });
      }
    }
  }
  return out;
}

function unknownGoalMessage(id: string, defined: ReadonlySet<string>, group: string): string {
  if (!defined.size) {
    return `The contract of ${group} defines no goals with ids, so \`#${id}\` refers to nothing. Write the contract's goals as list items that start with their id (\`G1: …\` for group goals, \`M01-G1: …\` for a member's), then refer to them from notes.`;
  }
  // A member's reference is best answered with that member's goals; a group goal's with the group goals.
  const member = /^(.*)-G\d+$/.exec(id)?.[1];
  const same = [...defined].filter((g) => (member ? g.startsWith(`${member}-G`) : !g.includes('-')));
  const list = (same.length ? same : [...defined]).sort(goalOrder);
  const shownList = list.slice(0, 10).join(', ') + (list.length > 10 ? ', …' : '');
  const which = member ? (same.length ? `${member}'s goals in the contract are` : `the contract defines no goal for ${member}; it defines`) : 'the contract defines';
  return `\`#${id}\` is not a goal of ${group}'s contract (${which} ${shownList}). Add ${id} to the contract's goals if the group agreed it, or correct the reference.`;
}

function goalOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** Date first (undated last), then path: "the later note" of spec §5. */
function byDateThenPath(a: RecordSummary, b: RecordSummary): number {
  const da = a.date?.value, db = b.date?.value;
  if (da !== db) return da === undefined ? 1 : db === undefined ? -1 : da < db ? -1 : 1;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function span(l: Located): { start: number; end: number } {
  return { start: l.start, end: l.end };
}

/** `other` as a reader of `from` finds it: the part of its path below their common folder, in backticks. */
function shown(from: string, other: string): string {
  const a = from.split(/[\\/]/), b = other.split(/[\\/]/);
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
  return `\`${b.slice(i).join('/')}\``;
}
