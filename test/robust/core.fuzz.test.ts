import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, DocumentSymbol, TextEdit } from 'vscode-languageserver';
import { parseRecord } from '../../server/src/core/record';
import { codeActions } from '../../server/src/features/codeActions';
import { completions } from '../../server/src/features/completion';
import type { FeatureContext } from '../../server/src/features/context';
import { toDiagnostic } from '../../server/src/features/diagnostics';
import { hover } from '../../server/src/features/hover';
import { documentSymbols } from '../../server/src/features/symbols';
import { checkRecordFile } from '../../server/src/workspace/checkFile';
import { parseConfigText } from '../../server/src/workspace/configText';
import { parseProfile } from '../../server/src/workspace/profile';
import { ProfileSet } from '../../server/src/workspace/profiles';
import { cat, DEFAULT_GROUP } from '../helpers';
import { corpus, fcParams, findingSpans, mutate, mutationArb, noteTime, printTimings, randomRecord, spanProblem, TRICKY } from './support';

/**
 * Property: whatever the text — real records, random record-shaped token soup, real records
 * damaged at random — parsing, every rule and every editor feature answer without throwing,
 * within a bounded time, no rule fails (`record.internal`), and every span they report lies in the
 * text on whole characters with the LSP range an editor computes in UTF-16 units.
 */

/** A hang guard per input, not a benchmark: the slowest inputs are printed. */
const PER_INPUT_MS = 10_000;
const URI = 'file:///virtual/group/record.md';
const profilesFor = (group: string | undefined) => {
  const profiles = new ProfileSet();
  profiles.add('/virtual/group/group.yaml', group ?? DEFAULT_GROUP);
  return profiles;
};

function editsOf(a: CodeAction): TextEdit[] {
  const out: TextEdit[] = [...(a.edit?.changes?.[URI] ?? [])];
  for (const dc of a.edit?.documentChanges ?? []) if ('edits' in dc) out.push(...(dc.edits as TextEdit[]));
  return out;
}

/** Checks one input end to end; `features` also runs hover, completion, symbols and code actions. */
export function checkInput(text: string, label: string, opts: { group?: string; features?: boolean; probes?: number[] } = {}): void {
  const catalogue = cat();
  const profiles = profilesFor(opts.group);
  const t0 = performance.now();
  const rec = parseRecord(text, catalogue);
  const checked = checkRecordFile('/virtual/group/record.md', { text, parsed: rec }, catalogue, profiles);
  const ms = performance.now() - t0;
  noteTime(label, text, ms);
  assert.ok(ms < PER_INPUT_MS, `${label}: ${ms.toFixed(0)} ms`);
  const internal = checked.findings.filter((f) => f.ruleId === 'record.internal');
  assert.deepEqual(internal.map((f) => f.message), [], `${label}: a rule failed`);

  const doc = TextDocument.create(URI, 'markdown', 1, text);
  for (const f of checked.findings) {
    const d = toDiagnostic(f, rec.lines, undefined);
    for (const { what, span } of findingSpans(f)) {
      const p = spanProblem(text, span, doc, what === f.ruleId ? d.range : undefined);
      assert.equal(p, undefined, `${label}: ${what}: ${p}`);
    }
  }
  if (!opts.features) return;
  const ctx: FeatureContext = {
    uri: URI, rec, cat: catalogue, group: profiles.forFile('/virtual/group/record.md')?.parsed.facts, findings: checked.findings,
    workspace: { groupIds: ['fixture-group'], reviewers: ['kchen'], goals: [] },
  };
  const inDoc = (r: { start: { line: number; character: number }; end: { line: number; character: number } }, what: string) => {
    const s = doc.offsetAt(r.start), e = doc.offsetAt(r.end);
    assert.deepEqual(doc.positionAt(s), r.start, `${label}: ${what} starts inside the document`);
    assert.deepEqual(doc.positionAt(e), r.end, `${label}: ${what} ends inside the document`);
  };
  for (const a of codeActions(ctx, { start: 0, end: text.length })) for (const e of editsOf(a)) inDoc(e.range, `code action "${a.title}"`);
  const walk = (list: readonly DocumentSymbol[]) => {
    for (const s of list) { inDoc(s.range, 'symbol'); inDoc(s.selectionRange, 'symbol selection'); walk(s.children ?? []); }
  };
  walk(documentSymbols(ctx));
  for (const p of opts.probes ?? []) {
    const offset = text.length ? p % (text.length + 1) : 0;
    const h = hover(ctx, offset, {});
    if (h?.range) inDoc(h.range, 'hover');
    for (const it of completions(ctx, offset, { today: '2027-03-01' })) {
      const te = it.textEdit as TextEdit | undefined;
      if (te?.range) inDoc(te.range, `completion "${it.label}"`);
    }
  }
}

describe('robustness: core fuzzing (parse, rules, features)', function () {
  this.timeout(180_000);
  after(() => printTimings('core fuzz'));

  it('every fixture, sample and generated record as written', () => {
    const all = corpus();
    assert.ok(all.length > 400, `${all.length} records`);
    for (const s of all) checkInput(s.text, s.name, { group: s.group, features: true, probes: [0, s.text.length >> 1, s.text.length] });
  });

  it('the same records with a BOM, CRLF or lone CR line endings, and tricky characters before every line', () => {
    const all = corpus().filter((_, i) => i % 3 === 0);
    for (const s of all) {
      checkInput('\ufeff' + s.text.replace(/\r?\n/g, '\r\n'), `${s.name} (BOM, CRLF)`, { group: s.group });
      checkInput(s.text.replace(/\r?\n/g, '\r'), `${s.name} (lone CR)`, { group: s.group });
      checkInput(s.text.replace(/\n(?=[^\n])/g, (m, i: number) => `${m}${TRICKY[i % TRICKY.length] === '\u0000' ? '' : TRICKY[i % TRICKY.length]}`), `${s.name} (tricky)`, { group: s.group });
    }
  });

  it('random record-shaped texts (token soup, any Unicode)', () => {
    fc.assert(fc.property(randomRecord, fc.array(fc.nat(), { maxLength: 3 }), (text, probes) => {
      checkInput(text, 'random', { features: true, probes });
    }), fcParams(250));
  });

  it('real records damaged at random: insertions, deletions, duplicated spans, swapped lines, cuts, line endings, BOM', () => {
    const all = corpus();
    fc.assert(fc.property(fc.nat(all.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 2 }), (i, ms, probes) => {
      let text = all[i].text;
      for (const m of ms) text = mutate(text, m);
      checkInput(text, `mutated ${all[i].name}`, { group: all[i].group, features: true, probes });
    }), fcParams(250));
  });

  it('the same text always gives the same findings (no state carried between parses)', () => {
    const all = corpus();
    fc.assert(fc.property(fc.nat(all.length - 1), fc.array(mutationArb, { maxLength: 4 }), (i, ms) => {
      let text = all[i].text;
      for (const m of ms) text = mutate(text, m);
      const once = () => JSON.stringify(checkRecordFile('/virtual/group/record.md', { text }, cat(), profilesFor(all[i].group)).findings);
      assert.equal(once(), once());
    }), fcParams(60));
  });

  it('group profiles and configurations, damaged at random, are read without throwing and their findings lie in the text', () => {
    const profiles = corpus().map((s) => s.group).filter((g): g is string => !!g);
    const uniqueProfiles = [...new Set([DEFAULT_GROUP, ...profiles])];
    const configs = ['profile: supervisor\nrules:\n  note.obstacles: off\nprivacy:\n  allow: ["555-0100"]\nphrases:\n  contract.purpose: [Why we meet]\n', 'standards: [./a.yaml]\n'];
    fc.assert(fc.property(fc.nat(), fc.boolean(), fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (i, isProfile, ms) => {
      let text = isProfile ? uniqueProfiles[i % uniqueProfiles.length] : configs[i % configs.length];
      for (const m of ms) text = mutate(text, m);
      const doc = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
      const t0 = performance.now();
      const spans = isProfile ? parseProfile(text).findings.map((f) => f.span) : parseConfigText(text).problems.map((p) => p.span);
      noteTime(isProfile ? 'profile' : 'config', text, performance.now() - t0);
      for (const s of spans) assert.equal(spanProblem(text, s, doc), undefined, JSON.stringify(text.slice(0, 200)));
    }), fcParams(200));
  });
});
