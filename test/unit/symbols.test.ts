import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SymbolKind, type DocumentSymbol, type Position, type Range } from 'vscode-languageserver';
import { fixtureDirs, readFixture, ROOT } from '../helpers';
import { contextOf, SESSION6_HEAD } from '../featureHelpers';
import { documentSymbols } from '../../server/src/features/symbols';

const NOTE = `${SESSION6_HEAD}
## Session focus

Family changes since the loss, and coping at home.

## Group dynamics

The group worked well together, a clear moment of mutual aid.

### A hard moment

M01 and M03 disagreed about telling friends; they found a way to say what each needed.

## Worker's interventions

Linked members' experiences and led a role-play.

## Music we played

Two songs members chose.

## Session summary

After the check-in we talked about how families change after a death.

## Next steps

Anniversaries and special days, next week.
`;

const crlf = (s: string) => s.replace(/\n/g, '\r\n');
const shape = (ss: readonly DocumentSymbol[]): unknown[] => ss.map((s) => (s.children?.length ? [s.name, s.detail ?? '', shape(s.children)] : [s.name, s.detail ?? '']));
const find = (ss: readonly DocumentSymbol[], name: string): DocumentSymbol | undefined => {
  for (const s of ss) {
    if (s.name === name) return s;
    const c = find(s.children ?? [], name);
    if (c) return c;
  }
  return undefined;
};
const le = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const within = (inner: Range, outer: Range) => le(outer.start, inner.start) && le(inner.end, outer.end);

/** What VS Code requires (or silently mishandles otherwise): names, selection in range, children in parents, order. */
function assertWellFormed(ss: readonly DocumentSymbol[], parent?: DocumentSymbol): void {
  let prev: DocumentSymbol | undefined;
  for (const s of ss) {
    assert.ok(s.name.trim(), 'a non-empty name');
    assert.ok(le(s.range.start, s.range.end), `${s.name}: range start before end`);
    assert.ok(within(s.selectionRange, s.range), `${s.name}: selection range inside range`);
    if (parent) assert.ok(within(s.range, parent.range), `${s.name} inside ${parent.name}`);
    if (prev) assert.ok(le(prev.range.start, s.range.start), `${prev.name} before ${s.name}`);
    prev = s;
    assertWellFormed(s.children ?? [], s);
  }
}

describe('document symbols', () => {
  it('list the front matter, then the headings nested as written, elements named in detail', () => {
    const ss = documentSymbols(contextOf(NOTE));
    assertWellFormed(ss);
    assert.deepEqual(shape(ss), [
      ['Front matter', 'Session note', [['record', 'session-note'], ['group', 'fixture-group'], ['date', '2027-02-14'], ['session', '6'], ['phase', 'middle'], ['attendance', 'Attendance']]],
      ['Session 6 — Teen Grief Group', '', [
        ['Session focus', 'Focus of this session'],
        ['Group dynamics', 'Group dynamics', [['A hard moment', '']]],
        ["Worker's interventions", "Worker's interventions"],
        ['Missing: Progress toward goals', 'required · IV.A.1.c, I.B.3.f'],
        ['Missing: Difficulties and obstacles', 'recommended · IV.A.1.d'],
        ['Music we played', ''],
        ['Session summary', 'Session summary'],
        ['Next steps', 'Next steps'],
      ]],
    ]);
    assert.equal(ss[1].kind, SymbolKind.File);
    assert.equal(find(ss, 'Session focus')!.kind, SymbolKind.Field);
    assert.equal(find(ss, 'Music we played')!.kind, SymbolKind.String);
    assert.equal(find(ss, 'phase')!.kind, SymbolKind.Property);
    assert.equal(find(ss, 'attendance')!.kind, SymbolKind.Field);
  });

  it('give a heading its line as selection and its section as range', () => {
    const ss = documentSymbols(contextOf(NOTE));
    const dyn = find(ss, 'Group dynamics')!;
    const line = NOTE.split('\n').indexOf('## Group dynamics');
    assert.deepEqual(dyn.selectionRange, { start: { line, character: 0 }, end: { line, character: '## Group dynamics'.length } });
    const last = NOTE.split('\n').indexOf("M01 and M03 disagreed about telling friends; they found a way to say what each needed.");
    assert.deepEqual(dyn.range.end, { line: last, character: 'M01 and M03 disagreed about telling friends; they found a way to say what each needed.'.length });
  });

  it('place a missing section, empty, on the blank line where its quick fix inserts it', () => {
    const ss = documentSymbols(contextOf(NOTE));
    const m = find(ss, 'Missing: Progress toward goals')!;
    assert.equal(m.kind, SymbolKind.Null);
    const line = NOTE.split('\n').indexOf('## Music we played') - 1;
    assert.deepEqual(m.range, { start: { line, character: 0 }, end: { line, character: 0 } });
    assert.deepEqual(m.selectionRange, m.range);
  });

  it('put missing attendance in the front matter and say when attendance is written in the body', () => {
    const body = NOTE.replace('attendance: { present: [M01, M02, M03], absent: [] }\n', '');
    let ss = documentSymbols(contextOf(body));
    const fm = ss[0];
    assert.deepEqual(fm.children!.map((c) => c.name).slice(-1), ['Missing: Attendance']);
    assert.equal(fm.children!.at(-1)!.range.start.line, 6, 'at the closing ---');
    ss = documentSymbols(contextOf(body.replace('## Session focus', 'Present: M01, M02, M03.\n\n## Session focus')));
    assert.equal(find(ss, 'Present')!.detail, 'Attendance (belongs in the front matter)');
    assert.equal(find(ss, 'Missing: Attendance'), undefined, 'the finding sits on the line instead');
  });

  it('mark a named section with no content as empty', () => {
    const ss = documentSymbols(contextOf(NOTE.replace('Two songs members chose.', '').replace('Family changes since the loss, and coping at home.', 'TBD')));
    assert.equal(find(ss, 'Session focus')!.detail, 'Focus of this session (empty)');
  });

  it('put missing sections after the last text inside the title', () => {
    const text = NOTE.replace(/## Next steps[^]*$/, '');
    const ss = documentSymbols(contextOf(text));
    assertWellFormed(ss);
    assert.equal(ss[1].children!.at(-1)!.name, 'Missing: Next steps');
  });

  for (const [name, form] of [['CRLF', crlf], ['a BOM', (s: string) => '\uFEFF' + s], ['a BOM and CRLF', (s: string) => '\uFEFF' + crlf(s)]] as const) {
    it(`give the same outline with ${name}`, () => {
      const plain = documentSymbols(contextOf(NOTE));
      const other = documentSymbols(contextOf(form(NOTE)));
      assertWellFormed(other);
      assert.deepEqual(shape(other), shape(plain));
      const bom = name.includes('BOM') ? 1 : 0;
      const strip = (ss: readonly DocumentSymbol[], shift: number): unknown => ss.map((s) => [s.selectionRange.start.line, s.selectionRange.end.character - (s.selectionRange.start.line === 0 ? shift : 0), strip(s.children ?? [], shift)]);
      assert.deepEqual(strip(other, bom), strip(plain, 0), 'selection ranges end before the line break');
    });
  }

  it('are empty for Markdown that is not a record, and never throw', () => {
    assert.deepEqual(documentSymbols(contextOf('# Just notes\n\nSome text.\n')), []);
    assert.deepEqual(documentSymbols({ ...contextOf(NOTE), rec: undefined as never }), []);
    for (const t of ['---\nrecord: plan\n', '---\nrecord: plan\n---\n#\n\n##   \n', '---\nrecord: plan\n---\n', '---\nrecord: [\n---\n# x\n', '---\nrecord: contract\n---\nSetext\n===\n\n**Purpose:** x\n\n  ## indented\n']) {
      const ss = documentSymbols(contextOf(t));
      assertWellFormed(ss);
    }
  });

  it('are well formed for every fixture and sample record', () => {
    const samples = [join(ROOT, 'sample/teen-grief-spring-2027')];
    let n = 0;
    for (const dir of fixtureDirs()) {
      let group: string | undefined;
      try { group = readFixture(dir, 'group.yaml'); } catch { group = undefined; }
      for (const file of listMd(join(ROOT, 'test/fixtures/rules', dir))) {
        assertWellFormed(documentSymbols(contextOf(readFileSync(file, 'utf8'), group ? { group } : {})));
        n++;
      }
    }
    for (const dir of samples) {
      const group = readFileSync(join(dir, 'group.yaml'), 'utf8');
      for (const file of listMd(dir)) { assertWellFormed(documentSymbols(contextOf(readFileSync(file, 'utf8'), { group }))); n++; }
    }
    assert.ok(n > 100, `${n} records`);
  });
});

function listMd(dir: string): string[] {
  const { readdirSync, statSync } = require('node:fs') as typeof import('node:fs');
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listMd(p));
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}
