import assert from 'node:assert/strict';
import fc from 'fast-check';
import { arrayChunks, writeChunks } from '../../server/src/cli/format/jsonStream';
import { jsonChunks } from '../../server/src/cli/format/json';
import { sarifChunks } from '../../server/src/cli/format/sarif';
import type { FileResult } from '../../server/src/cli/results';
import { cat } from '../helpers';

/** The command line writes its reports a piece at a time; the pieces must make the same document. */
const joined = (chunks: Iterable<string>) => { let s = ''; writeChunks(chunks, (x) => { s += x; }); return s; };

const result = (file: string, n: number): FileResult => ({
  file,
  diagnostics: Array.from({ length: n }, (_, i) => ({ code: i % 2 ? 'note.summary' : 'privacy.identifier', severity: i % 2 ? 'warning' : 'error', message: `“quoted” ${file} ${i}\nline`, range: { start: { line: i, character: 0 }, end: { line: i, character: 4 } }, ...(i % 3 ? { standard: 'III.A.1' } : {}) })),
});

describe('reports written in pieces', () => {
  it('arrayChunks is JSON.stringify(…, null, 2) at any depth, for any array', () => {
    fc.assert(fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.integer({ min: 0, max: 4 }), (items, depth) => {
      const wrapped = (v: unknown): unknown => { let x = v; for (let i = 0; i < depth; i++) x = { k: [x] }; return x; };
      // Nest the array `depth` levels down with the marker, then put the pieces in its place.
      const marker = '\u0000m\u0000';
      const [head, tail] = JSON.stringify(wrapped(marker), null, 2).split(JSON.stringify(marker));
      assert.equal(head + joined(arrayChunks(items, depth * 2)) + tail, JSON.stringify(wrapped(items), null, 2));
    }), { numRuns: 300 });
  });

  it('--format json: the same text as one JSON.stringify, empty or with 3,000 files', () => {
    for (const results of [[], [result('a.md', 0)], Array.from({ length: 3000 }, (_, i) => result(`notes/${i}.md`, i % 4))]) {
      assert.equal(joined(jsonChunks(results)), JSON.stringify(results, null, 2) + '\n');
    }
  });

  it('--format sarif: valid JSON whose results are every diagnostic, in order', () => {
    const results = Array.from({ length: 500 }, (_, i) => result(`n ${i}.md`, i % 3));
    const sarif = JSON.parse(joined(sarifChunks(results, cat(), '1.0.0')));
    const got = sarif.runs[0].results as Array<{ ruleId: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
    const want = results.flatMap((r) => r.diagnostics.map((d) => [d.code, d.message, encodeURI(r.file)]));
    assert.deepEqual(got.map((x) => [x.ruleId, x.message.text, x.locations[0].physicalLocation.artifactLocation.uri]), want);
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].tool.driver.rules.length > 40);
    const empty = JSON.parse(joined(sarifChunks([], cat(), '1.0.0')));
    assert.deepEqual(empty.runs[0].results, []);
  });
});
