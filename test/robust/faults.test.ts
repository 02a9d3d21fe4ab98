import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RULES } from '../../server/src/core/check';
import type { Catalogue } from '../../server/src/core/catalogue';
import { parseRecord } from '../../server/src/core/record';
import { checkRecord } from '../../server/src/core/check';
import { checkFiles } from '../../server/src/cli/checkFiles';
import { discover } from '../../server/src/cli/discover';
import { ProfileSet } from '../../server/src/workspace/profiles';
import { cat, DEFAULT_GROUP, ROOT } from '../helpers';
import { killAll, startClient, uriOf, type TestClient } from '../lsp/client';
import { CLI, corpus, manyRecords, parseJsonOutput, runCli } from './support';

/**
 * Faults stay local: a rule that throws costs that rule alone (record.internal), a file that
 * cannot be parsed costs that file alone, a malformed or unexpected LSP message costs that message
 * alone, and files that vanish, turn into folders, pipes or dangling links during a scan are
 * reported (or skipped), never fatal and never waited on.
 */

const mkfifo = (p: string) => spawnSync('mkfifo', [p]).status === 0;

describe('robustness: fault tolerance', function () {
  this.timeout(180_000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'gr-faults-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); killAll(); });

  describe('rules', () => {
    // Records whose findings come from every rule between them.
    const records = corpus().filter((s) => /sample\/|record\.field|attendance\.unknown|privacy\.identifier\/fail-phone|review\.open|review\.approval|record\.limit/.test(s.name)).slice(0, 40);
    const profiles = new ProfileSet();
    profiles.add('/virtual/group/group.yaml', DEFAULT_GROUP);
    const facts = profiles.forFile('/virtual/group/r.md')?.parsed.facts;
    const run = (text: string) => checkRecord(parseRecord(text, cat()), cat(), { group: facts });

    for (let i = 0; i < RULES.length; i++) {
      const [name] = RULES[i];
      it(`the ${name} rule throwing yields one record.internal naming it, and every other rule's findings still arrive`, () => {
        const original = RULES[i];
        let fired = 0;
        for (const r of records) {
          let silent, failing;
          try {
            RULES[i] = [name, () => undefined];
            silent = run(r.text);
            RULES[i] = [name, () => { throw new Error(`injected ${name} failure`); }];
            failing = run(r.text);
          } finally {
            RULES[i] = original;
          }
          const internal = failing.filter((f) => f.ruleId === 'record.internal');
          if (!parseRecord(r.text, cat()).isRecord) { assert.deepEqual(failing, []); continue; }
          assert.equal(internal.length, 1, r.name);
          assert.match(internal[0].message, new RegExp(`The ${name} checks failed.*injected ${name} failure`));
          assert.deepEqual(failing.filter((f) => f.ruleId !== 'record.internal'), silent, `${r.name}: the other rules' findings, all of them`);
          fired += run(r.text).length - silent.length;
        }
        assert.ok(fired > 0, `the ${name} rule reports something on these records, so its loss is visible`);
      });
    }
  });

  it('a file that cannot be parsed costs that file alone (record.internal); the run checks the others', () => {
    // Only records with a structured format read `formatIndex`: those throw while parsing.
    const real = cat();
    const broken = Object.create(real, { formatIndex: { get() { throw new Error('injected parse failure'); } } }) as Catalogue;
    const a = join(dir, 'plain.md');
    const b = join(dir, 'soap.md');
    writeFileSync(a, '---\nrecord: session-note\ndate: 2027-02-14\nsession: 3\nphase: middle\n---\n\n# Session 3\n');
    writeFileSync(b, '---\nrecord: session-note\nformat: soap\ndate: 2027-02-14\nsession: 3\nphase: middle\n---\n\n# Session 3\n');
    const results = checkFiles([a, b], broken, new ProfileSet(), []);
    const byPath = new Map(results.map((r) => [r.path, r.findings.map((f) => f.ruleId)]));
    assert.deepEqual(byPath.get(b), ['record.internal']);
    assert.ok(byPath.get(a)!.length > 0 && !byPath.get(a)!.includes('record.internal'), JSON.stringify(byPath.get(a)));
  });

  describe('language server: malformed and unexpected messages', () => {
    let c: TestClient;
    let root: string;
    const errors: string[] = [];
    const note = () => uriOf(join(root, 'teen-grief-spring-2027/notes/2027-04-04-session-09.md'));
    /** A valid request after each fault: the server still answers, and fast. */
    const alive = async (after: string) => {
      const t = performance.now();
      const h = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: note() }, position: { line: 12, character: 4 } });
      assert.ok(h !== undefined, `${after}: answered`);
      assert.equal(c.child.exitCode, null, `${after}: still running; ${c.stderr()}`);
      assert.ok(performance.now() - t < 5000, `${after}: answered in ${performance.now() - t} ms`);
    };
    const frame = (body: string, length = Buffer.byteLength(body)) => c.child.stdin!.write(`Content-Length: ${length}\r\n\r\n${body}`);

    before(async () => {
      root = mkdtempSync(join(tmpdir(), 'gr-faults-lsp-'));
      cpSync(join(ROOT, 'sample'), root, { recursive: true });
      c = startClient();
      c.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => { if (p.type === 1) errors.push(p.message); });
      // Before initialize: notifications and requests are answered or dropped, never fatal.
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: note(), languageId: 'markdown', version: 1, text: 'x' } });
      await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: note() }, position: { line: 0, character: 0 } }).catch(() => undefined);
      await c.conn.sendRequest('initialize', {
        processId: process.pid, rootUri: uriOf(root), workspaceFolders: [{ uri: uriOf(root), name: 'faults' }],
        capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } }, initializationOptions: { trusted: true },
      });
      await c.conn.sendNotification('initialized', {});
      const text = readFileSync(join(root, 'teen-grief-spring-2027/notes/2027-04-04-session-09.md'), 'utf8');
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: note(), languageId: 'markdown', version: 1, text } });
    });
    after(async () => {
      if (c.child.exitCode === null) {
        await c.conn.sendRequest('shutdown');
        await c.conn.sendNotification('exit');
        assert.equal(await c.exited, 0, c.stderr());
      }
      rmSync(root, { recursive: true, force: true });
    });

    it('bodies that are not JSON, not an object, or no message at all', async () => {
      for (const body of ['{"jsonrpc":"2.0",', 'not json at all', '[]', '42', 'null', '{}', '{"jsonrpc":"2.0"}', '{"jsonrpc":"2.0","id":1}', '{"jsonrpc":"1.0","method":"x"}', '{"jsonrpc":"2.0","id":{"a":1},"method":"textDocument/hover"}', '\u0000\u0001\u0002']) {
        frame(body);
        await alive(`body ${JSON.stringify(body)}`);
      }
    });

    it('a Content-Length longer than the body: the bytes it swallows are one bad message, and the server reads on', async () => {
      // 40 bytes announced, 20 sent: the next 20 bytes (padding) complete the body, which is not JSON.
      frame('{"jsonrpc":"2.0","id"', 40);
      c.child.stdin!.write(' '.repeat(40 - Buffer.byteLength('{"jsonrpc":"2.0","id"')));
      await alive('Content-Length too long');
      c.child.stdin!.write('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 2\r\n\r\n{}');
      await alive('extra header');
      c.child.stdin!.write('Content-Length: 2\r\nX-Unknown: 1\r\n\r\n{}');
      await alive('unknown header');
    });

    it('a Content-Length shorter than the body loses the stream (LSP framing cannot resynchronise) but never the process', async () => {
      // A second server: once the rest of a body is read as a header, vscode-jsonrpc reads every
      // later body as a header too. The process must stay up and idle (the editor restarts it).
      const d = startClient();
      await d.conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      d.child.stdin!.write('Content-Length: 10\r\n\r\n{"jsonrpc":"2.0","method":"$/x","params":{}}');
      const lost = await Promise.race([
        d.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///x.md' }, position: { line: 0, character: 0 } }).then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), 1500)),
      ]);
      const cpu = process.cpuUsage();
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(d.child.exitCode, null, 'still running');
      console.log(`      stream ${lost ? 'lost after a short Content-Length (known limitation)' : 'recovered'}; the process is up`);
      void cpu;
      d.child.kill();
    });

    it('unknown methods, and known methods with missing or wrong params', async () => {
      await assert.rejects(c.conn.sendRequest('no/suchMethod', {}));
      await c.conn.sendNotification('no/suchNotification', { x: 1 });
      const uri = note();
      const bad: Array<[string, unknown]> = [
        ['textDocument/hover', {}], ['textDocument/hover', { textDocument: { uri } }], ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: -5 } }],
        ['textDocument/hover', { textDocument: { uri }, position: { line: 1e9, character: 1e9 } }], ['textDocument/hover', { textDocument: { uri: 42 }, position: null }],
        ['textDocument/completion', { textDocument: { uri }, position: 'start' }], ['textDocument/completion', null],
        ['textDocument/codeAction', { textDocument: { uri } }], ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 5, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [{ bogus: true }] } }],
        ['textDocument/documentSymbol', { textDocument: {} }], ['textDocument/diagnostic', { textDocument: { uri: 'not a uri' } }], ['textDocument/diagnostic', {}],
        ['workspace/diagnostic', null], ['groupRecords/status', { uri: 5 }], ['groupRecords/status', null],
        ['groupRecords/newRecord', { folderUri: uriOf(root), kind: 'session-note', date: '../../../../tmp/evil' }], ['groupRecords/newRecord', { folderUri: 7, kind: { a: 1 } }],
        ['groupRecords/approve', { uri, by: { a: 1 }, on: [] }], ['groupRecords/approve', { uri, by: 'K. Chen', on: '2027-13-45' }], ['groupRecords/addendum', { uri, date: null }],
        ['groupRecords/stats', 'x'],
      ];
      for (const [method, params] of bad) {
        let answer: unknown;
        try { answer = await c.conn.sendRequest(method, params); } catch { answer = 'error response'; }
        if (method === 'groupRecords/newRecord' && answer && typeof answer === 'object') {
          // A date from the client must not put the new file outside the group's folder.
          assert.doesNotMatch(String((answer as { fileName?: string }).fileName), /\.\./, 'newRecord file name stays in the folder');
        }
        await alive(`${method} ${JSON.stringify(params)}`);
      }
      // Handlers that failed on nonsense answered with their fallback (null, []) and logged it.
      console.log(`      ${bad.length} bad requests answered; ${errors.filter((e) => / failed: /.test(e)).length} handler failures logged and contained`);
    });

    it('document notifications that make no sense: changes out of range, to unopened documents, versions going back, double opens and closes', async () => {
      const uri = note();
      const other = uriOf(join(root, 'teen-grief-spring-2027/notes/not-open.md'));
      const notes: Array<[string, unknown]> = [
        ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 9999, character: 0 }, end: { line: 10000, character: 5 } }, text: 'appended far away' }] }],
        ['textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 3, character: 40 }, end: { line: 1, character: 0 } }, text: 'reversed range' }] }],
        ['textDocument/didChange', { textDocument: { uri, version: 1 }, contentChanges: [{ text: '---\nrecord: session-note\n---\n# Older version\n' }] }],
        ['textDocument/didChange', { textDocument: { uri: other, version: 2 }, contentChanges: [{ text: 'not open' }] }],
        ['textDocument/didChange', { textDocument: { uri }, contentChanges: null }],
        ['textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 5 } }],
        ['textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 6, text: readFileSync(join(root, 'teen-grief-spring-2027/notes/2027-04-04-session-09.md'), 'utf8') } }],
        ['textDocument/didClose', { textDocument: { uri: other } }],
        ['workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///nowhere/x.md', type: 1 }, { uri: 'garbage', type: 99 }] }],
        ['workspace/didChangeWatchedFiles', null],
        ['workspace/didChangeConfiguration', { settings: { groupRecords: { profile: 'nonsense', rules: 'x', trusted: 'yes' } } }],
        ['workspace/didChangeConfiguration', null],
      ];
      for (const [method, params] of notes) {
        await c.conn.sendNotification(method, params);
        await alive(`${method} ${JSON.stringify(params).slice(0, 120)}`);
      }
      const diags = (await c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: unknown[] };
      assert.ok(Array.isArray(diags.items), 'the document is still checked');
    });

    it('files that appear as pipes, vanish, or turn into folders are reported or skipped; the server never waits on them', async function () {
      const g = join(root, 'teen-grief-spring-2027');
      const changes: Array<{ uri: string; type: number }> = [];
      if (mkfifo(join(g, 'pipe.md'))) changes.push({ uri: uriOf(join(g, 'pipe.md')), type: 1 });
      mkdirSync(join(g, 'pipe-dir'), { recursive: true });
      if (mkfifo(join(g, 'pipe-dir', 'group.yaml'))) changes.push({ uri: uriOf(join(g, 'pipe-dir', 'group.yaml')), type: 1 });
      mkdirSync(join(g, 'folder.md'), { recursive: true });
      changes.push({ uri: uriOf(join(g, 'folder.md')), type: 1 }, { uri: uriOf(join(g, 'vanished.md')), type: 1 }, { uri: uriOf(join(g, 'vanished.md')), type: 2 });
      symlinkSync(join(g, 'nowhere.md'), join(g, 'dangling.md'));
      changes.push({ uri: uriOf(join(g, 'dangling.md')), type: 1 });
      errors.length = 0;
      await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes });
      await alive('watched pipes, folders, vanished files and dangling links');
      const report = (await c.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: Array<{ uri: string; items: Array<{ code?: unknown }> }> };
      const pipe = report.items.find((i) => i.uri.endsWith('/pipe.md'));
      if (pipe) assert.deepEqual(pipe.items.map((d) => d.code), ['record.unreadable']);
      assert.deepEqual(errors, [], 'no handler failed');
    });
  });

  describe('command line: scans where entries vanish or are not files', () => {
    it('a pipe, a dangling link or a folder named on the command line is reported, never waited on', function () {
      const w = join(dir, 'named');
      mkdirSync(join(w, 'folder.md'), { recursive: true });
      writeFileSync(join(w, 'ok.md'), '---\nrecord: plan\ndate: 2027-01-01\n---\n\n# Plan\n');
      symlinkSync(join(w, 'nowhere.md'), join(w, 'dangling.md'));
      const fifo = mkfifo(join(w, 'pipe.md'));
      const r = runCli(['check', 'ok.md', 'dangling.md', 'folder.md', ...(fifo ? ['pipe.md'] : []), '--format', 'json'], { cwd: w, timeout: 20_000 });
      assert.notEqual(r.signal, 'SIGTERM', 'finished without waiting on the pipe');
      assert.equal(r.status, 2, 'a missing path is a usage error (exit 2), after checking the rest');
      assert.match(r.stderr, /cannot read dangling\.md/);
      const out = JSON.parse(r.stdout) as Array<{ file: string; diagnostics: Array<{ code: string }> }>;
      assert.ok(out.some((f) => f.file === 'ok.md'));
      if (fifo) assert.deepEqual(out.find((f) => f.file === 'pipe.md')?.diagnostics.map((d) => d.code), ['record.unreadable']);
      if (fifo) {
        const a = runCli(['approve', 'pipe.md', '--by', 'K. Chen'], { cwd: w, timeout: 20_000 });
        assert.equal(a.status, 1, a.stdout + a.stderr);
        assert.match(a.stdout, /not a regular file/);
      }
    });

    it('files found by the scan and then deleted, replaced by a folder, a pipe or a dangling link before they are read are reported', () => {
      const w = join(dir, 'vanish');
      mkdirSync(w, { recursive: true });
      const note = (n: number) => `---\nrecord: session-note\ndate: 2027-02-14\nsession: ${n}\nphase: middle\n---\n\n# Session ${n}\n`;
      for (let i = 1; i <= 5; i++) writeFileSync(join(w, `n${i}.md`), note(i));
      const found = discover([w]);
      assert.equal(found.records.length, 5);
      unlinkSync(join(w, 'n2.md'));
      unlinkSync(join(w, 'n3.md')); mkdirSync(join(w, 'n3.md'));
      unlinkSync(join(w, 'n4.md')); const fifo = mkfifo(join(w, 'n4.md'));
      unlinkSync(join(w, 'n5.md')); symlinkSync(join(w, 'gone.md'), join(w, 'n5.md'));
      const results = new Map(checkFiles(found.records, cat(), new ProfileSet(), []).map((r) => [r.path, r.findings]));
      assert.ok(results.get(join(w, 'n1.md'))!.length > 0 && !results.get(join(w, 'n1.md'))!.some((f) => f.ruleId === 'record.unreadable'));
      for (const [n, why] of [[2, /ENOENT/], [3, /EISDIR|folder/], ...(fifo ? [[4, /not a regular file/]] : []), [5, /ENOENT/]] as Array<[number, RegExp]>) {
        const fs = results.get(join(w, `n${n}.md`))!;
        assert.deepEqual(fs.map((f) => f.ruleId), ['record.unreadable'], `n${n}.md`);
        assert.match(fs[0].message, why, `n${n}.md`);
      }
    });

    it('files deleted, replaced by folders or pipes, while a run (on worker threads) is under way: the run finishes and reports them', async () => {
      const w = manyRecords(join(dir, 'race'));
      const files: string[] = [];
      const walk = (d: string) => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else if (n.endsWith('.md')) files.push(p); } };
      walk(w);
      assert.ok(files.length >= 150, `${files.length} records: enough for worker threads`);
      const child = spawn(process.execPath, [CLI, 'check', w, '--format', 'json', '--threads', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '', stderr = '';
      child.stdout!.on('data', (d) => { stdout += d; });
      child.stderr!.on('data', (d) => { stderr += d; });
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      // Damage files from the end of the list (checked last), spread over the run's second, while it reads them.
      const damaged: string[] = [];
      await new Promise((r) => setTimeout(r, 200));
      for (let i = files.length - 1; i >= files.length - 90 && child.exitCode === null; i -= 3) {
        const f = files[i];
        const how = (i / 3) % 3 | 0;
        unlinkSync(f);
        if (how === 1) mkdirSync(f);
        if (how === 2) mkfifo(f);
        damaged.push(f);
        await new Promise((r) => setTimeout(r, 15));
      }
      const timer = setTimeout(() => child.kill(), 60_000);
      const code = await exited;
      clearTimeout(timer);
      assert.ok(code === 0 || code === 1, `exit ${code}: ${stderr}`);
      assert.doesNotMatch(stderr, /internal error/);
      const out = parseJsonOutput({ status: code, signal: null, stdout, stderr, ms: 0 });
      assert.ok(out.length > 100, 'the other records were checked');
      console.log(`      ${damaged.length} files damaged during the run; exit ${code}`);
      for (const f of out.filter((x) => damaged.includes(resolve(ROOT, x.file)))) {
        // Read before it was damaged (normal findings), or after (unreadable): never a crash.
        assert.ok(f.diagnostics.every((d) => d.code !== 'record.internal'), JSON.stringify(f));
      }
    });
  });
});
