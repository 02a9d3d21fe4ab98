import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import { cat, DEFAULT_GROUP, fixtureDirs, ROOT } from '../helpers';
import { applyAction, contextOf } from '../featureHelpers';
import type { Finding } from '../../server/src/core/findings';
import { parseRecord } from '../../server/src/core/record';
import { codeActions } from '../../server/src/features/codeActions';
import { toDiagnostic } from '../../server/src/features/diagnostics';
import { checkRecordFile } from '../../server/src/workspace/checkFile';
import { ProfileSet } from '../../server/src/workspace/profiles';

/**
 * Property: applying any quick fix offered on a record (sample records, rule fixtures, and the
 * same with random damage: deleted sections, mistyped keys and values, dates written another way,
 * attendance in the body, open reviews, CRLF, lone CR, a BOM) changes only the flagged span or inserts
 * text. Every edit is a pure insertion, or replaces exactly its finding's span (an open review:
 * exactly its `[!REVIEW]` marker); edits do not overlap; every other character is kept; and the
 * finding the fix is for is gone after it.
 */

interface Base { name: string; text: string; group: string }

function records(): Base[] {
  const out: Base[] = [];
  const sample = join(ROOT, 'sample/teen-grief-spring-2027');
  const sampleGroup = readFileSync(join(sample, 'group.yaml'), 'utf8');
  for (const file of listMd(sample)) out.push({ name: file.slice(ROOT.length + 1), text: readFileSync(file, 'utf8'), group: sampleGroup });
  for (const dir of fixtureDirs()) {
    const base = join(ROOT, 'test/fixtures/rules', dir);
    let group = DEFAULT_GROUP;
    try { group = readFileSync(join(base, 'group.yaml'), 'utf8'); } catch { /* the default group */ }
    for (const file of listMd(base)) out.push({ name: file.slice(ROOT.length + 1), text: readFileSync(file, 'utf8'), group });
  }
  return out;
}

function listMd(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listMd(p));
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

type Mutation =
  | { t: 'deleteSection'; n: number }
  | { t: 'typoKey'; n: number; at: number; how: number }
  | { t: 'typoValue'; n: number; at: number; how: number }
  | { t: 'date'; form: number }
  | { t: 'present'; ids: number; absent: boolean; prose: boolean }
  | { t: 'review'; n: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ t: fc.constant('deleteSection' as const), n: fc.nat(40) }),
  fc.record({ t: fc.constant('typoKey' as const), n: fc.nat(12), at: fc.nat(12), how: fc.nat(2) }),
  fc.record({ t: fc.constant('typoValue' as const), n: fc.nat(4), at: fc.nat(12), how: fc.nat(2) }),
  fc.record({ t: fc.constant('date' as const), form: fc.nat(4) }),
  fc.record({ t: fc.constant('present' as const), ids: fc.integer({ min: 1, max: 3 }), absent: fc.boolean(), prose: fc.boolean() }),
  fc.record({ t: fc.constant('review' as const), n: fc.nat(40) }),
);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function typo(s: string, at: number, how: number): string {
  const i = at % s.length;
  if (how === 0 && s.length > 1) { const j = Math.min(i, s.length - 2); return s.slice(0, j) + s[j + 1] + s[j] + s.slice(j + 2); }
  if (how === 1 && s.length > 2) return s.slice(0, i) + s.slice(i + 1);
  return s.slice(0, i) + s[i] + s.slice(i);
}

/** One mutation of a record written with LF line breaks; one that does not apply leaves it as is. */
function mutate(text: string, m: Mutation): string {
  const rec = parseRecord(text, cat());
  const entries = rec.yaml?.entries ?? [];
  switch (m.t) {
    case 'deleteSection': {
      const ss = rec.sections.filter((s) => s.heading.depth <= 6 && s.heading.start !== rec.titleSpan.start);
      if (!ss.length) return text;
      const s = ss[m.n % ss.length];
      return text.slice(0, s.heading.start) + text.slice(s.end);
    }
    case 'typoKey': {
      if (!entries.length) return text;
      const e = entries[m.n % entries.length];
      return text.slice(0, e.keySpan.start) + typo(e.key, m.at, m.how) + text.slice(e.keySpan.end);
    }
    case 'typoValue': {
      const e = ['record', 'phase', 'format', 'status'].map((k) => rec.fields.get(k)).filter((x) => x && /^[a-z-]+$/.test(text.slice(x.valueSpan.start, x.valueSpan.end)))[m.n % 4];
      if (!e) return text;
      return text.slice(0, e.valueSpan.start) + typo(text.slice(e.valueSpan.start, e.valueSpan.end), m.at, m.how) + text.slice(e.valueSpan.end);
    }
    case 'date': {
      const e = rec.fields.get('date');
      const v = e && /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.slice(e.valueSpan.start, e.valueSpan.end));
      if (!e || !v) return text;
      const [y, mo, d] = [v[1], +v[2], +v[3]];
      const forms = [`${mo}/${d}/${y}`, `${d} ${MONTHS[mo - 1]} ${y}`, `${y}/${mo}/${d}`, `${MONTHS[mo - 1]} ${d}, ${y}`, `${d}.${mo}.${y}`];
      return text.slice(0, e.valueSpan.start) + forms[m.form % forms.length] + text.slice(e.valueSpan.end);
    }
    case 'present': {
      if (rec.kind !== 'session-note' || !rec.frontMatter?.closed) return text;
      let t = text;
      const att = rec.fields.get('attendance');
      let shift = 0;
      if (att) {
        const from = rec.lines.lineStart(rec.lines.lineOf(att.keySpan.start));
        const last = rec.lines.lineOf(Math.max(att.keySpan.end, att.valueSpan.end - 1));
        const to = Math.min(rec.lines.lineStart(last + 1), rec.frontMatter.contentEnd);
        t = t.slice(0, from) + t.slice(to);
        shift = to - from;
      }
      const ids = ['M01', 'M02', 'M03'].slice(0, m.ids);
      const line = `Present: ${ids.join(', ')}.${m.absent ? ' Absent: M04.' : ''}${m.prose ? ' M02 arrived late.' : ''}`;
      const titleLine = rec.lines.lineOf(rec.titleSpan.start);
      const at = rec.titleSpan.start >= rec.bodyStart ? rec.lines.lineStart(titleLine + 1) - shift : rec.bodyStart - shift;
      return t.slice(0, at) + `\n${line}\n` + t.slice(at);
    }
    case 'review': {
      const hs = rec.sections.filter((s) => s.heading.depth <= 6);
      if (!hs.length) return text;
      const at = hs[m.n % hs.length].heading.start;
      return text.slice(0, at) + '> [!REVIEW] @kchen 2027-03-09\n> Please add more detail here.\n\n' + text.slice(at);
    }
  }
}

function findingsOf(text: string, group: string): Finding[] {
  const profiles = new ProfileSet();
  profiles.add('/virtual/group/group.yaml', group);
  return checkRecordFile('/virtual/group/record.md', { text }, cat(), profiles).findings;
}

const URI = 'file:///virtual/group/record.md';
const count = (fs: readonly Finding[], rule: string) => fs.filter((f) => f.ruleId === rule).length;

/** Checks every offered action; re-checks the record after at most `recheck` of them, one per rule. */
function checkActions(text: string, group: string, recheck = Infinity): number {
  const ctx = contextOf(text, { group });
  const { lines } = ctx.rec;
  const byDiagnostic = new Map(ctx.findings.map((f) => {
    const d = toDiagnostic(f, lines, undefined);
    return [`${d.code}|${d.message}|${JSON.stringify(d.range)}`, f] as const;
  }));
  const findingOf = (a: CodeAction) => a.diagnostics!.map((d) => byDiagnostic.get(`${d.code}|${d.message}|${JSON.stringify(d.range)}`)!);
  const actions = codeActions(ctx, { start: 0, end: text.length });
  let checked = 0;
  const rechecked = new Set<string>();
  for (const a of actions) {
    const what = `${a.title} [${a.kind}]`;
    const fs = findingOf(a);
    assert.ok(fs.length && fs.every(Boolean), `${what}: names published diagnostics`);
    const tes = a.edit?.changes?.[URI] ?? [];
    assert.ok(tes.length, `${what}: has edits`);
    const edits = tes.map((e) => {
      const start = lines.offsetAt(e.range.start);
      const end = lines.offsetAt(e.range.end);
      // Offsets survive the trip to LSP positions and back: no edit lands inside a CRLF.
      assert.deepEqual(lines.positionAt(start), e.range.start, `${what}: start position`);
      assert.deepEqual(lines.positionAt(end), e.range.end, `${what}: end position`);
      return { start, end, newText: e.newText };
    }).sort((x, y) => x.start - y.start);
    for (let i = 1; i < edits.length; i++) assert.ok(edits[i - 1].end <= edits[i].start && edits[i - 1].start !== edits[i].start, `${what}: edits do not overlap`);
    for (const e of edits) {
      if (e.start === e.end) { assert.ok(e.newText, `${what}: an insertion inserts something`); continue; }
      assert.equal(a.kind, CodeActionKind.QuickFix, `${what}: only quick fixes replace`);
      assert.equal(fs.length, 1, `${what}: a replacing fix is for one finding`);
      const f = fs[0];
      if (f.ruleId === 'review.open') {
        assert.ok(f.span.start <= e.start && e.end <= f.span.end, `${what}: inside the flagged annotation`);
        assert.match(text.slice(e.start, e.end), /^\\?\[!REVIEW\\?\]$/i, `${what}: replaces the marker`);
      } else {
        assert.deepEqual({ start: e.start, end: e.end }, f.span, `${what}: replaces exactly the flagged span ${JSON.stringify(text.slice(f.span.start, f.span.end))}`);
      }
    }
    let expected = text;
    for (const e of [...edits].reverse()) expected = expected.slice(0, e.start) + e.newText + expected.slice(e.end);
    const after = applyAction(text, a);
    assert.equal(after, expected, `${what}: an editor applying the edits keeps every other character`);

    checked++;
    const key = fs.length === 1 ? fs[0].ruleId : a.kind!;
    if (rechecked.has(key) || rechecked.size >= recheck) continue;
    rechecked.add(key);
    const before = ctx.findings;
    const now = findingsOf(after, group);
    if (a.kind === CodeActionKind.QuickFix && fs.length === 1) {
      assert.ok(count(now, fs[0].ruleId) < count(before, fs[0].ruleId), `${what}: ${fs[0].ruleId} is gone`);
    } else {
      for (const f of fs) assert.ok(!now.some((x) => x.ruleId === f.ruleId && x.wholeRecord), `${what}: ${f.ruleId} is no longer missing`);
    }
  }
  return checked;
}

describe('quick fixes (property): only the flagged span changes, or text is inserted', () => {
  const bases = records();

  it('holds for every sample record and rule fixture as written', function () {
    this.timeout(120_000);
    let n = 0;
    for (const b of bases) {
      try { n += checkActions(b.text, b.group, 2); } catch (e) { (e as Error).message = `${b.name}: ${(e as Error).message}`; throw e; }
    }
    assert.ok(n > 200, `${n} fixes checked`);
  });

  it('holds after random damage, with LF, CRLF, lone CR and a BOM', function () {
    this.timeout(240_000);
    fc.assert(
      fc.property(
        fc.nat(bases.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(),
        (i, ms, nl, bom) => {
          const b = bases[i];
          let text = b.text.replace(/\r\n?/g, '\n');
          for (const m of ms) text = mutate(text, m);
          if (nl !== '\n') text = text.replace(/\n/g, nl);
          if (bom) text = '\uFEFF' + text;
          checkActions(text, b.group);
        },
      ),
      { numRuns: 150 },
    );
  });
});
