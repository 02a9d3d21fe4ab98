import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_GROUP, ROOT } from '../helpers';
import { approveFile } from '../../server/src/cli/approve';
import { writeFileAtomic } from '../../server/src/cli/atomicWrite';

const CLI = join(ROOT, 'out/cli.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });

const NOTE = (fm = '', nl = '\n') => `---
record: session-note
group: fixture-group
date: 2027-03-14
author: "S. Student, BSW practicum" # the writer
session: 6
phase: middle
attendance: { present: [M01, M02], absent: [M03] }
${fm}---

# Session 6

## Focus

Coping with the anniversary of a loss.

## Group dynamics

@M02 spoke first for the first time. @M01 answered her directly.

## Goal progress

M01 moved toward his goal of talking about the loss outside the group.

## Summary

A quieter session with more member-to-member talk.

## Next steps

Worker to call @M03 before next week.
`.replace(/\n/g, nl);

const localToday = () => { const d = new Date(); const p = (n: number) => String(n).padStart(2, '0'); return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`; };

describe('group-records approve (command line)', () => {
  let dir: string;
  const file = (name: string) => join(dir, name);
  const write = (name: string, text: string | Buffer) => { writeFileSync(file(name), text); return file(name); };
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'gr-approve-')); write('group.yaml', DEFAULT_GROUP); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('approves, prints one line per file, exits 0; check then finds no review error', () => {
    write('a.md', NOTE('status: submitted\n'));
    write('b.md', NOTE().replace('session: 6', 'session: 7').replace('date: 2027-03-14', 'date: 2027-03-21'));
    const r = run(['approve', 'a.md', 'b.md', '--by', 'K. Chen, LCSW', '--on', '2027-03-18'], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), ['a.md: approved by K. Chen, LCSW on 2027-03-18', 'b.md: approved by K. Chen, LCSW on 2027-03-18']);
    const a = readFileSync(file('a.md'), 'utf8');
    assert.match(a, /\nstatus: approved\napproved_by: K\. Chen, LCSW\napproved_on: 2027-03-18\napproved_hash: sha256:[0-9a-f]{64}\n---\n/);
    const c = run(['check', '.', '--format', 'json'], dir);
    assert.equal(c.status, 0, c.stdout);
    const diags = (JSON.parse(c.stdout) as Array<{ diagnostics: Array<{ code: string }> }>).flatMap((f) => f.diagnostics.map((d) => d.code));
    assert.deepEqual(diags.filter((d) => d.startsWith('review.')), []);
  });

  it('dates the approval today (local) by default; a second run changes nothing', () => {
    write('a.md', NOTE());
    assert.equal(run(['approve', 'a.md', '--by', 'K. Chen'], dir).status, 0);
    assert.ok(readFileSync(file('a.md'), 'utf8').includes(`approved_on: ${localToday()}\n`));
    const again = run(['approve', 'a.md', '--by', 'K. Chen'], dir);
    assert.equal(again.status, 0);
    assert.match(again.stdout, /unchanged/);
  });

  it('refuses a record with error-level findings (exit 1, file untouched) unless --force', () => {
    const text = NOTE().replace('## Next steps\n\nWorker to call @M03 before next week.\n', '');
    write('bad.md', text);
    write('good.md', NOTE());
    const r = run(['approve', 'bad.md', 'good.md', '--by', 'K. Chen', '--on', '2027-03-18'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^bad\.md: refused — 1 error-level finding \(note\.next-steps on line \d+\); fix it or approve with --force\ngood\.md: approved/);
    assert.equal(readFileSync(file('bad.md'), 'utf8'), text);
    const f = run(['approve', 'bad.md', '--by', 'K. Chen', '--on', '2027-03-18', '--force'], dir);
    assert.equal(f.status, 0, f.stdout);
    assert.match(f.stdout, /approved by K\. Chen on 2027-03-18 \(forced past error-level findings\)/);
  });

  it('refuses what it cannot approve: not a record, missing, a folder, not UTF-8', () => {
    write('readme.md', '# Notes\n');
    write('latin1.md', Buffer.from(NOTE().replace('Focus', 'Fokus \xe9'), 'latin1'));
    const r = run(['approve', 'readme.md', 'missing.md', '.', 'latin1.md', '--by', 'K. Chen'], dir);
    assert.equal(r.status, 1);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0], /^readme\.md: refused — not a record/);
    assert.match(lines[1], /^missing\.md: refused — cannot read it: ENOENT/);
    assert.match(lines[2], /: refused — it is a folder/);
    assert.match(lines[3], /^latin1\.md: refused — it is not valid UTF-8/);
  });

  it('usage errors exit 2', () => {
    write('a.md', NOTE());
    for (const args of [['approve', 'a.md'], ['approve', '--by', 'K'], ['approve', 'a.md', '--by', 'K', '--on', '03/18/2027'], ['approve', 'a.md', '--by', 'K', '--on', '2027-02-29'], ['approve', 'a.md', '--by', '  '], ['approve', 'a.md', '--by', 'K', '--format', 'json']]) {
      const r = run(args, dir);
      assert.equal(r.status, 2, args.join(' ') + r.stdout + r.stderr);
      assert.match(r.stderr, /^group-records: /);
    }
    assert.equal(readFileSync(file('a.md'), 'utf8'), NOTE());
  });

  it('keeps CRLF, the BOM, comments and every other byte', () => {
    const text = '\ufeff' + NOTE('status: submitted   # by the worker\n', '\r\n');
    write('a.md', text);
    assert.equal(run(['approve', 'a.md', '--by', '@kchen', '--on', '2027-03-18'], dir).status, 0);
    const after = readFileSync(file('a.md'));
    assert.deepEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const t = after.toString('utf8');
    const hash = /approved_hash: (sha256:[0-9a-f]{64})/.exec(t)![1];
    assert.equal(t, text.replace('status: submitted   #', 'status: approved   #').replace('\r\n---\r\n\r\n#', `\r\napproved_by: "@kchen"\r\napproved_on: 2027-03-18\r\napproved_hash: ${hash}\r\n---\r\n\r\n#`));
  });

  it('writes atomically: no temporary file left, the mode kept, a symbolic link still a link', () => {
    write('a.md', NOTE());
    chmodSync(file('a.md'), 0o640);
    symlinkSync('a.md', file('link.md'));
    assert.equal(run(['approve', 'link.md', '--by', 'K. Chen', '--on', '2027-03-18'], dir).status, 0);
    assert.deepEqual(readdirSync(dir).sort(), ['a.md', 'group.yaml', 'link.md']);
    assert.equal(statSync(file('a.md')).mode & 0o777, 0o640);
    assert.ok(lstatSync(file('link.md')).isSymbolicLink());
    assert.match(readFileSync(file('a.md'), 'utf8'), /approved_by: K\. Chen/);
  });

  it('a failure between writing and renaming leaves the old file whole and no temporary file', () => {
    const text = NOTE();
    write('a.md', text);
    let tmp = '';
    const r = approveFile(file('a.md'), 'K. Chen', '2027-03-18', { write: { beforeRename: (t) => { tmp = t; assert.ok(readFileSync(t, 'utf8').includes('approved_by: K. Chen')); throw Object.assign(new Error('disk gone'), { code: 'EIO' }); } } });
    assert.deepEqual(r, { ok: false, message: 'cannot write it: EIO' });
    assert.ok(tmp.startsWith(dir));
    assert.equal(readFileSync(file('a.md'), 'utf8'), text);
    assert.deepEqual(readdirSync(dir).sort(), ['a.md', 'group.yaml']);
  });

  it('does not overwrite a file that changed since it was read', () => {
    write('a.md', 'new text\n');
    const r = writeFileAtomic(file('a.md'), Buffer.from('approved\n'), { expect: Buffer.from('old text\n') });
    assert.deepEqual(r, { ok: false, reason: 'it changed on disk while it was being approved; nothing was written' });
    assert.equal(readFileSync(file('a.md'), 'utf8'), 'new text\n');
    assert.deepEqual(readdirSync(dir).sort(), ['a.md', 'group.yaml']);
  });
});
