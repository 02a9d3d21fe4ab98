import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import { killAll, sampleWorkspace, startClient, uriOf, type TestClient } from './client';

const CLEAN = 'teen-grief-spring-2027/notes/2027-03-14-session-06.md';
const WITH_ERROR = 'teen-grief-spring-2027/notes/2027-04-04-session-09.md';

type Approve = { ok: true; edit: WorkspaceEdit; changed: boolean } | { ok: false; reason: string; needsForce: boolean };
type Addendum = { ok: true; edit: WorkspaceEdit; warning?: string } | { ok: false; reason: string };

async function start(root: string): Promise<TestClient> {
  const c = startClient();
  await c.conn.sendRequest('initialize', {
    processId: process.pid, rootUri: uriOf(root), workspaceFolders: [{ uri: uriOf(root), name: 'sample' }],
    capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } }, initializationOptions: { trusted: true },
  });
  await c.conn.sendNotification('initialized', {});
  return c;
}

/** Applies the edit as an editor would, after checking it names the version it was computed for. */
function apply(text: string, edit: WorkspaceEdit, uri: string, version: number): string {
  const [change] = edit.documentChanges as TextDocumentEdit[];
  assert.deepEqual(change.textDocument, { uri, version });
  return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', version, text), change.edits as never);
}

describe('language server: approve and addendum requests', function () {
  this.timeout(30_000);
  afterEach(killAll);

  it('approves an open record, adds an addendum, and the record stays approved', async () => {
    const root = sampleWorkspace();
    const c = await start(root);
    const uri = uriOf(join(root, CLEAN));
    let text = readFileSync(join(root, CLEAN), 'utf8');
    let version = 1;
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    const codes = async () => ((await c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Array<{ code: string }> }).items.map((d) => d.code);
    const change = async (next: string) => { text = next; version++; await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] }); };

    const a = (await c.conn.sendRequest('groupRecords/approve', { uri, by: 'K. Chen, LCSW', on: '2027-03-18' })) as Approve;
    assert.ok(a.ok, JSON.stringify(a));
    await change(apply(text, a.edit, uri, version));
    assert.match(text, /\nstatus: approved\n(?:.*\n)*approved_by: K\. Chen, LCSW\napproved_on: 2027-03-18\napproved_hash: sha256:[0-9a-f]{64}\n---\n/);
    assert.deepEqual((await codes()).filter((x) => x.startsWith('review.') && x !== 'review.open'), []);

    const add = (await c.conn.sendRequest('groupRecords/addendum', { uri, date: '2027-03-20' })) as Addendum;
    assert.ok(add.ok && !add.warning, JSON.stringify(add));
    const before = text;
    await change(apply(text, add.edit, uri, version) + 'M03 called back.\n');
    assert.equal(text, before + '## Addendum — 2027-03-20\n\nM03 called back.\n');
    assert.ok(!(await codes()).includes('review.changed-after-approval'));
    await change(text.replace('\n---\n', '\n---\nEdited above the addendum.\n'));
    assert.ok((await codes()).includes('review.changed-after-approval'));

    await c.conn.sendRequest('shutdown');
    await c.conn.sendNotification('exit');
  });

  it('asks for force only over error-level findings; a document not open is refused', async () => {
    const root = sampleWorkspace();
    const c = await start(root);
    const uri = uriOf(join(root, WITH_ERROR));
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(join(root, WITH_ERROR), 'utf8') } });
    const r = (await c.conn.sendRequest('groupRecords/approve', { uri, by: 'K. Chen', on: '2027-03-18' })) as Approve;
    assert.ok(!r.ok && r.needsForce && /error-level finding/.test(r.reason), JSON.stringify(r));
    const forced = (await c.conn.sendRequest('groupRecords/approve', { uri, by: 'K. Chen', on: '2027-03-18', force: true })) as Approve;
    assert.ok(forced.ok);
    const closed = (await c.conn.sendRequest('groupRecords/approve', { uri: uriOf(join(root, CLEAN)), by: 'K. Chen', on: '2027-03-18' })) as Approve;
    assert.ok(!closed.ok && !closed.needsForce);
    await c.conn.sendRequest('shutdown');
    await c.conn.sendNotification('exit');
  });
});
