import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAll, startClient, uriOf, type TestClient } from '../lsp/client';
import { limitRows, manyRecords, NOTE_HEAD, parseJsonOutput, printLimitRows, runCli } from './support';

/**
 * Hostile inputs, each through the command line (spawned on a temp file, timed) and through the
 * language server (opened over stdio, timed): each gets a finding saying what was limited, in
 * bounded time, and while the server works on one, a hover on another small document is answered.
 * The figures are printed as a table at the end; the bounds here are hang guards, not benchmarks.
 */

const MB = 1024 * 1024;
const HANG_GUARD_MS = 60_000;

interface Hostile {
  name: string;
  make: () => Buffer;
  /** Codes the CLI must report (one of them at least when several are listed with `|`). */
  cli: string;
  /** Codes the server must report for the document opened with this text; undefined: not an editor case. */
  server?: string;
  /** A message fragment saying what was limited. */
  says: RegExp;
}

const ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n';
const withFm = (yaml: string, body = '# Session 3\n\n## Summary\nMembers talked.\n') => `---\nrecord: session-note\ndate: 2027-02-14\nsession: 3\nphase: middle\n${yaml}---\n\n${body}`;
const repeatToBuffer = (head: string, unit: string, bytes: number) => {
  const u = Buffer.from(unit);
  const n = Math.ceil(bytes / u.length);
  return Buffer.concat([Buffer.from(head), Buffer.alloc(n * u.length, u)]);
};

const HOSTILE: Hostile[] = [
  { name: 'YAML alias bomb (billion laughs)', make: () => Buffer.from(withFm(ALIAS_BOMB)), cli: 'record.frontmatter', server: 'record.frontmatter', says: /aliases are limited to 100/ },
  { name: 'YAML flow lists nested 10,000 deep', make: () => Buffer.from(withFm(`x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`)), cli: 'record.frontmatter', server: 'record.frontmatter', says: /more than 64 levels deep/ },
  { name: 'YAML flow maps nested 10,000 deep', make: () => Buffer.from(withFm(`x: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`)), cli: 'record.frontmatter', server: 'record.frontmatter', says: /more than 64 levels deep/ },
  { name: 'YAML block lists nested 30,000 deep', make: () => Buffer.from(withFm(`x:\n  ${'- '.repeat(30_000)}1\n`)), cli: 'record.frontmatter', server: 'record.frontmatter', says: /more than 64 levels deep/ },
  { name: 'Markdown lists nested 10,000 deep (one line)', make: () => Buffer.from(NOTE_HEAD + '- '.repeat(10_000) + 'text\n'), cli: 'record.limit', server: 'record.limit', says: /nested more than 24 deep/ },
  { name: 'Markdown lists nested 1,000 deep (indented)', make: () => Buffer.from(NOTE_HEAD + Array.from({ length: 1000 }, (_, i) => ' '.repeat(2 * i) + '- item').join('\n') + '\n'), cli: 'record.limit', server: 'record.limit', says: /indented \d+ columns/ },
  { name: 'blockquotes nested 10,000 deep', make: () => Buffer.from(NOTE_HEAD + '>'.repeat(10_000) + ' deep\n'), cli: 'record.limit', server: 'record.limit', says: /nested more than 24 deep/ },
  { name: 'blockquotes 2,000 deep, one level more per line', make: () => Buffer.from(NOTE_HEAD + Array.from({ length: 2000 }, (_, i) => '>'.repeat(i + 1) + ' q').join('\n') + '\n'), cli: 'record.limit', server: 'record.limit', says: /nested more than 24 deep/ },
  { name: '50 MB file', make: () => repeatToBuffer(NOTE_HEAD, 'Members shared stories about loss and school; the worker invited responses.\n', 50 * MB), cli: 'record.limit', server: 'record.limit', says: /only (its|the) first [\d.]+ (MB|KB)/ },
  { name: 'a million headings', make: () => repeatToBuffer(NOTE_HEAD, '## Heading\n', 11 * MB), cli: 'record.limit', server: 'record.limit', says: /only the first [\d.]+ (MB|KB) \(to line 25001\)/ },
  { name: '10,000 nested list items in 100 KB', make: () => Buffer.from(NOTE_HEAD + '## Summary\n\n' + '- a\n  - b\n'.repeat(10_000)), cli: 'record.limit', server: 'record.limit', says: /more than 500 nested list items/ },
  { name: 'a list of 300,000 items', make: () => Buffer.from(NOTE_HEAD + '## Summary\n\n' + '- a\n'.repeat(300_000)), cli: 'record.limit', server: 'record.limit', says: /to line 25001/ },
  { name: '1.3 MB of one-word paragraphs', make: () => Buffer.from(NOTE_HEAD + '## Summary\n\n' + 'a\n\n'.repeat(433_000)), cli: 'record.limit', server: 'record.limit', says: /to line 25001/ },
  { name: '1 MB single line of prose (read whole)', make: () => Buffer.from(NOTE_HEAD + '## Summary\n' + 'Members talked about school. '.repeat(Math.ceil(MB / 28)) + '\n'), cli: '', server: '', says: /^$/ },
  { name: '1 MB single line of emphasis marks', make: () => Buffer.from(NOTE_HEAD + '## Summary\n' + '*a_ '.repeat(MB / 4) + '\n'), cli: 'record.limit', server: 'record.limit', says: /more than 2000 emphasis/ },
  { name: '1 MB single front-matter line', make: () => Buffer.from(withFm(`author: "${'x'.repeat(MB)}"\n`)), cli: 'record.frontmatter', server: 'record.frontmatter', says: /reads at most 64 KB/ },
  { name: 'NUL bytes', make: () => Buffer.concat([Buffer.from(NOTE_HEAD + 'Before'), Buffer.from([0, 0, 1]), Buffer.from(' after.\n')]), cli: 'record.encoding', says: /NUL bytes/ },
  { name: 'invalid UTF-8', make: () => Buffer.concat([Buffer.from(NOTE_HEAD + 'Caf'), Buffer.from([0xe9, 0xff, 0xc0]), Buffer.from(' on Tuesday.\n')]), cli: 'record.encoding', says: /not valid UTF-8/ },
];

type Diag = { code?: unknown; message: string };

describe('robustness: limits (hostile inputs through the CLI and the server)', function () {
  this.timeout(600_000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'gr-limits-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); printLimitRows(); });

  describe('command line', () => {
    for (const h of HOSTILE) {
      it(h.name, () => {
        const file = join(dir, `cli-${h.name.replace(/\W+/g, '-')}.md`);
        writeFileSync(file, h.make());
        const r = runCli(['check', file, '--format', 'json'], { cwd: dir, timeout: HANG_GUARD_MS });
        const out = parseJsonOutput(r);
        const diags = out.flatMap((f) => f.diagnostics);
        const codes = [...new Set(diags.map((d) => d.code))];
        limitRows.push({ input: h.name, via: 'cli', ms: r.ms, codes: codes.filter((c) => /^record\.(limit|encoding|frontmatter)/.test(c)).join(', ') || '(none)' });
        if (h.cli) {
          const said = diags.filter((d) => d.code === h.cli);
          assert.ok(said.length, `${h.cli} not in ${codes.join(', ')}`);
          assert.ok(said.some((d) => h.says.test(d.message)), `${h.cli} says what was limited: ${said.map((d) => d.message).join(' | ')}`);
        } else {
          assert.ok(!codes.some((c) => /^record\.(limit|encoding)$/.test(c)), `nothing limited: ${codes.join(', ')}`);
        }
        assert.ok(r.ms < HANG_GUARD_MS);
        rmSync(file);
      });
    }
  });

  it('command line: huge files among 150+ records (worker threads with capped heaps) give the findings a single-threaded run gives', () => {
    const w = manyRecords(join(dir, 'many'));
    const group = readdirSync(w).find((n) => statSync(join(w, n)).isDirectory())!;
    for (const h of HOSTILE.filter((x) => /50 MB|million headings|300,000/.test(x.name))) writeFileSync(join(w, group, `${h.name.replace(/\W+/g, '-')}.md`), h.make());
    const threaded = runCli(['check', w, '--format', 'json', '--threads', '2'], { cwd: w, timeout: 120_000 });
    const single = runCli(['check', w, '--format', 'json', '--threads', '0'], { cwd: w, timeout: 120_000 });
    assert.doesNotMatch(threaded.stderr, /internal error|out of memory/i);
    assert.equal(threaded.status, single.status, threaded.stderr);
    assert.equal(threaded.stdout, single.stdout);
    limitRows.push({ input: '3 huge files among 160+ records', via: 'cli', ms: threaded.ms, codes: 'record.limit', note: `worker threads; ${Math.round(single.ms)} ms on one thread` });
    rmSync(w, { recursive: true, force: true });
  });

  it('command line: a 50 MB group.yaml, and one nested 10,000 deep, are refused with a finding', () => {
    for (const [name, text, says] of [
      ['50 MB group.yaml', 'id: g\nname: G\nmembers:\n' + '  - { id: M01, initials: A.A., joined: 2027-01-10, consent: 2027-01-03 }\n'.repeat(700_000), /reads at most 256 KB/],
      ['group.yaml nested 10,000 deep', `id: g\nname: G\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, /more than 64 levels deep/],
    ] as const) {
      const g = join(dir, `profile-${name.replace(/\W+/g, '-')}`);
      mkdirSync(g, { recursive: true });
      writeFileSync(join(g, 'group.yaml'), text);
      writeFileSync(join(g, 'note.md'), NOTE_HEAD + '## Summary\nMembers talked.\n');
      const r = runCli(['check', g, '--format', 'json'], { cwd: g, timeout: HANG_GUARD_MS });
      const diags = parseJsonOutput(r).flatMap((f) => f.diagnostics);
      limitRows.push({ input: name, via: 'cli', ms: r.ms, codes: [...new Set(diags.map((d) => d.code).filter((c) => c === 'group.profile'))].join(', ') || '(none)' });
      assert.ok(diags.some((d) => d.code === 'group.profile' && says.test(d.message)), `${name}: ${diags.map((d) => d.code).join(', ')}`);
      rmSync(g, { recursive: true, force: true });
    }
  });

  describe('language server', () => {
    let c: TestClient;
    let root: string;
    const small = () => uriOf(join(root, 'g', 'small.md'));
    const errors: string[] = [];
    const pull = async (uri: string) => ((await c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diag[] }).items;
    const hoverMs = async () => {
      const t = performance.now();
      const h = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: small() }, position: { line: 10, character: 4 } });
      assert.ok(h, 'the hover on the small document answers');
      return performance.now() - t;
    };

    before(async () => {
      root = join(dir, 'ws');
      mkdirSync(join(root, 'g'), { recursive: true });
      writeFileSync(join(root, 'g', 'group.yaml'), 'id: g\nname: G\ntype: support\nworkers: ["A. Worker"]\nmembers:\n  - { id: M01, initials: A.A., joined: 2027-01-10, consent: 2027-01-03 }\n');
      c = startClient();
      c.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => { if (p.type === 1) errors.push(p.message); });
      await c.conn.sendRequest('initialize', {
        processId: process.pid, rootUri: uriOf(root), workspaceFolders: [{ uri: uriOf(root), name: 'limits' }],
        capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } }, initializationOptions: { trusted: true },
      });
      await c.conn.sendNotification('initialized', {});
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: small(), languageId: 'markdown', version: 1, text: NOTE_HEAD + '## Summary\n\nMembers talked.\n' } });
      const idle = await hoverMs();
      limitRows.push({ input: '(hover on a small document, idle server)', via: 'server', ms: idle, codes: '' });
    });
    after(async () => {
      if (c.child.exitCode === null) {
        await c.conn.sendRequest('shutdown');
        await c.conn.sendNotification('exit');
        await c.exited;
      }
      killAll();
    });

    for (const h of HOSTILE.filter((x) => x.server !== undefined)) {
      it(`${h.name}: a finding, and hovers on another document answered meanwhile`, async () => {
        const uri = uriOf(join(root, 'g', `big-${h.name.replace(/\W+/g, '-')}.md`));
        const text = h.make().toString('utf8');
        const t0 = performance.now();
        await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
        // The pull starts the check; a hover on the small document right behind it shows whether the server is blocked.
        const first = pull(uri);
        const hover = await hoverMs();
        const firstItems = await first;
        const firstMs = performance.now() - t0;
        // A huge document is checked on a worker: poll until its findings have landed.
        let items = firstItems;
        const want = h.server!;
        while (want && !items.some((d) => d.code === want) && performance.now() - t0 < HANG_GUARD_MS) {
          await new Promise((r) => setTimeout(r, 50));
          items = await pull(uri);
        }
        const readyMs = performance.now() - t0;
        const hover2 = await hoverMs();
        const codes = [...new Set(items.map((d) => String(d.code)))];
        limitRows.push({
          input: h.name, via: 'server', ms: readyMs, codes: codes.filter((x) => /^record\.(limit|encoding|frontmatter)/.test(x)).join(', ') || '(none)',
          note: `first pull ${Math.round(firstMs)} ms, hover meanwhile ${Math.round(hover)} ms, after ${Math.round(hover2)} ms`,
        });
        if (want) {
          const said = items.filter((d) => d.code === want);
          assert.ok(said.length, `${want} not in ${codes.join(', ')}`);
          assert.ok(said.some((d) => h.says.test(d.message)), `${want} says what was limited: ${said.map((d) => d.message).join(' | ')}`);
        } else {
          assert.ok(!codes.some((x) => /^record\.(limit|encoding)$/.test(x)), `nothing limited: ${codes.join(', ')}`);
        }
        await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
        assert.equal(c.child.exitCode, null, c.stderr());
        assert.deepEqual(errors, [], 'no handler failed');
      });
    }

    it('files on disk that are not UTF-8 or hold NUL bytes are reported by the workspace scan', async () => {
      const sub = join(root, 'g', 'disk');
      mkdirSync(sub, { recursive: true });
      for (const h of HOSTILE.filter((x) => x.cli === 'record.encoding')) writeFileSync(join(sub, `${h.name.replace(/\W+/g, '-')}.md`), h.make());
      const t0 = performance.now();
      // A new file seen by the watcher is read from disk (the server has no editor text for it).
      await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: HOSTILE.filter((x) => x.cli === 'record.encoding').map((h) => ({ uri: uriOf(join(sub, `${h.name.replace(/\W+/g, '-')}.md`)), type: 1 })) });
      const report = (await c.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: Array<{ uri: string; items: Diag[] }> };
      const ms = performance.now() - t0;
      for (const h of HOSTILE.filter((x) => x.cli === 'record.encoding')) {
        const file = report.items.find((i) => i.uri.endsWith(`${h.name.replace(/\W+/g, '-')}.md`));
        assert.ok(file?.items.some((d) => d.code === 'record.encoding' && h.says.test(d.message)), `${h.name}: ${JSON.stringify(file?.items.map((d) => d.code))}`);
        limitRows.push({ input: h.name, via: 'server', ms, codes: 'record.encoding', note: 'file on disk, workspace diagnostics' });
      }
    });
  });
});
