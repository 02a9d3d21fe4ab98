import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstChangedLine } from '../../server/src/core/firstChange';
import { approvalHash } from '../../server/src/core/hash';
import { approvedVersion } from '../../server/src/workspace/approvedVersion';
import { parseRecord } from '../../server/src/core/record';
import { builtinCatalogue } from '../../server/src/core/standards';
import { ROOT } from '../helpers';

const TEXT = '---\nrecord: session-note\n---\n\n# Session 3\n\nSummary text.\n\nMore.\n';

describe('review.changed-after-approval: the first changed line', function () {
  this.timeout(60_000);

  it('compares bodies line by line, after BOM and CRLF normalisation', () => {
    const cat = builtinCatalogue();
    const now = TEXT.replace('More.', 'More, changed.');
    const rec = parseRecord(now, cat);
    const at = firstChangedLine(rec, TEXT)!;
    assert.equal(now.slice(at.start, at.end), 'More, changed.');
    const crlf = parseRecord('\uFEFF' + now.replace(/\n/g, '\r\n'), cat);
    const at2 = firstChangedLine(crlf, TEXT)!;
    assert.equal(crlf.text.slice(at2.start, at2.end), 'More, changed.');
    assert.equal(firstChangedLine(parseRecord(TEXT, cat), TEXT), undefined);
  });

  it('finds the approved version in git history and points at the first line edited since', () => {
    const git = spawnSync('git', ['--version']);
    if (git.status !== 0) { console.log('      (git is not installed: skipped)'); return; }
    const dir = mkdtempSync(join(tmpdir(), 'gr-approved-'));
    cpSync(join(ROOT, 'sample'), dir, { recursive: true });
    const g = (...a: string[]) => { const r = spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', ...a], { cwd: dir, encoding: 'utf8' }); assert.equal(r.status, 0, r.stderr); return r.stdout; };
    g('init', '-q'); g('add', '.'); g('commit', '-qm', 'records');
    const rel = 'teen-grief-spring-2027/notes/2027-03-07-session-05.md';
    const file = join(dir, rel);
    const cli = (...a: string[]) => spawnSync(process.execPath, [join(ROOT, 'out/cli.js'), ...a], { cwd: dir, encoding: 'utf8' });
    const ok = cli('approve', rel, '--by', 'K. Chen, LCSW', '--on', '2027-03-10', '--force');
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    g('commit', '-qam', 'approve');
    const lines = readFileSync(file, 'utf8').split('\n');
    const target = lines.findIndex((l, i) => i > 12 && /^[A-Z]/.test(l) && l.length > 30);
    lines[target] = lines[target] + ' (edited later)';
    writeFileSync(file, lines.join('\n'));
    const out = JSON.parse(cli('check', rel, '--format', 'json').stdout) as Array<{ diagnostics: Array<{ code: string; range: { start: { line: number } }; message: string }> }>;
    const d = out[0].diagnostics.find((x) => x.code === 'review.changed-after-approval');
    assert.ok(d, JSON.stringify(out));
    assert.equal(d.range.start.line, target);
    assert.match(d.message, /first differs here/);
  });

  it('sees a commit made while it runs (the language server lives for days)', () => {
    if (spawnSync('git', ['--version']).status !== 0) { console.log('      (git is not installed: skipped)'); return; }
    const dir = mkdtempSync(join(tmpdir(), 'gr-approved-live-'));
    const g = (...a: string[]) => { const r = spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', ...a], { cwd: dir, encoding: 'utf8' }); assert.equal(r.status, 0, r.stderr); };
    const file = join(dir, 'note.md');
    writeFileSync(file, TEXT);
    const hash = approvalHash(TEXT);
    assert.equal(approvedVersion(file, hash), undefined, 'no repository yet');
    g('init', '-q');
    assert.equal(approvedVersion(file, hash), undefined, 'not committed yet');
    g('add', 'note.md'); g('commit', '-qm', 'approved version');
    assert.equal(approvedVersion(file, hash), TEXT);
    rmSync(dir, { recursive: true, force: true });
  });
});
