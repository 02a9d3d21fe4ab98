import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { killAll, poll, sampleWorkspace, startClient, uriOf, type TestClient } from './client';

const NOTE = 'teen-grief-spring-2027/notes/2027-04-04-session-09.md';

type Diag = { code: string; range: { start: { line: number } }; codeDescription?: { href: string }; relatedInformation?: unknown[] };

async function initialize(c: TestClient, root: string, pull: boolean): Promise<{ capabilities: Record<string, unknown> }> {
  const r = await c.conn.sendRequest('initialize', {
    processId: process.pid, rootUri: uriOf(root), workspaceFolders: [{ uri: uriOf(root), name: 'sample' }],
    capabilities: { textDocument: { ...(pull ? { diagnostic: { dynamicRegistration: false } } : {}), completion: { completionItem: { snippetSupport: true } } }, workspace: { diagnostics: { refreshSupport: true } } },
    initializationOptions: { trusted: true },
  }) as { capabilities: Record<string, unknown> };
  await c.conn.sendNotification('initialized', {});
  return r;
}

async function shutdown(c: TestClient): Promise<void> {
  await c.conn.sendRequest('shutdown');
  await c.conn.sendNotification('exit');
  assert.equal(await c.exited, 0, c.stderr());
  c.conn.dispose();
}

describe('language server over stdio', function () {
  this.timeout(30_000);
  afterEach(killAll);

  it('initialize, open, change, pull diagnostics, completion, hover, code action, symbols, shutdown, exit', async () => {
    const root = sampleWorkspace();
    const c = startClient();
    const init = await initialize(c, root, true);
    assert.ok(init.capabilities.diagnosticProvider, 'announces pull diagnostics');
    assert.ok(init.capabilities.completionProvider && init.capabilities.hoverProvider && init.capabilities.codeActionProvider);

    const path = join(root, NOTE);
    const uri = uriOf(path);
    const text = readFileSync(path, 'utf8');
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const pullCodes = async () => ((await c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diag[] }).items;
    const first = await pullCodes();
    assert.ok(first.some((d) => d.code === 'note.next-steps'), JSON.stringify(first.map((d) => d.code)));
    const d = first.find((x) => x.code === 'note.next-steps')!;
    assert.match(d.codeDescription!.href, /note\.next-steps\.md$/);

    // Incremental change: add a Next steps section at the end of the document.
    const lines = text.split('\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    await c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: end, end }, text: '\n\n## Next steps\n\nMembers will bring a photo next week.\n' }],
    });
    const second = await pullCodes();
    assert.ok(!second.some((x) => x.code === 'note.next-steps'), JSON.stringify(second.map((x) => x.code)));

    // Completion after `@` offers member ids.
    const lineCount = text.split('\n').length + 4;
    await c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: lineCount, character: 0 }, end: { line: lineCount, character: 0 } }, text: 'Check in with @' }],
    });
    const items = (await c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: lineCount, character: 15 } })) as Array<{ label: string }> | { items: Array<{ label: string }> };
    const labels = (Array.isArray(items) ? items : items.items).map((i) => i.label);
    assert.ok(labels.some((l) => /^M\d+/.test(l)), JSON.stringify(labels));

    // Hover on the title heading or a section heading returns Markdown.
    const headingLine = text.split('\n').findIndex((l) => /^## /.test(l));
    const h = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: headingLine, character: 4 } })) as { contents: { value: string } } | null;
    assert.ok(h && /[IV]+\.[A-Z]/.test(h.contents.value), JSON.stringify(h));

    // Code actions at the empty section's finding.
    const diags = (await pullCodes());
    const empty = diags.find((x) => x.code === 'record.empty-section');
    if (empty) {
      const actions = (await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: empty.range, context: { diagnostics: [empty] } })) as unknown[];
      assert.ok(Array.isArray(actions));
    }
    const all = (await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source'] } })) as unknown[];
    assert.ok(Array.isArray(all));

    type Sym = { name: string; children?: Sym[] };
    const symbols = (await c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as Sym[];
    const names = (list: Sym[]): string[] => list.flatMap((s) => [s.name, ...names(s.children ?? [])]);
    assert.ok(names(symbols).some((n) => /Next steps/i.test(n)), JSON.stringify(names(symbols)));

    const status = (await c.conn.sendRequest('groupRecords/status', { uri })) as { text: string };
    assert.match(status.text, /Session note/i);
    await shutdown(c);
  });

  it('reports findings in other files: a duplicate session number across two notes (workspace diagnostics)', async () => {
    const root = sampleWorkspace();
    const src = join(root, 'teen-grief-spring-2027/notes/2027-04-04-session-09.md');
    const copy = join(root, 'teen-grief-spring-2027/notes/2027-04-11-session-09-copy.md');
    writeFileSync(copy, readFileSync(src, 'utf8').replace(/^date: .*$/m, 'date: 2027-04-11'));
    const c = startClient();
    await initialize(c, root, true);
    const report = await poll(async () => {
      const r = (await c.conn.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as { items: Array<{ uri: string; items: Diag[] }> };
      return r.items.find((i) => i.uri.endsWith('session-09-copy.md') && i.items.some((d) => d.code === 'sessions.duplicate'));
    }, 'sessions.duplicate in the workspace report');
    const dup = report.items.find((d) => d.code === 'sessions.duplicate')!;
    assert.ok(dup.relatedInformation?.length, 'points at the other note');
    await shutdown(c);
  });

  it('pushes diagnostics to a client without pull support (Neovim 0.7)', async () => {
    const root = sampleWorkspace();
    const c = startClient();
    const init = await initialize(c, root, false);
    assert.equal(init.capabilities.diagnosticProvider, undefined);
    const path = join(root, NOTE);
    const uri = uriOf(path);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(path, 'utf8') } });
    const diags = await poll(() => (c.published.get(uri) as Diag[] | undefined)?.length ? (c.published.get(uri) as Diag[]) : undefined, 'published diagnostics');
    assert.ok(diags.some((d) => d.code === 'note.next-steps'));
    await shutdown(c);
  });

  it('fills a new session note from the group (groupRecords/newRecord) and counts parses (groupRecords/stats)', async () => {
    const root = sampleWorkspace();
    const c = startClient();
    await initialize(c, root, true);
    await poll(async () => ((await c.conn.sendRequest('groupRecords/stats')) as { records: number }).records >= 7, 'the scan');
    const r = (await c.conn.sendRequest('groupRecords/newRecord', { folderUri: uriOf(join(root, 'teen-grief-spring-2027/notes')), kind: 'session-note', date: '2027-04-11' })) as { fileName: string; text: string; groupFolderUri: string };
    assert.equal(r.fileName, 'notes/2027-04-11-session-10.md');
    assert.match(r.text, /^---\nrecord: session-note\ngroup: teen-grief-spring-2027\ndate: 2027-04-11\nsession: 10\n/);
    assert.ok(r.groupFolderUri.endsWith('/teen-grief-spring-2027'));
    assert.equal(await c.conn.sendRequest('groupRecords/newRecord', { folderUri: uriOf(root), kind: 'memo' }), null);
    await shutdown(c);
  });

  it('checks a huge document on a worker thread and keeps answering meanwhile', async () => {
    const root = sampleWorkspace();
    const c = startClient();
    await initialize(c, root, true);
    const path = join(root, NOTE);
    const uri = uriOf(path);
    const base = readFileSync(path, 'utf8');
    // Over 256 KB: the session summary grows by many paragraphs.
    const text = base.replace('## ', `## Session notes in full\n\n${'Members talked about their week and supported one another. '.repeat(8).concat('\n\n').repeat(700)}## `);
    assert.ok(text.length > 300_000);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const items = (await c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } })) as unknown[];
    assert.ok(Array.isArray(items), 'completion answers while the check runs');
    await poll(async () => ((await c.conn.sendRequest('groupRecords/stats')) as { backgroundPending: number }).backgroundPending === 0, 'the background check');
    const diags = ((await c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diag[] }).items;
    assert.ok(diags.some((d) => d.code === 'note.next-steps'), JSON.stringify(diags.map((d) => d.code)));
    await shutdown(c);
  });

  it('applies .group-records.yaml as edited in the editor, and reports its problems at their position', async () => {
    const root = sampleWorkspace();
    const c = startClient();
    await initialize(c, root, true);
    const note = join(root, NOTE);
    const noteUri = uriOf(note);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: noteUri, languageId: 'markdown', version: 1, text: readFileSync(note, 'utf8') } });
    const codes = async () => ((await c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: noteUri } })) as { items: Diag[] }).items.map((d) => d.code);
    assert.ok((await codes()).includes('note.next-steps'));
    const cfg = join(root, '.group-records.yaml');
    const cfgUri = uriOf(cfg);
    writeFileSync(cfg, '');
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: cfgUri, languageId: 'yaml', version: 1, text: 'rules:\n  note.next-steps: off\nprofil: student\n' } });
    await poll(async () => !(await codes()).includes('note.next-steps'), 'the rule switched off by the open configuration');
    const cfgDiags = ((await c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: cfgUri } })) as { items: Diag[] }).items;
    const bad = cfgDiags.find((d) => d.code === 'config.invalid');
    assert.ok(bad, JSON.stringify(cfgDiags));
    assert.equal(bad.range.start.line, 2);
    await shutdown(c);
  });

  it('survives a malformed message and an unknown method', async () => {
    const root = sampleWorkspace();
    const c = startClient();
    await initialize(c, root, true);
    c.child.stdin!.write('Content-Length: 17\r\n\r\n{"jsonrpc":"2.0",');
    c.child.stdin!.write('Content-Length: 2\r\n\r\n{}');
    await assert.rejects(c.conn.sendRequest('no/suchMethod', {}));
    const r = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nowhere.md' }, position: { line: 0, character: 0 } });
    assert.equal(r, null);
    await shutdown(c);
  });
});
