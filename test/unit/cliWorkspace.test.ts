import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'out/cli.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
type JsonOut = Array<{ file: string; diagnostics: Array<{ code: string; severity: string; range: { start: { line: number } } }> }>;
const json = (out: string) => JSON.parse(out) as JsonOut;
const codesOf = (out: JsonOut, file: RegExp) => out.filter((f) => file.test(f.file)).flatMap((f) => f.diagnostics.map((d) => d.code));

/** A temp copy of the sample group: tests edit it freely. */
function sample(): { dir: string; group: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gr-cli-ws-'));
  cpSync(join(ROOT, 'sample'), dir, { recursive: true });
  return { dir, group: join(dir, 'teen-grief-spring-2027') };
}

describe('group-records check: workspace, configuration and suppressions', function () {
  this.timeout(60_000);

  it('finds a duplicate session number in the later note, also when only that note is checked', () => {
    const { dir, group } = sample();
    const src = readFileSync(join(group, 'notes/2027-04-04-session-09.md'), 'utf8');
    writeFileSync(join(group, 'notes/2027-04-11-session-09b.md'), src.replace(/^date: .*$/m, 'date: 2027-04-11'));
    const whole = json(run(['check', '.', '--format', 'json'], dir).stdout);
    assert.deepEqual(codesOf(whole, /session-09b/).filter((c) => c === 'sessions.duplicate'), ['sessions.duplicate']);
    assert.ok(!codesOf(whole, /session-09\.md$/).includes('sessions.duplicate'), 'the earlier note keeps its number');
    const one = json(run(['check', 'teen-grief-spring-2027/notes/2027-04-11-session-09b.md', '--format', 'json'], dir).stdout);
    assert.deepEqual(one.map((f) => f.file), ['teen-grief-spring-2027/notes/2027-04-11-session-09b.md']);
    assert.ok(codesOf(one, /session-09b/).includes('sessions.duplicate'), 'the rest of the group is read for cross-record rules');
  });

  it('reports group.no-contract on group.yaml when the contract is gone, and goals.unknown on a reference', () => {
    const { dir, group } = sample();
    const note = join(group, 'notes/2027-04-04-session-09.md');
    writeFileSync(note, readFileSync(note, 'utf8') + '\nWe returned to #G9 today.\n');
    const withContract = json(run(['check', '.', '--format', 'json'], dir).stdout);
    assert.ok(codesOf(withContract, /session-09/).includes('goals.unknown'));
    writeFileSync(join(group, 'contract.md'), '# not a record any more\n');
    const out = json(run(['check', '.', '--format', 'json'], dir).stdout);
    assert.ok(codesOf(out, /group\.yaml$/).includes('group.no-contract'), JSON.stringify(out.map((f) => f.file)));
    // Without a contract there is nothing to compare goal ids with: no goals.unknown.
    assert.ok(!codesOf(out, /session-09/).includes('goals.unknown'));
  });

  it('applies .group-records.yaml: rule severities, the role profile, privacy.allow; --profile overrides it', () => {
    const { dir } = sample();
    const base = json(run(['check', '.', '--format', 'json'], dir).stdout);
    assert.ok(codesOf(base, /plan\.md$/).includes('privacy.identifier'));
    writeFileSync(join(dir, '.group-records.yaml'), 'rules:\n  record.empty-section: off\n  review.open: error\nprivacy:\n  allow: ["555-0100"]\n');
    const cfg = json(run(['check', '.', '--format', 'json'], dir).stdout);
    const all = cfg.flatMap((f) => f.diagnostics);
    assert.ok(!all.some((d) => d.code === 'record.empty-section'));
    assert.ok(!codesOf(cfg, /plan\.md$/).includes('privacy.identifier'), 'the agency number is allowed');
    assert.equal(all.find((d) => d.code === 'review.open')?.severity, 'error');
    const sup = json(run(['check', '.', '--format', 'json', '--profile', 'supervisor'], dir).stdout).flatMap((f) => f.diagnostics);
    const student = json(run(['check', '.', '--format', 'json', '--profile', 'student'], dir).stdout).flatMap((f) => f.diagnostics);
    assert.ok(sup.filter((d) => d.severity === 'error').length >= student.filter((d) => d.severity === 'error').length);
  });

  it('reports a configuration problem at its position in .group-records.yaml, and a pack outside the workspace changes nothing', () => {
    const { dir } = sample();
    writeFileSync(join(dir, '.group-records.yaml'), 'profile: worker\nstandards:\n  - ../outside.yaml\nrulez: {}\n');
    const r = run(['check', '.', '--format', 'json'], dir);
    const out = json(r.stdout);
    const cfg = out.find((f) => f.file === '.group-records.yaml');
    assert.ok(cfg, JSON.stringify(out.map((f) => f.file)));
    const lines = cfg.diagnostics.filter((d) => d.code === 'config.invalid').map((d) => d.range.start.line).sort();
    assert.deepEqual(lines, [2, 3]);
    const plain = json(run(['check', 'teen-grief-spring-2027', '--format', 'json', '--config', join(ROOT, 'sample/README.md')], dir).stdout);
    assert.ok(Array.isArray(plain));
  });

  it('--config names a file that does not exist: usage error', () => {
    const { dir } = sample();
    const r = run(['check', '.', '--config', 'nope.yaml'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /nope\.yaml/);
  });

  it('--list-suppressions lists every inline disable comment with its reason', () => {
    const { dir, group } = sample();
    const note = join(group, 'notes/2027-04-04-session-09.md');
    writeFileSync(note, readFileSync(note, 'utf8') + '\n<!-- group-records-disable note.next-steps -- discussed in supervision on 2027-04-05 -->\n<!-- group-records-disable-next-line privacy.identifier -->\n');
    const r = run(['check', '.', '--list-suppressions'], dir);
    assert.match(r.stdout, /session-09\.md:\d+ {2}disable {2}note\.next-steps {2}— discussed in supervision on 2027-04-05/);
    assert.match(r.stdout, /disable-next-line {2}privacy\.identifier {2}— no reason given/);
    assert.match(r.stdout, /2 suppressions, 1 without a reason/);
    const j = JSON.parse(run(['check', '.', '--list-suppressions', '--format', 'json'], dir).stdout) as Array<{ rules: string[]; reason: string | null }>;
    assert.deepEqual(j.map((x) => x.rules[0]), ['note.next-steps', 'privacy.identifier']);
  });
});

describe('group-records new', function () {
  this.timeout(60_000);

  it('writes the next session note of the group, filled from the profile, never overwriting', () => {
    const { group } = sample();
    const r = run(['new', 'session-note', '--on', '2027-04-11'], group);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'notes/2027-04-11-session-10.md');
    const text = readFileSync(join(group, r.stdout.trim()), 'utf8');
    assert.match(text, /^---\nrecord: session-note\ngroup: teen-grief-spring-2027\ndate: 2027-04-11\nsession: 10\n/);
    assert.match(text, /present: \[M01, /);
    assert.doesNotMatch(text, /name:/);
    const again = run(['new', 'session-note', '--on', '2027-04-11'], group);
    assert.equal(again.stdout.trim(), 'notes/2027-04-11-session-11.md', 'the first note now holds session 10');
    const check = JSON.parse(run(['check', '.', '--format', 'json'], group).stdout) as JsonOut;
    const mine = check.filter((f) => /2027-04-11/.test(f.file)).flatMap((f) => f.diagnostics);
    assert.ok(!mine.some((d) => d.severity === 'error'), JSON.stringify(mine));
  });

  it('refuses an unknown kind with a usage error', () => {
    const { group } = sample();
    const r = run(['new', 'memo'], group);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /plan, contract, session-note, ending-summary/);
  });
});
