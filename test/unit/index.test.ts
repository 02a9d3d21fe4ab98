import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkRecordFile } from '../../server/src/workspace/checkFile';
import { toCheckedRecord, WorkspaceIndex } from '../../server/src/workspace/index';
import { ProfileSet } from '../../server/src/workspace/profiles';
import { cat } from '../helpers';
import {
  actualFindings, caseNames, expectedFindings, freshIndex, rangeProblems, readFolder, reader, snapshot, WORKSPACE_FIXTURES, type Disk,
} from '../workspace';

/**
 * One folder per case under test/fixtures/workspace: every file is loaded into one index, and
 * its findings must be exactly the ones marked inline (`<!-- expect: rule -->`, `# expect: rule`,
 * `rule=severity` to pin the severity), on the line where each starts — no more, no fewer.
 */
describe('workspace fixtures', () => {
  for (const name of caseNames()) {
    it(name, () => {
      const base = join(WORKSPACE_FIXTURES, name);
      const disk = readFolder(base);
      const index = freshIndex(disk);
      const actual = actualFindings(index, base);
      const expected = expectedFindings(disk, base);
      const explain = actual.map((a) => `${a.key} (${a.severity}) ${a.message}`).join('\n');
      assert.deepEqual(actual.map((a) => a.key).sort(), expected.map((e) => e.key).sort(), explain);
      for (const e of expected.filter((x) => x.severity)) {
        assert.ok(actual.some((a) => a.key === e.key && a.severity === e.severity), `${e.key} should be ${e.severity}\n${explain}`);
      }
      assert.deepEqual(rangeProblems(index, disk), []);
    });
  }
});

/** The same disk changed step by step, with the index told of each change, as a file watcher would. */
class Workspace {
  readonly disk: Disk;
  readonly index: WorkspaceIndex;
  /** What an editor shows: findings as of the last time takeChanged named the file. */
  readonly shown = new Map<string, string>();
  constructor(disk: Disk) {
    this.disk = new Map(disk);
    this.index = freshIndex(this.disk);
    this.publish();
  }
  write(path: string, text: string): void {
    this.disk.set(path, text);
    this.index.setFile(path, text);
    this.publish();
  }
  delete(path: string): void {
    for (const p of [...this.disk.keys()]) if (p === path || p.startsWith(path + '/')) this.disk.delete(p);
    this.index.remove(path);
    this.publish();
  }
  rename(from: string, to: string): void {
    for (const p of [...this.disk.keys()].sort()) {
      if (p === from || p.startsWith(from + '/')) {
        const q = to + p.slice(from.length);
        this.disk.set(q, this.disk.get(p)!);
        this.disk.delete(p);
      }
    }
    this.index.rename(from, to);
    this.publish();
  }
  /** Publishes what changed, as the language server would; returns the paths it published. */
  publish(): string[] {
    const changed = this.index.takeChanged();
    for (const p of changed) {
      const fs = this.index.findingsFor(p);
      if (fs.length) this.shown.set(p, JSON.stringify(fs)); else this.shown.delete(p);
    }
    return changed;
  }
  /** The index agrees with a fresh one of the same disk, and the editor shows what the index has. */
  check(): void {
    assert.equal(snapshot(this.index), snapshot(freshIndex(this.disk)));
    const now = new Map(this.index.filesWithFindings().map((f) => [f, JSON.stringify(this.index.findingsFor(f))]));
    assert.deepEqual(this.shown, now, 'takeChanged missed a file whose findings changed');
  }
}

const ws = (name: string) => new Workspace(readFolder(join(WORKSPACE_FIXTURES, name)));
const at = (name: string, rel: string) => join(WORKSPACE_FIXTURES, name, rel);
const rules = (index: WorkspaceIndex, path: string) => index.findingsFor(path).map((f) => f.ruleId);

describe('WorkspaceIndex: incremental updates', () => {
  it('re-parses exactly one record when one note is edited, and reads nothing', () => {
    const w = ws('sessions.duplicate');
    const before = w.index.stats;
    const p = at('sessions.duplicate', 'notes/2027-01-17-session-02.md');
    w.write(p, w.disk.get(p)!.replace('Coping on hard days', 'Coping on bad days'));
    assert.equal(w.index.stats.parses - before.parses, 1);
    assert.equal(w.index.stats.reads, before.reads);
    w.check();
  });

  it('typing in prose does not work out the group\'s cross-record findings again; a redate does', () => {
    const w = ws('sessions.duplicate');
    const p = at('sessions.duplicate', 'notes/2027-01-17-session-02.md');
    w.index.findingsFor(p);
    let before = w.index.stats;
    w.write(p, w.disk.get(p)!.replace('the memory-box materials', 'the memory box materials'));
    assert.ok(w.disk.get(p)!.includes('memory box'));
    w.index.findingsFor(p);
    assert.equal(w.index.stats.groupChecks - before.groupChecks, 0);
    before = w.index.stats;
    w.write(p, w.disk.get(p)!.replace('date: 2027-01-17', 'date: 2027-01-30'));
    w.index.findingsFor(p);
    assert.equal(w.index.stats.groupChecks - before.groupChecks, 1);
    w.check();
  });

  it('moves a duplicate finding when the earlier note is redated after the later one', () => {
    const w = ws('sessions.duplicate');
    const early = at('sessions.duplicate', 'notes/2027-01-17-session-02.md');
    const late = at('sessions.duplicate', 'notes/2027-01-24-session-02.md');
    assert.deepEqual(rules(w.index, late), ['sessions.duplicate']);
    w.write(early, w.disk.get(early)!.replace('date: 2027-01-17', 'date: 2027-01-30'));
    assert.ok(rules(w.index, early).includes('sessions.duplicate'));
    assert.ok(!rules(w.index, late).includes('sessions.duplicate'));
    w.check();
  });

  it('clears a duplicate when one of the two notes is deleted, and names the file whose findings changed', () => {
    const w = ws('sessions.duplicate');
    const early = at('sessions.duplicate', 'notes/2027-01-17-session-02.md');
    const late = at('sessions.duplicate', 'notes/2027-01-24-session-02.md');
    w.disk.delete(early);
    w.index.remove(early);
    assert.deepEqual(w.publish(), [late]);
    assert.deepEqual(rules(w.index, late), []);
    w.check();
  });

  it('a rename inside the group moves findings without reading or parsing anything', () => {
    const w = ws('sessions.duplicate');
    const before = w.index.stats;
    const from = at('sessions.duplicate', 'notes/2027-01-24-session-02.md');
    const to = at('sessions.duplicate', 'notes/2027-01-24-session-02-renamed.md');
    w.rename(from, to);
    assert.equal(w.index.stats.parses, before.parses);
    assert.deepEqual(rules(w.index, to), ['sessions.duplicate']);
    assert.deepEqual(w.index.findingsFor(from), []);
    w.check();
  });

  it('a rename into another group re-checks that record alone, against the other roster', () => {
    const w = ws('sessions.duplicate');
    const before = w.index.stats;
    const from = at('sessions.duplicate', 'notes/2027-01-24-session-02.md');
    const to = at('sessions.duplicate', 'other-group/moved.md');
    w.rename(from, to);
    assert.equal(w.index.stats.parses - before.parses, 1);
    // Session 2 of the other group is dated 2027-01-24 too: the path decides, and "moved.md" sorts after.
    assert.ok(rules(w.index, to).includes('sessions.duplicate'));
    w.check();
  });

  it('renaming a whole group folder keeps its findings', () => {
    const w = ws('sessions.duplicate');
    w.rename(at('sessions.duplicate', 'other-group'), at('sessions.duplicate', 'renamed-group'));
    w.check();
    w.rename(at('sessions.duplicate', 'notes'), at('sessions.duplicate', 'renamed-group/notes'));
    w.check();
  });

  it('a profile edit re-checks only the records of that group', () => {
    const w = ws('sessions.duplicate');
    const before = w.index.stats;
    const profile = at('sessions.duplicate', 'other-group/group.yaml');
    w.write(profile, w.disk.get(profile)!.replace('{ id: M03, initials: C.C., joined: 2027-01-10, consent: 2027-01-03 }', '{ id: M03, initials: C.C., joined: 2027-01-10 }'));
    assert.equal(w.index.stats.parses - before.parses, 2, 'the other group has two records');
    assert.ok(rules(w.index, at('sessions.duplicate', 'other-group/2027-01-24-session-02.md')).includes('consent.missing'));
    w.check();
  });

  it('a profile edit that changes nothing the records depend on re-checks none', () => {
    const w = ws('sessions.duplicate');
    const before = w.index.stats;
    const profile = at('sessions.duplicate', 'group.yaml');
    w.write(profile, w.disk.get(profile)! + '# a comment\n');
    assert.equal(w.index.stats.parses, before.parses);
    w.check();
  });

  it('adding a contract clears group.no-contract and starts checking goal references', () => {
    const w = ws('group.no-contract');
    const profile = at('group.no-contract', 'group.yaml');
    assert.deepEqual(rules(w.index, profile), ['group.no-contract']);
    const contract = readFileSync(at('goals.unknown', 'contract.md'), 'utf8');
    w.write(at('group.no-contract', 'contract.md'), contract);
    assert.deepEqual(rules(w.index, profile), []);
    assert.deepEqual(rules(w.index, at('group.no-contract', 'notes/2027-01-17-session-02.md')), ['goals.unknown']);
    w.check();
  });

  it('adding and removing a profile regroups the records that name it', () => {
    const name = 'group.no-contract-without-profile';
    const w = ws(name);
    const profile = at(name, 'group.yaml');
    w.write(profile, 'id: orphan-group\nname: Orphans\ntype: support\nworkers: ["A. Worker, MSW"]\nmembers:\n  - { id: M01, initials: A.A., joined: 2027-01-10, consent: 2027-01-03 }\n  - { id: M02, initials: B.B., joined: 2027-01-10, consent: 2027-01-03 }\n  - { id: M03, initials: C.C., joined: 2027-01-10, consent: 2027-01-03 }\n');
    assert.deepEqual(rules(w.index, profile), ['group.no-contract']);
    assert.deepEqual(rules(w.index, at(name, 'b-session-1.md')), []);
    w.check();
    w.delete(profile);
    assert.deepEqual(rules(w.index, at(name, 'b-session-1.md')), ['group.unknown', 'group.no-contract']);
    w.check();
  });

  it('a record that stops being a record loses its findings', () => {
    const w = ws('sessions.order');
    const p = at('sessions.order', 'notes/s3.md');
    w.write(p, 'Just a Markdown file now.\n');
    assert.deepEqual(w.index.findingsFor(p), []);
    w.check();
  });

  it('keeps summaries, not texts: group views come from them', () => {
    const w = ws('goals.unknown');
    const g = w.index.groupOf(at('goals.unknown', 'notes/2027-01-10-session-01.md'))!;
    assert.equal(g.id, 'goals-group');
    assert.deepEqual(g.goals.map((x) => x.id), ['G1', 'G2', 'M01-G1', 'M02-G1', 'M03-G1']);
    assert.deepEqual(g.notes.map((n) => n.session), [1, 2]);
    assert.equal(g.nextSession, 3);
    assert.deepEqual(g.roster.map((m) => m.id), ['M01', 'M02', 'M03']);
    assert.deepEqual(w.index.workspaceFacts(at('goals.unknown', 'contract.md')).groupIds, ['goals-group']);
  });

  it('takes records checked elsewhere (worker threads) as if it had checked them itself', () => {
    const disk = readFolder(join(WORKSPACE_FIXTURES, 'sessions.duplicate'));
    const index = new WorkspaceIndex(cat(), { read: reader(disk) });
    const profiles = new ProfileSet();
    for (const [p, t] of disk) if (p.endsWith('group.yaml')) { index.setProfile(p, t); profiles.add(p, t); }
    for (const [p, t] of disk) if (p.endsWith('.md')) index.setChecked(structuredClone(toCheckedRecord(checkRecordFile(p, { text: t }, cat(), profiles))));
    assert.equal(index.stats.parses, 0);
    assert.equal(snapshot(index), snapshot(freshIndex(disk)));
  });

  it('collects reviewers from annotations', () => {
    const w = new Workspace(new Map());
    const p = '/ws/a/note.md';
    w.write('/ws/a/group.yaml', 'id: a\nname: A\nmembers: []\n');
    w.write(p, '---\nrecord: session-note\ndate: 2027-01-10\nsession: 1\nphase: beginning\n---\n\n# S1\n\n> [!REVIEW] @kchen 2027-01-11 More detail please.\n');
    assert.deepEqual(w.index.reviewers, ['kchen']);
    assert.deepEqual(w.index.groupOf(p)!.reviewers, ['kchen']);
    w.write(p, w.disk.get(p)!.replace('@kchen', '@mdiaz'));
    assert.deepEqual(w.index.reviewers, ['mdiaz']);
    w.check();
  });
});

// ---------------------------------------------------------------- random sequences

const FOLDERS = ['/ws/a', '/ws/b', '/ws/a/sub', '/ws/c'];
const NAMES = ['n1.md', 'n2.md', 'n3.md', 'n4.md'];
const IDS = ['alpha', 'beta', 'gamma', 'delta', 'alpha-2'];

const recordText = fc.record({
  kind: fc.constantFrom('session-note', 'session-note', 'contract', 'plain'),
  session: fc.constantFrom(1, 2, 2, 3),
  date: fc.constantFrom('2027-01-10', '2027-01-17', '2027-01-24', '2027-02-30'),
  group: fc.constantFrom(undefined, undefined, 'alpha', 'beta', 'omega'),
  ref: fc.constantFrom('#G1', '#G2', '#M01-G1', ''),
  present: fc.subarray(['M01', 'M02', 'M09']),
  disable: fc.boolean(),
}).map((r) => {
  if (r.kind === 'plain') return 'Not a record.\n';
  const head = [`record: ${r.kind}`, r.group ? `group: ${r.group}` : '', `date: ${r.date}`];
  if (r.kind === 'session-note') head.push(`session: ${r.session}`, 'phase: middle', `attendance: { present: [${r.present.join(', ')}], absent: [] }`);
  const body = r.kind === 'contract' ? '## Goals\n\n- G1: Come every week.\n- M01-G1: Speak once.\n' : `## Summary\n\nWe talked ${r.ref}.\n`;
  return `---\n${head.filter(Boolean).join('\n')}\n---\n\n# Title\n\n${r.disable ? '<!-- group-records-disable goals.unknown -->\n\n' : ''}${body}`;
});

const profileText = (id: string, variant: number) =>
  `id: ${id}\nname: Group ${id}\ntype: support\n${variant ? 'open: true\n' : ''}workers: ["A. Worker"]\nmembers:\n  - { id: M01, initials: A.A., joined: 2027-01-10, consent: 2027-01-03${variant === 2 ? ', needs: [childcare]' : ''} }\n  - { id: M02, initials: B.B., joined: 2027-01-17 }\n`;

type Op =
  | { op: 'write'; folder: string; name: string; text: string }
  | { op: 'delete'; pick: number }
  | { op: 'rename'; pick: number; folder: string; name: string }
  | { op: 'renameFolder'; from: string; to: string }
  | { op: 'profile'; folder: string; id: string; variant: number }
  | { op: 'unprofile'; folder: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('write' as const), folder: fc.constantFrom(...FOLDERS), name: fc.constantFrom(...NAMES), text: recordText }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('rename' as const), pick: fc.nat(), folder: fc.constantFrom(...FOLDERS), name: fc.constantFrom(...NAMES, 'n5.md') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('renameFolder' as const), from: fc.constantFrom(...FOLDERS), to: fc.constantFrom('/ws/d', '/ws/b/moved', '/ws/e') }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('profile' as const), folder: fc.constantFrom(...FOLDERS), id: fc.constantFrom(...IDS), variant: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unprofile' as const), folder: fc.constantFrom(...FOLDERS) }) },
);

function apply(w: Workspace, o: Op): void {
  const files = [...w.disk.keys()].sort();
  switch (o.op) {
    case 'write': return w.write(`${o.folder}/${o.name}`, o.text);
    case 'delete': if (files.length) w.delete(files[o.pick % files.length]); return;
    case 'rename': {
      const md = files.filter((f) => f.endsWith('.md'));
      const from = md[o.pick % Math.max(1, md.length)];
      const to = `${o.folder}/${o.name}`;
      if (from && from !== to) w.rename(from, to);
      return;
    }
    case 'renameFolder': {
      const target = o.to;
      // Only onto a folder that does not exist, and never into itself.
      if (target.startsWith(o.from + '/') || files.some((f) => f.startsWith(target + '/')) || !files.some((f) => f.startsWith(o.from + '/'))) return;
      return w.rename(o.from, target);
    }
    case 'profile': {
      // Two profiles may share an id: the first by path holds it, whatever the history.
      return w.write(`${o.folder}/group.yaml`, profileText(o.id, o.variant));
    }
    case 'unprofile': if (w.disk.has(`${o.folder}/group.yaml`)) w.delete(`${o.folder}/group.yaml`); return;
  }
}

describe('WorkspaceIndex: random change sequences', () => {
  it('any sequence of adds, edits, renames, deletions and profile edits ends as a fresh index of the final files', function () {
    this.timeout(120000);
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
        const w = new Workspace(new Map());
        for (const o of ops) apply(w, o);
        w.check();
      }),
      { numRuns: 150 },
    );
  });

  it('stays consistent after every single step', function () {
    this.timeout(120000);
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 12 }), (ops) => {
        const w = new Workspace(new Map());
        for (const o of ops) { apply(w, o); w.check(); }
      }),
      { numRuns: 60 },
    );
  });

  it('reads nothing when told of changes with their text and no profile changes', () => {
    const index = new WorkspaceIndex(cat(), { read: reader(new Map()) });
    index.setProfile('/ws/a/group.yaml', profileText('alpha', 0));
    index.setRecord('/ws/a/n1.md', '---\nrecord: session-note\ndate: 2027-01-10\nsession: 1\nphase: middle\n---\n# T\n');
    index.setRecord('/ws/a/n2.md', '---\nrecord: session-note\ndate: 2027-01-09\nsession: 1\nphase: middle\n---\n# T\n');
    assert.equal(index.stats.reads, 0);
    assert.deepEqual(index.findingsFor('/ws/a/n1.md').filter((f) => f.ruleId.startsWith('sessions.')).map((f) => f.ruleId), ['sessions.duplicate']);
  });
});
