import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { markdownFiles, ROOT, withGeneratedCorpus } from '../helpers';
import { flatYaml } from '../../server/src/core/flatYaml';
import { splitFrontMatter } from '../../server/src/core/frontmatter';

/**
 * flatYaml reads the common shapes of front matter without the YAML parser. Wherever it accepts a
 * text, the parser (with the options parseYaml uses) must read it without errors and give the
 * same keys, values, node kinds, quoting styles and offsets.
 */

/** What the checks read of a node: its kind, style, offsets, value and children. */
function shape(n: unknown): unknown {
  if (isScalar(n)) return { scalar: n.type, range: n.range?.slice(0, 2), value: n.value };
  if (isSeq(n)) return { seq: !!n.flow, range: n.range?.slice(0, 2), items: n.items.map(shape) };
  if (isMap(n)) return { map: !!n.flow, range: n.range?.slice(0, 2), items: n.items.map(shape) };
  if (isPair(n)) return { key: shape(n.key), value: shape(n.value) };
  return { other: String(n) };
}

function viaParser(yaml: string): unknown {
  const doc = parseDocument(yaml, { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
  if (doc.errors.length) return { errors: doc.errors.map((e) => e.code) };
  if (doc.contents === null) return [];
  if (!isMap(doc.contents) || doc.contents.flow) return { notBlockMap: true };
  return doc.contents.items.map((p) => ({ key: String((p.key as Node & { value: unknown }).value), keyRange: (p.key as Node).range?.slice(0, 2), node: shape(p.value), value: (p.value as Node).toJS(doc) }));
}

function viaFlat(yaml: string): unknown {
  return flatYaml(yaml)?.map((e) => ({ key: e.key, keyRange: [e.keyStart, e.keyEnd], node: shape(e.node), value: e.value }));
}

/** Returns whether flatYaml took the text. */
function agrees(yaml: string): boolean {
  const flat = viaFlat(yaml);
  if (flat === undefined) return false;
  assert.deepEqual(flat, viaParser(yaml), JSON.stringify(yaml));
  return true;
}

function frontMatters(dir: string): string[] {
  return markdownFiles(dir).map((p) => splitFrontMatter(readFileSync(p, 'utf8'))).filter((fm) => fm?.closed).map((fm) => fm!.yaml);
}

describe('flatYaml reads front matter as the YAML parser does', function () {
  it('on every record in the repository', function () {
    const all = ['test', 'sample', 'docs'].flatMap((d) => (existsSync(join(ROOT, d)) ? frontMatters(join(ROOT, d)) : []));
    const taken = all.filter(agrees).length;
    assert.ok(all.length > 100 && taken > 50, `${taken} of ${all.length}`);
  });

  it('on a generated corpus, taking nearly all of it', function () {
    const ran = withGeneratedCorpus('flat', (files) => {
      const all = files.map((f) => splitFrontMatter(readFileSync(f, 'utf8'))).filter((fm) => fm?.closed).map((fm) => fm!.yaml);
      const taken = all.filter(agrees).length;
      // The fast path is only worth having if it takes the front matter records really have.
      assert.ok(taken >= all.length * 0.9, `${taken} of ${all.length}`);
    });
    if (!ran) this.skip();
  });

  const cases: Record<string, string> = {
    'a session note': 'record: session-note\ngroup: g-1\ndate: 2027-09-11\nauthor: "S. Lindqvist, BSW"\nsession: 12\nphase: middle\nattendance: { present: [M01, M02], absent: [] }\nstatus: draft\n',
    'CRLF and trailing spaces': 'record: plan  \r\nauthor: [\'A. B\', "C, D"]\r\nsession: 0\r\n',
    'no final line break': 'record: contract',
    'empty': '',
  };
  for (const [name, text] of Object.entries(cases)) it(`takes ${name}`, () => assert.ok(agrees(text) || text === ''));

  const refused: Record<string, string> = {
    'a comment': 'record: plan # the plan\n',
    'a repeated key': 'record: plan\nrecord: note\n',
    'a boolean': 'open: true\n',
    'a null': 'approved_by: ~\n',
    'a float': 'session: 1.5\n',
    'a leading zero': 'session: 007\n',
    'an escape': 'author: "A\\tB"\n',
    'a doubled quote': "author: 'it''s'\n",
    'a block list': 'author:\n  - A\n  - B\n',
    'a continued plain value': 'author: A\n  B\n',
    'a tab': 'record:\tplan\n',
    'an anchor': 'a: &x y\nb: *x\n',
    'a trailing comma': 'author: [A, B,]\n',
    'a nested list': 'a: [[b]]\n',
    'a key that is not a word': '"record": plan\n',
    '__proto__': '__proto__: x\n',
    'a document marker': 'record: plan\n---\n',
    'an empty value': 'approved_by:\n',
  };
  for (const [name, text] of Object.entries(refused)) it(`leaves ${name} to the parser`, () => assert.equal(flatYaml(text), undefined));

  it('on random front matter (fast-check)', function () {
    // Mostly what records hold, with a share of everything the fast path must refuse.
    const usual = <T>(common: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) => fc.oneof({ arbitrary: common, weight: 6 }, { arbitrary: odd, weight: 1 });
    const key = usual(fc.constantFrom('record', 'group', 'date', 'author', 'session', 'a-b', 'x_y'), fc.constantFrom('true', 'Null', '__proto__', 'é', '"q"', '1'));
    const word = usual(fc.constantFrom('plan', 'M01', 'S. Lindqvist, BSW', 'it\'s', 'a b', '2027-09-11', '12', '0', 'x.y@z'), fc.constantFrom('2027-9-1', '007', '1.5', '-3', '+4', '.5', '1e3', '0x1F', '~', 'null', 'NULL', 'true', 'False', 'yes', 'no', '@me', '#x', 'a #b', 'a#b', 'a: b', 'a:b', 'a:', '-x', '- x', '?x', '*x', '&x', '!x', '%x', '|', '>', '`x`', 'é', '😀', '', ' ', '\t'));
    const quoted = fc.tuple(fc.constantFrom('"', "'"), word, usual(fc.constant(''), fc.constantFrom('"', "'", '\\"', '\\'))).map(([q, w, t]) => q + w + t + q);
    const scalar = fc.oneof(word, quoted);
    const list = fc.tuple(fc.array(scalar, { maxLength: 4 }), fc.constantFrom(', ', ',', ' , ', ',  '), usual(fc.constantFrom('', ' '), fc.constant(','))).map(([xs, sep, pad]) => `[${pad === ',' ? '' : pad}${xs.join(sep)}${pad}]`);
    const map = fc.array(fc.tuple(key, usual(fc.constantFrom(': ', ':  '), fc.constantFrom(':', ' : ')), fc.oneof(scalar, list)), { maxLength: 3 }).map((ps) => `{ ${ps.map(([k, c, v]) => k + c + v).join(', ')} }`);
    const value = fc.oneof(scalar, scalar, list, map);
    const line = fc.tuple(usual(fc.constant(''), fc.constantFrom(' ', '  ', '- ')), key, usual(fc.constantFrom(': ', ':  '), fc.constantFrom(':', ' : ', ':\t')), value, usual(fc.constantFrom('', '  '), fc.constantFrom(' # c', '\t'))).map((p) => p.join(''));
    const doc = fc.tuple(fc.array(line, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([ls, eol, last]) => ls.join(eol) + (last ? eol : ''));
    let taken = 0;
    fc.assert(fc.property(doc, (y) => { if (agrees(y)) taken++; }), { numRuns: Number(process.env.FLAT_YAML_RUNS ?? 3000) });
    // A generator that never reaches the fast path would test nothing.
    assert.ok(taken > 30, `flatYaml took only ${taken} documents`);
    if (process.env.FLAT_YAML_RUNS) console.log(`      flatYaml took ${taken} documents`);
  });
});
