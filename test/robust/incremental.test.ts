import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT } from '../helpers';
import { killAll, startClient, uriOf, type TestClient } from '../lsp/client';
import { freshIndex, rangeProblems, readFolder, snapshot, type Disk } from '../workspace';
import { WorkspaceIndex } from '../../server/src/workspace/index';
import { cat } from '../helpers';
import { reader } from '../workspace';
import { fcParams, runs, TRICKY } from './support';

/**
 * Random edit sequences applied incrementally give what a fresh parse of the final text gives:
 * to the WorkspaceIndex (each edited record set again, as the server does on every keystroke) and
 * to the language server through didChange with incremental ranges. Edits are typed text, pasted
 * lines, deletions across lines, line-ending changes, characters of several UTF-16 units — and
 * ranges that split a CRLF or a surrogate pair, which a client may send.
 */

type Pos = { line: number; character: number };
interface Edit { from: number; len: number; text: string }

const typed = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('a', ' ', 'e', 'M01', '@M0', '#G', '## ', '- ', '> ', ':', ': ', '\n', '\r\n', '\r', '---', '**', '[!REVIEW] ', 'TBD', 'Next steps', 'record: contract', 'session: 2', 'date: 2027-02-30', '555-123-4567') },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY.filter((t) => t !== '\u0000')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constant('') },
);
const editArb: fc.Arbitrary<Edit> = fc.record({ from: fc.nat(), len: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 200 })), text: typed });

/** Offsets of an edit in a text, taken modulo its length. */
function place(text: string, e: Edit): { start: number; end: number } {
  const start = text.length ? e.from % (text.length + 1) : 0;
  return { start, end: Math.min(text.length, start + e.len) };
}

function listMd(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...listMd(p));
    else if (n.endsWith('.md')) out.push(p);
  }
  return out;
}

describe('robustness: incremental edits agree with a fresh parse', function () {
  this.timeout(180_000);
  after(killAll);

  it('WorkspaceIndex: character-level edit sequences on real records end as a fresh index of the final files', () => {
    const disk = readFolder(join(ROOT, 'sample'));
    const records = [...disk.keys()].filter((p) => p.endsWith('.md')).sort();
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(records.length - 1), fc.array(editArb, { minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 12 }), fc.boolean(), (steps, checkEachStep) => {
      const d: Disk = new Map(disk);
      const index = new WorkspaceIndex(cat(), { read: reader(d) });
      for (const p of [...d.keys()].sort()) if (p.endsWith('group.yaml')) index.setProfile(p, d.get(p)!);
      for (const p of records) index.setRecord(p, d.get(p)!);
      for (const [i, edits] of steps) {
        const path = records[i];
        let text = d.get(path)!;
        for (const e of edits) { const { start, end } = place(text, e); text = text.slice(0, start) + e.text + text.slice(end); }
        d.set(path, text);
        index.setRecord(path, text);
        if (checkEachStep) assert.equal(snapshot(index), snapshot(freshIndex(d)));
      }
      assert.equal(snapshot(index), snapshot(freshIndex(d)));
      assert.deepEqual(rangeProblems(index, d), []);
    }), fcParams(40));
  });

  describe('language server: didChange with incremental ranges', () => {
    let root: string;
    let c: TestClient;
    const errors: string[] = [];
    before(async () => {
      root = mkdtempSync(join(tmpdir(), 'gr-incr-'));
      cpSync(join(ROOT, 'sample'), root, { recursive: true });
      c = startClient();
      // Handlers log their failures (`safe` in lsp/server.ts) as error messages: none may appear.
      c.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => { if (p.type === 1) errors.push(p.message); });
      await c.conn.sendRequest('initialize', {
        processId: process.pid, rootUri: uriOf(root), workspaceFolders: [{ uri: uriOf(root), name: 'incr' }],
        capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } }, initializationOptions: { trusted: true },
      });
      await c.conn.sendNotification('initialized', {});
    });
    after(async () => {
      if (c?.child.exitCode === null) {
        await c.conn.sendRequest('shutdown');
        await c.conn.sendNotification('exit');
        assert.equal(await c.exited, 0, c.stderr());
      }
      rmSync(root, { recursive: true, force: true });
    });

    type Diag = { code?: unknown; message: string; range: { start: Pos; end: Pos } };
    const pull = async (uri: string) => ((await c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diag[] }).items;

    it('after every batch the ranges lie in the document, and the end state equals a full-text sync of the same text', async () => {
      const notes = listMd(root);
      let doc = 0;
      let batches = 0;
      const sequences = fc.sample(fc.tuple(
        fc.nat(notes.length - 1),
        fc.array(fc.array(editArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 10 }),
        fc.constantFrom('\n', '\r\n'),
      ), { numRuns: runs(25), ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) });
      for (const [i, batchList, eol] of sequences) {
        // A new document per sequence, beside the note it copies (same group, same neighbours).
        const path = notes[i].replace(/\.md$/, `-fuzz-${doc++}.md`);
        const uri = uriOf(path);
        let mirror = TextDocument.create(uri, 'markdown', 1, readFileSync(notes[i], 'utf8').replace(/\r?\n/g, eol));
        await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: mirror.getText() } });
        for (const batch of batchList) {
          // One didChange may carry several changes, applied in order (LSP 3.17 §didChange).
          const changes: Array<{ range: { start: Pos; end: Pos }; text: string }> = [];
          let text = mirror.getText();
          for (const e of batch) {
            const { start, end } = place(text, e);
            const tmp = TextDocument.create(uri, 'markdown', 0, text);
            const range = { start: tmp.positionAt(start), end: tmp.positionAt(end) };
            changes.push({ range, text: e.text });
            text = TextDocument.update(tmp, [{ range, text: e.text }], 1).getText();
          }
          mirror = TextDocument.update(mirror, changes, mirror.version + 1);
          assert.equal(mirror.getText(), text);
          await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: mirror.version }, contentChanges: changes });
          batches++;
          for (const d of await pull(uri)) {
            assert.ok(d.range.start.line < mirror.lineCount && d.range.end.line < mirror.lineCount, `${d.code} at ${JSON.stringify(d.range)} is past the last line`);
            assert.deepEqual(mirror.positionAt(mirror.offsetAt(d.range.end)), d.range.end, `${d.code} ends inside its line`);
          }
        }
        const incremental = await pull(uri);
        // The same text sent whole: the server parses it from scratch.
        await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: mirror.version + 1 }, contentChanges: [{ text: mirror.getText() }] });
        const fresh = await pull(uri);
        assert.deepEqual(incremental, fresh, `sequence on ${notes[i]}: incremental and full sync differ`);
        await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
      console.log(`      ${sequences.length} sequences, ${batches} didChange batches`);
      assert.equal(c.child.exitCode, null, c.stderr());
      assert.deepEqual(errors, [], 'the server logged no failure');
    });
  });
});
