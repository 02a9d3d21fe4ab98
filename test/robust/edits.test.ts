import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { addendumEdit } from '../../server/src/core/addendum';
import { APPROVAL_KEYS, approveRecord } from '../../server/src/core/approve';
import type { Finding } from '../../server/src/core/findings';
import { parseYaml, splitFrontMatter } from '../../server/src/core/frontmatter';
import { approvedBody } from '../../server/src/core/hash';
import { parseRecord } from '../../server/src/core/record';
import { codeActions } from '../../server/src/features/codeActions';
import type { FeatureContext } from '../../server/src/features/context';
import { toDiagnostic } from '../../server/src/features/diagnostics';
import { checkRecordFile } from '../../server/src/workspace/checkFile';
import { ProfileSet } from '../../server/src/workspace/profiles';
import { cat, DEFAULT_GROUP, ROOT } from '../helpers';
import { killAll, startClient, uriOf } from '../lsp/client';
import { CLI, corpus, fcParams, mutate, mutationArb, randomRecord } from './support';

/**
 * No text lost: every edit the product proposes (quick fixes and source actions on damaged and
 * random records in any Unicode, approval, addenda) inserts text or replaces exactly the span it
 * is about, and every file the command line writes (approve, report, new) is replaced whole or not
 * at all, even when the process is killed mid-write. Extends test/unit/fixes.property.test.ts
 * (quick fixes on sample records with structured damage) and approve.test.ts (approval of
 * synthetic front matter) to real and random records; the unit tests' cases are not repeated.
 */

const URI = 'file:///virtual/group/record.md';
const PATH = '/virtual/group/record.md';

function contextOf(text: string, group = DEFAULT_GROUP): FeatureContext {
  const profiles = new ProfileSet();
  profiles.add('/virtual/group/group.yaml', group);
  const rec = parseRecord(text, cat());
  const checked = checkRecordFile(PATH, { text, parsed: rec }, cat(), profiles);
  return { uri: URI, rec, cat: cat(), group: profiles.forFile(PATH)?.parsed.facts, findings: checked.findings, workspace: { groupIds: ['fixture-group'], reviewers: [], goals: [] } };
}

/** The code-action property of fixes.property.test.ts, for any text. Returns the number of actions checked. */
function actionsKeepText(text: string, label: string): number {
  const ctx = contextOf(text);
  const doc = TextDocument.create(URI, 'markdown', 1, text);
  const byDiag = new Map(ctx.findings.map((f) => { const d = toDiagnostic(f, ctx.rec.lines, undefined); return [`${d.code}|${d.message}|${JSON.stringify(d.range)}`, f] as const; }));
  const actions: CodeAction[] = codeActions(ctx, { start: 0, end: text.length });
  for (const a of actions) {
    const what = `${label}: ${a.title} [${a.kind}]`;
    const fs = (a.diagnostics ?? []).map((d) => byDiag.get(`${d.code}|${d.message}|${JSON.stringify(d.range)}`));
    assert.ok(fs.length && fs.every(Boolean), `${what}: names published diagnostics`);
    const tes = (a.edit?.changes?.[URI] ?? []) as TextEdit[];
    const edits = tes.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText })).sort((x, y) => x.start - y.start);
    for (let i = 1; i < edits.length; i++) assert.ok(edits[i - 1].end <= edits[i].start, `${what}: edits do not overlap`);
    for (const e of edits) {
      if (e.start === e.end) { assert.ok(e.newText.length > 0, `${what}: an insertion inserts something`); continue; }
      assert.equal(a.kind, CodeActionKind.QuickFix, `${what}: only a quick fix replaces text`);
      const f = fs[0] as Finding;
      if (f.ruleId === 'review.open') assert.match(text.slice(e.start, e.end), /^\\?\[!REVIEW\\?\]$/i, `${what}: replaces the marker only`);
      else assert.deepEqual({ start: e.start, end: e.end }, f.span, `${what}: replaces exactly ${JSON.stringify(text.slice(f.span.start, f.span.end))}`);
    }
    // Every character outside the edits is kept, in order.
    const after = TextDocument.applyEdits(doc, tes);
    let kept = '', pos = 0;
    for (const e of edits) { kept += text.slice(pos, e.start); pos = e.end; }
    kept += text.slice(pos);
    let rest = after;
    for (const e of edits) rest = rest.replace(e.newText, '');
    assert.equal(rest.length, kept.length, `${what}: nothing else removed`);
  }
  return actions.length;
}

/** Approval of any text: refused, or only the four keys' values changed or appended, and idempotent. */
function approvalKeepsText(text: string, label: string): boolean {
  const r = approveRecord(text, 'K. Chen, LCSW', '2027-03-18', { force: true });
  if (!r.ok) return false;
  const fm = splitFrontMatter(text)!;
  const entries = parseYaml(fm.yaml, fm.contentStart).entries.filter((e) => (APPROVAL_KEYS as readonly string[]).includes(e.key));
  let rebuilt = text;
  for (const e of [...r.edits].sort((a, b) => b.start - a.start)) {
    // An approval key's value (or, for an empty one, an insertion on the key's own line)…
    const own = entries.some((x) => e.start >= x.keySpan.end && (e.end <= x.valueSpan.end || (e.start === e.end && !/[\r\n]/.test(text.slice(x.keySpan.end, e.start)))));
    // …or the missing keys appended before the closing `---`.
    const appended = e.start === fm.contentEnd && e.end === fm.contentEnd && APPROVAL_KEYS.some((k) => e.newText.includes(`${k}:`));
    assert.ok(own || appended, `${label}: edit ${JSON.stringify(e)} touches ${JSON.stringify(text.slice(e.start, e.end))}, not an approval value`);
    rebuilt = rebuilt.slice(0, e.start) + e.newText + rebuilt.slice(e.end);
  }
  assert.equal(rebuilt, r.text, `${label}: the text is its edits applied`);
  assert.equal(r.text.slice(splitFrontMatter(r.text)!.bodyStart), text.slice(fm.bodyStart), `${label}: the body is unchanged`);
  assert.equal(approvedBody(r.text), approvedBody(text), `${label}: the approved text is unchanged`);
  const again = approveRecord(r.text, 'K. Chen, LCSW', '2027-03-18', { force: true });
  assert.ok(again.ok && !again.changed, `${label}: approving again changes nothing`);
  const review = checkRecordFile(PATH, { text: r.text }, cat(), new ProfileSet()).findings.filter((f) => f.ruleId === 'review.approval' || f.ruleId === 'review.changed-after-approval');
  assert.deepEqual(review.map((f) => f.message), [], `${label}: the approval verifies`);
  return true;
}

describe('robustness: no text lost (edits and writes)', function () {
  this.timeout(180_000);
  after(killAll);
  const all = corpus();

  it('code actions on random and damaged records, any Unicode and line ending, insert or replace exactly their span', () => {
    let actions = 0;
    fc.assert(fc.property(fc.oneof(
      randomRecord,
      fc.tuple(fc.nat(all.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 6 })).map(([i, ms]) => ms.reduce((t, m) => mutate(t, m), all[i].text)),
    ), (text) => { actions += actionsKeepText(text, JSON.stringify(text.slice(0, 80))); }), fcParams(250));
    console.log(`      ${actions} code actions checked`);
  });

  it('approval of every real record, and of damaged ones (lone CR, emoji, broken YAML), changes only the approval values', () => {
    let approved = 0;
    for (const s of all) if (approvalKeepsText(s.text, s.name)) approved++;
    fc.assert(fc.property(fc.nat(all.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 5 }), (i, ms) => {
      const text = ms.reduce((t, m) => mutate(t, m), all[i].text);
      if (approvalKeepsText(text, `mutated ${all[i].name}`)) approved++;
    }), fcParams(250));
    assert.ok(approved > 300, `${approved} approvals checked`);
  });

  it('an addendum only inserts at the very end, and keeps the approved text unless it says so', () => {
    let checked = 0;
    for (const s of all) {
      for (const raw of [s.text, s.text.replace(/\r?\n/g, '\r'), s.text.replace(/\s+$/, '')]) {
        // Approved first: the approved text is what an addendum must leave alone.
        const r = approveRecord(raw, 'K. Chen', '2027-03-18', { force: true });
        const text = r.ok ? r.text : raw;
        const a = addendumEdit(text, '2027-03-20')!;
        assert.equal(a.edit.start, text.length);
        assert.equal(a.edit.end, text.length);
        const after = text + a.edit.newText;
        if (!r.ok) continue;
        checked++;
        if (!a.warning) {
          assert.equal(approvedBody(after), approvedBody(text), s.name);
          assert.ok(!checkRecordFile(PATH, { text: after }, cat(), new ProfileSet()).findings.some((f) => f.ruleId === 'review.changed-after-approval'), s.name);
        } else assert.notEqual(approvedBody(after), approvedBody(text), `${s.name}: the warning is true`);
      }
    }
    assert.ok(checked > 300, `${checked} approved records`);
  });

  it('the server\'s approve edit, applied by an editor, gives exactly the core approval', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gr-edits-lsp-'));
    cpSync(join(ROOT, 'sample'), root, { recursive: true });
    const c = startClient();
    await c.conn.sendRequest('initialize', { processId: process.pid, rootUri: uriOf(root), workspaceFolders: [{ uri: uriOf(root), name: 'e' }], capabilities: { textDocument: { diagnostic: {} } }, initializationOptions: { trusted: true } });
    await c.conn.sendNotification('initialized', {});
    const files = readdirSync(join(root, 'teen-grief-spring-2027/notes')).map((n) => join(root, 'teen-grief-spring-2027/notes', n));
    let v = 1;
    for (const f of files) {
      for (const text of [readFileSync(f, 'utf8'), '\ufeff' + readFileSync(f, 'utf8').replace(/\n/g, '\r\n'), readFileSync(f, 'utf8').replace(/\n/g, '\r').replace('# ', '# 😀 会议 ')]) {
        const uri = uriOf(f);
        await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: ++v, text } });
        const r = (await c.conn.sendRequest('groupRecords/approve', { uri, by: 'K. Chen, LCSW', on: '2027-03-18', force: true })) as { ok: boolean; edit?: { documentChanges: Array<{ textDocument: { version: number }; edits: TextEdit[] }> } };
        const core = approveRecord(text, 'K. Chen, LCSW', '2027-03-18', { force: true });
        assert.equal(r.ok, core.ok, f);
        if (core.ok) {
          const dc = r.edit!.documentChanges[0];
          assert.equal(dc.textDocument.version, v, 'the edit names the version it was computed for');
          assert.equal(TextDocument.applyEdits(TextDocument.create(uri, 'markdown', v, text), dc.edits), core.text, f);
        }
        await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
    }
    await c.conn.sendRequest('shutdown');
    await c.conn.sendNotification('exit');
    await c.exited;
    rmSync(root, { recursive: true, force: true });
  });

  describe('files the command line writes are replaced whole or not at all, even when it is killed', () => {
    let dir: string;
    before(() => { dir = mkdtempSync(join(tmpdir(), 'gr-edits-kill-')); });
    after(() => rmSync(dir, { recursive: true, force: true }));

    /** Runs the CLI and kills it (SIGKILL) after `ms`; resolves when it is gone. */
    const killAfter = (args: string[], cwd: string, ms: number) => new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: 'ignore' });
      const t = setTimeout(() => child.kill('SIGKILL'), ms);
      child.on('exit', (code) => { clearTimeout(t); resolve(code); });
    });
    const leftovers = (d: string) => readdirSync(d).filter((n) => /\.tmp$/.test(n));

    it('approve: the record is the old or the new text, never a mix', async () => {
      // A 3 MB note, so the write takes long enough to be killed in the middle of it.
      const original = readFileSync(join(ROOT, 'sample/teen-grief-spring-2027/notes/2027-04-04-session-09.md'), 'utf8').replace('## Summary', `## Summary\n\n${'Members shared stories about loss and school. '.repeat(60_000)}\n`);
      const approved = approveRecord(original, 'K. Chen', '2027-03-18', { force: true });
      assert.ok(approved.ok);
      const states = new Map<string, number>();
      let stale = 0;
      for (let i = 0; i < 12; i++) {
        const w = join(dir, `approve-${i}`);
        mkdirSync(w);
        writeFileSync(join(w, 'note.md'), original);
        await killAfter(['approve', 'note.md', '--by', 'K. Chen', '--on', '2027-03-18', '--force'], w, 120 + i * 40);
        const now = readFileSync(join(w, 'note.md'), 'utf8');
        const state = now === original ? 'old' : now === approved.text ? 'new' : 'TORN';
        states.set(state, (states.get(state) ?? 0) + 1);
        stale += leftovers(w).length;
      }
      console.log(`      approve killed 12 times: ${[...states].map(([k, n]) => `${k} ${n}`).join(', ')}; temporary files left by a kill: ${stale}`);
      assert.ok(!states.has('TORN'));
    });

    it('report and new: the output is absent (or the old one) or whole, never cut short', async () => {
      const ws = join(dir, 'ws');
      cpSync(join(ROOT, 'sample'), ws, { recursive: true });
      const out = join(dir, 'report.html');
      writeFileSync(out, '<!-- the old report -->\n');
      const states = new Map<string, number>();
      for (let i = 0; i < 8; i++) {
        await killAfter(['report', ws, '--out', out], ws, 150 + i * 60);
        const html = readFileSync(out, 'utf8');
        const state = html === '<!-- the old report -->\n' ? 'old' : /<\/html>\s*$/i.test(html) ? 'new' : 'TORN';
        states.set(state, (states.get(state) ?? 0) + 1);
      }
      const group = join(ws, 'teen-grief-spring-2027');
      for (let i = 0; i < 8; i++) {
        const before = new Set(readdirSync(join(group, 'notes')));
        await killAfter(['new', 'session-note', '--on', '2027-06-01'], group, 120 + i * 50);
        for (const n of readdirSync(join(group, 'notes')).filter((x) => !before.has(x) && x.endsWith('.md'))) {
          const t = readFileSync(join(group, 'notes', n), 'utf8');
          const state = /^---\n[\s\S]*\n---\n[\s\S]*## /.test(t) && t.endsWith('\n') ? 'new' : 'TORN';
          states.set(`new record ${state}`, (states.get(`new record ${state}`) ?? 0) + 1);
        }
      }
      console.log(`      report and new killed 8 times each: ${[...states].map(([k, n]) => `${k} ${n}`).join(', ')}; temporary files left by a kill: ${[...leftovers(dir), ...leftovers(join(group, 'notes'))].join(', ') || 'none'}`);
      assert.ok(![...states.keys()].some((k) => k.includes('TORN')));
    });

    it('report: an output that cannot be written fails cleanly (exit 2), leaving no partial or temporary file', () => {
      const ws = join(dir, 'ws2');
      cpSync(join(ROOT, 'sample'), ws, { recursive: true });
      // A folder of its own: the kills above may rightly leave a temporary file in theirs.
      const outDir = join(dir, 'unwritable');
      mkdirSync(join(outDir, 'is-a-folder.html'), { recursive: true });
      for (const target of [join(outDir, 'is-a-folder.html'), join(outDir, 'no', 'such', 'folder', 'r.html')]) {
        const r = spawnCli(['report', ws, '--out', target], ws);
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, /cannot write/);
      }
      assert.deepEqual(readdirSync(outDir).filter((n) => /\.tmp$/.test(n)), []);
      assert.ok(!existsSync(join(outDir, 'no')));
    });
  });
});

function spawnCli(args: string[], cwd: string) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
}
