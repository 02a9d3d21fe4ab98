import assert from 'node:assert/strict';
import { crossRecordFindings, type GroupInput } from '../../server/src/core/cross';
import type { Catalogue } from '../../server/src/core/catalogue';
import { goalRefList, packGoalRefs, type Located, type RecordSummary } from '../../server/src/core/summary';
import { LineIndex } from '../../server/src/core/text';
import { checkRecordFile } from '../../server/src/workspace/checkFile';
import { ProfileSet } from '../../server/src/workspace/profiles';
import { cat, DEFAULT_GROUP } from '../helpers';

/** A location on line `line` (0-based), for summaries written by hand. */
const loc = (line: number, start = line * 100): Located => ({ start, end: start + 3, range: { start: { line, character: 0 }, end: { line, character: 3 } } });

interface NoteSpec { path: string; kind?: RecordSummary['kind']; session?: number; date?: string; refs?: string[]; goals?: string[]; silenced?: Array<'session' | 'date' | 'title' | 'refs'> }

function sum(s: NoteSpec): RecordSummary {
  const off = (k: NonNullable<NoteSpec['silenced']>[number]) => (s.silenced?.includes(k) ? { silenced: true as const } : {});
  return {
    path: s.path, kind: s.kind ?? 'session-note', groupId: 'g', title: { ...loc(8), ...off('title') },
    ...(s.session !== undefined ? { session: { ...loc(5), value: s.session, ...off('session') } } : {}),
    ...(s.date !== undefined ? { date: { ...loc(3), value: s.date, ...off('date') } } : {}),
    goals: (s.goals ?? []).map((id, i) => ({ ...loc(10 + i), id, text: `goal ${id}` })),
    goalRefs: packGoalRefs((s.refs ?? []).map((id, i) => ({ ...loc(20 + i), id, ...off('refs') }))),
    reviewers: [],
  };
}

const PROFILE = { path: '/w/g/group.yaml', idAt: loc(0, 4) };
const CONTRACT = { path: '/w/g/contract.md', kind: 'contract' as const, date: '2027-01-03', goals: ['G1', 'G2', 'M01-G1'] };

function run(records: NoteSpec[], opts: Partial<GroupInput> = {}, catalogue: Catalogue = cat()) {
  return crossRecordFindings({ id: 'g', profile: PROFILE, records: records.map(sum), ...opts }, catalogue);
}
const brief = (fs: ReturnType<typeof run>) => fs.map((f) => `${f.file.replace('/w/g/', '')}:${f.ruleId}`).sort();

describe('cross-record rules', () => {
  describe('sessions.duplicate', () => {
    it('sits on the later note, at its session value, pointing at the other note', () => {
      const fs = run([CONTRACT, { path: '/w/g/b.md', session: 2, date: '2027-01-17' }, { path: '/w/g/a.md', session: 2, date: '2027-01-24' }]);
      assert.deepEqual(brief(fs), ['a.md:sessions.duplicate']);
      const f = fs[0];
      assert.equal(f.severity, 'error');
      assert.deepEqual(f.range, loc(5).range);
      assert.equal(f.related?.[0].file, '/w/g/b.md');
      assert.match(f.message, /Session 2 is already recorded in `b\.md` \(2027-01-17\)/);
      assert.match(f.message, /own session number/);
    });
    it('takes the path when the dates are equal, and counts an undated note as the later one', () => {
      assert.deepEqual(brief(run([CONTRACT, { path: '/w/g/b.md', session: 3, date: '2027-01-17' }, { path: '/w/g/a.md', session: 3, date: '2027-01-17' }])), ['b.md:sessions.duplicate']);
      assert.deepEqual(brief(run([CONTRACT, { path: '/w/g/a.md', session: 3 }, { path: '/w/g/b.md', session: 3, date: '2027-01-17' }])), ['a.md:sessions.duplicate']);
    });
    it('flags every note after the first of three', () => {
      assert.deepEqual(brief(run([CONTRACT, ...['x', 'y', 'z'].map((n, i) => ({ path: `/w/g/${n}.md`, session: 1, date: `2027-01-1${i}` }))])), ['y.md:sessions.duplicate', 'z.md:sessions.duplicate']);
    });
    it('ignores notes without a valid session, and other record kinds', () => {
      assert.deepEqual(brief(run([CONTRACT, { path: '/w/g/a.md', date: '2027-01-10' }, { path: '/w/g/b.md', date: '2027-01-10' }, { path: '/w/g/p.md', kind: 'plan', date: '2027-01-10' }])), []);
    });
    it('is silenced by a disable comment at the session value', () => {
      assert.deepEqual(brief(run([CONTRACT, { path: '/w/g/a.md', session: 1, date: '2027-01-10' }, { path: '/w/g/b.md', session: 1, date: '2027-01-17', silenced: ['session'] }])), []);
    });
  });

  describe('sessions.order', () => {
    it('flags a note dated before the note of the session before it, at its date', () => {
      const fs = run([CONTRACT, { path: '/w/g/1.md', session: 1, date: '2027-01-10' }, { path: '/w/g/2.md', session: 2, date: '2027-01-24' }, { path: '/w/g/3.md', session: 3, date: '2027-01-17' }]);
      assert.deepEqual(brief(fs), ['3.md:sessions.order']);
      assert.equal(fs[0].severity, 'warning');
      assert.deepEqual(fs[0].range, loc(3).range);
      assert.match(fs[0].message, /Session 3 is dated 2027-01-17, before session 2 \(2027-01-24, `2\.md`\)/);
      assert.equal(fs[0].related?.[0].file, '/w/g/2.md');
    });
    it('compares with the previous numbered note even across a gap, and allows equal dates', () => {
      assert.deepEqual(brief(run([CONTRACT, { path: '/w/g/1.md', session: 1, date: '2027-01-10' }, { path: '/w/g/4.md', session: 4, date: '2027-01-09' }, { path: '/w/g/5.md', session: 5, date: '2027-01-09' }])), ['4.md:sessions.order']);
    });
    it('leaves out undated notes and later duplicates', () => {
      assert.deepEqual(brief(run([CONTRACT, { path: '/w/g/1.md', session: 1, date: '2027-01-10' }, { path: '/w/g/2.md', session: 2 }, { path: '/w/g/3.md', session: 3, date: '2027-01-17' }])), []);
      // The second note of session 2 is a duplicate; it does not also count as out of order.
      assert.deepEqual(brief(run([CONTRACT, { path: '/w/g/1.md', session: 1, date: '2027-01-10' }, { path: '/w/g/2.md', session: 2, date: '2027-01-17' }, { path: '/w/g/2b.md', session: 2, date: '2027-01-18' }, { path: '/w/g/3.md', session: 3, date: '2027-01-24' }])), ['2b.md:sessions.duplicate']);
    });
  });

  describe('group.no-contract', () => {
    it('sits on the profile id when the group has notes and no contract', () => {
      const fs = run([{ path: '/w/g/1.md', session: 1, date: '2027-01-10' }, { path: '/w/g/2.md', session: 2, date: '2027-01-17' }]);
      assert.deepEqual(brief(fs), ['group.yaml:group.no-contract']);
      assert.deepEqual(fs[0].span, { start: 4, end: 7 });
      assert.equal(fs[0].severity, 'warning');
      assert.match(fs[0].message, /Group `g` has 2 session notes but no contract.*record: contract/);
    });
    it('sits on the title of the earliest note (by date) when there is no profile', () => {
      const fs = run([{ path: '/w/g/a.md', session: 2, date: '2027-01-17' }, { path: '/w/g/b.md', session: 1, date: '2027-01-10' }], { profile: undefined });
      assert.deepEqual(brief(fs), ['b.md:group.no-contract']);
      assert.deepEqual(fs[0].range, loc(8).range);
      assert.match(fs[0].message, /`group: g`/);
    });
    it('is not reported without session notes, or with a contract', () => {
      assert.deepEqual(brief(run([{ path: '/w/g/p.md', kind: 'plan', date: '2027-01-01' }])), []);
      assert.deepEqual(brief(run([CONTRACT, { path: '/w/g/1.md', session: 1, date: '2027-01-10' }])), []);
    });
  });

  describe('goals.unknown', () => {
    it('flags each reference to a goal no contract of the group defines, at the reference', () => {
      const fs = run([CONTRACT, { path: '/w/g/1.md', session: 1, date: '2027-01-10', refs: ['G1', 'G3', 'M01-G1', 'M01-G2', 'M07-G1'] }]);
      assert.deepEqual(fs.map((f) => f.message.slice(0, 9)), ['`#G3` is ', '`#M01-G2`', '`#M07-G1`']);
      assert.deepEqual(fs[0].range, loc(21).range);
      assert.equal(fs[0].severity, 'warning');
      assert.match(fs[0].message, /the contract defines G1, G2\b/);
      assert.match(fs[1].message, /M01's goals in the contract are M01-G1/);
      assert.match(fs[2].message, /defines no goal for M07/);
      assert.equal(fs[0].related?.[0].file, '/w/g/contract.md');
    });
    it('takes the goals of every contract of the group together', () => {
      assert.deepEqual(brief(run([CONTRACT, { path: '/w/g/c2.md', kind: 'contract', date: '2027-02-01', goals: ['G3'] }, { path: '/w/g/1.md', session: 1, date: '2027-01-10', refs: ['G3'] }])), []);
    });
    it('checks nothing without a contract (group.no-contract says what to do)', () => {
      assert.deepEqual(brief(run([{ path: '/w/g/1.md', session: 1, date: '2027-01-10', refs: ['G9'] }])), ['group.yaml:group.no-contract']);
    });
    it('explains ids when the contract defines no goal with one', () => {
      const fs = run([{ ...CONTRACT, goals: [] }, { path: '/w/g/1.md', session: 1, date: '2027-01-10', refs: ['G1'] }]);
      assert.match(fs[0].message, /defines no goals with ids.*`G1: …`/);
    });
    it('is silenced by a disable comment at the reference', () => {
      assert.deepEqual(brief(run([CONTRACT, { path: '/w/g/1.md', session: 1, date: '2027-01-10', refs: ['G9'], silenced: ['refs'] }])), []);
    });
  });

  it('takes severities from the catalogue', () => {
    const base = cat();
    const rules = new Map(base.rules);
    rules.set('sessions.order', { ...rules.get('sessions.order')!, severity: 'error' });
    const fs = run([CONTRACT, { path: '/w/g/1.md', session: 1, date: '2027-01-10' }, { path: '/w/g/2.md', session: 2, date: '2027-01-01' }], {}, { ...base, rules });
    assert.equal(fs[0].severity, 'error');
  });
});

describe('record summary (checkRecordFile)', () => {
  const NOTE = `---
record: session-note
date: 2027-01-17
session: 2
phase: middle
attendance: { present: [M01], absent: [] }
---

# Session 2 — notes

Work on #G1 and #M01-G1, not #GriefIsNotLinear or \`#G9\`.

<!-- group-records-disable-next-line goals.unknown -->
Also #G7.

> [!REVIEW] @kchen 2027-01-18 Say more.
`;
  const profiles = new ProfileSet();
  profiles.add('/w/g/group.yaml', DEFAULT_GROUP);
  const check = (text: string, path = '/w/g/note.md') => checkRecordFile(path, { text }, cat(), profiles);

  it('holds the fields, spans and ranges the cross-record rules need', () => {
    const s = check(NOTE).summary;
    const lines = new LineIndex(NOTE);
    assert.equal(s.kind, 'session-note');
    assert.equal(s.groupId, 'fixture-group');
    assert.equal(s.profilePath, '/w/g/group.yaml');
    assert.equal(s.session?.value, 2);
    assert.equal(NOTE.slice(s.session!.start, s.session!.end), '2');
    assert.equal(NOTE.slice(s.date!.start, s.date!.end), '2027-01-17');
    assert.deepEqual(s.date!.range.start, lines.positionAt(s.date!.start));
    assert.equal(NOTE.slice(s.title.start, s.title.end), '# Session 2 — notes');
    assert.deepEqual(goalRefList(s.goalRefs).map((r) => [r.id, NOTE.slice(r.start, r.end), !!r.silenced]), [['G1', '#G1', false], ['M01-G1', '#M01-G1', false], ['G7', '#G7', true]]);
    assert.deepEqual(s.reviewers, ['kchen']);
    assert.deepEqual(s.goals, []);
  });

  it('is plain data that survives structured cloning', () => {
    const s = check(NOTE).summary;
    assert.deepEqual(structuredClone(s), s);
  });

  it('lists a contract\'s goals with their text', () => {
    const s = check('---\nrecord: contract\ndate: 2027-01-03\n---\n\n# Contract\n\n## Goals\n\n- G1: Come every week.\n- **M01-G1:** Speak once.\n').summary;
    assert.deepEqual(s.goals.map((g) => [g.id, g.member, g.text]), [['G1', undefined, 'Come every week.'], ['M01-G1', 'M01', 'Speak once.']]);
  });

  it('takes the group from `group:` when no profile governs, and leaves out invalid sessions and dates', () => {
    const s = check('---\nrecord: session-note\ngroup: elsewhere\ndate: 2027-02-30\nsession: two\nphase: middle\n---\n# T\n', '/other/note.md').summary;
    assert.equal(s.groupId, 'elsewhere');
    assert.equal(s.profilePath, undefined);
    assert.equal(s.session, undefined);
    assert.equal(s.date, undefined);
  });

  it('marks the title silenced by a record-wide disable of group.no-contract', () => {
    const s = check(NOTE.replace('# Session 2 — notes', '<!-- group-records-disable group.no-contract -->\n\n# Session 2 — notes')).summary;
    assert.equal(s.title.silenced, true);
  });
});
