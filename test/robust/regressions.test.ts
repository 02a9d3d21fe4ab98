import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseRecord } from '../../server/src/core/record';
import { toDiagnostic } from '../../server/src/features/diagnostics';
import { checkRecordFile } from '../../server/src/workspace/checkFile';
import { parseConfigText } from '../../server/src/workspace/configText';
import { parseProfile } from '../../server/src/workspace/profile';
import { ProfileSet } from '../../server/src/workspace/profiles';
import { cat, DEFAULT_GROUP } from '../helpers';
import { findingSpans, REGRESSIONS, runCli, spanProblem } from './support';

/**
 * One input per bug the robustness tests found (test/fixtures/regressions): literal files, and
 * `*.recipe.json` for inputs too big to keep (`head` + `repeat` × `count` + `tail`). Each is
 * checked for what went wrong: spans outside the text or inside a character, findings that differ
 * between runs, lost text in a fix, parses that took tens of seconds, messages on stderr.
 */

interface Recipe { head: string; repeat: string; count: number; tail?: string; profile?: boolean; bug: string }
const read = (name: string) => readFileSync(join(REGRESSIONS, name), 'utf8');
const recipe = (name: string): Recipe => JSON.parse(read(name)) as Recipe;
const expand = (r: Recipe) => r.head + r.repeat.repeat(r.count) + (r.tail ?? (r.repeat === '[' ? ']'.repeat(r.count) : r.repeat === '{a: ' ? '}'.repeat(r.count) : ''));
const profiles = () => { const p = new ProfileSet(); p.add('/virtual/group/group.yaml', DEFAULT_GROUP); return p; };
const check = (text: string) => checkRecordFile('/virtual/group/record.md', { text }, cat(), profiles());

/** Every span of every finding inside the text, on whole characters, with the editor's range. */
function spansOk(text: string, name: string): void {
  const c = check(text);
  const doc = TextDocument.create('file:///x.md', 'markdown', 1, text);
  for (const f of c.findings) {
    const d = toDiagnostic(f, c.lines, undefined);
    for (const { what, span } of findingSpans(f)) assert.equal(spanProblem(text, span, doc, what === f.ruleId ? d.range : undefined), undefined, `${name}: ${what}`);
  }
}

const timed = <T>(fn: () => T): [T, number] => { const t = performance.now(); const r = fn(); return [r, performance.now() - t]; };

describe('robustness: regression fixtures', function () {
  this.timeout(120_000);

  it('every fixture is used by a test below', () => {
    const used = new Set(['yaml-error-at-end.md', 'yaml-error-in-crlf.md', 'yaml-value-crlf.md', 'profile-emoji-first-key.yaml', 'config-error-at-end.yaml', 'limit-line-crlf.md', 'limit-line-emoji-cut.md',
      'missing-colon-before-key.md', 'missing-colon-last-line.md', 'yaml-collection-key.md', 'many-sections.recipe.json', 'yaml-deep-flow.recipe.json', 'yaml-deep-compact.recipe.json',
      'profile-deep.recipe.json', 'nested-list-items.recipe.json', 'one-word-paragraphs.recipe.json', 'million-headings.recipe.json']);
    assert.deepEqual(readdirSync(REGRESSIONS).filter((n) => !n.startsWith('.') && n !== 'README.md').sort(), [...used].sort());
  });

  it('YAML error spans stay inside the text and on whole characters (front matter, profile, configuration)', () => {
    // yaml-value-crlf.md: a broken flow mapping's value ran on to the CR of its CRLF (found by core fuzzing).
    for (const name of ['yaml-error-at-end.md', 'yaml-error-in-crlf.md', 'yaml-value-crlf.md']) {
      const text = read(name);
      assert.ok(check(text).findings.some((f) => f.ruleId === 'record.frontmatter'), name);
      spansOk(text, name);
    }
    const profile = read('profile-emoji-first-key.yaml');
    const pdoc = TextDocument.create('file:///g.yaml', 'yaml', 1, profile);
    for (const f of parseProfile(profile).findings) assert.equal(spanProblem(profile, f.span, pdoc), undefined, `profile: ${f.message}`);
    const config = read('config-error-at-end.yaml');
    const cdoc = TextDocument.create('file:///c.yaml', 'yaml', 1, config);
    const problems = parseConfigText(config).problems;
    assert.ok(problems.length);
    for (const p of problems) assert.equal(spanProblem(config, p.span, cdoc), undefined, `config: ${p.message}`);
  });

  it('record.limit spans end on a line\'s last character, not inside a CRLF or an emoji', () => {
    for (const name of ['limit-line-crlf.md', 'limit-line-emoji-cut.md']) {
      const text = read(name);
      assert.ok(check(text).findings.some((f) => f.ruleId === 'record.limit'), name);
      spansOk(text, name);
    }
  });

  it('a line without its colon is flagged on that line only, and its fix inserts the colon instead of deleting the value', () => {
    for (const name of ['missing-colon-before-key.md', 'missing-colon-last-line.md']) {
      const text = read(name);
      const fs = check(text).findings;
      for (const rule of ['record.frontmatter', 'record.unknown-field']) {
        const f = fs.find((x) => x.ruleId === rule);
        assert.equal(f && text.slice(f.span.start, f.span.end), 'date 2027-02-14', `${name}: ${rule}`);
      }
      const fix = fs.find((x) => x.ruleId === 'record.unknown-field')!.fixes![0];
      assert.deepEqual(fix.edits.map((e) => [e.end - e.start, e.newText]), [[0, ':']], `${name}: an insertion of the colon`);
      const fixed = text.slice(0, fix.edits[0].start) + ':' + text.slice(fix.edits[0].start);
      assert.ok(fixed.includes('date: 2027-02-14') && fixed.includes('session: 3'), `${name}: the value and the next key are kept`);
      assert.ok(!check(fixed).findings.some((x) => x.ruleId === 'record.unknown-field' || x.ruleId === 'record.frontmatter'), `${name}: fixed`);
    }
  });

  it('YAML nested thousands deep gets one finding saying so, the same every run, without reaching the parser', () => {
    for (const name of ['yaml-deep-flow.recipe.json', 'yaml-deep-compact.recipe.json']) {
      const text = expand(recipe(name));
      const runs = [check(text), check(text), check(text)].map((c) => JSON.stringify(c.findings));
      assert.equal(new Set(runs).size, 1, `${name}: the same findings every run`);
      const fm = check(text).findings.filter((f) => f.ruleId === 'record.frontmatter');
      assert.equal(fm.length, 1, `${name}: ${fm.map((f) => f.message).join(' | ')}`);
      assert.match(fm[0].message, /more than 64 levels deep/);
      assert.doesNotMatch(fm[0].message, /call stack/);
    }
    const deepProfile = expand(recipe('profile-deep.recipe.json'));
    const p = parseProfile(deepProfile).findings;
    assert.equal(p.length, 1);
    assert.match(p[0].message, /more than 64 levels deep/);
  });

  it('section content is found without scanning every block per heading (12,000 sections with text)', () => {
    // The light parse finds headings by a line scan, so the sections are most of its time.
    const small = expand({ ...recipe('many-sections.recipe.json'), count: 3000 });
    const big = expand(recipe('many-sections.recipe.json'));
    parseRecord(small, cat(), { light: true });
    const best = (t: string) => Math.min(...[0, 1, 2].map(() => timed(() => parseRecord(t, cat(), { light: true }))[1]));
    const tSmall = best(small), tBig = best(big);
    assert.ok(parseRecord(big, cat(), { light: true }).sections.length > 12_000);
    console.log(`      3,000 sections ${tSmall.toFixed(0)} ms, 12,000 sections ${tBig.toFixed(0)} ms`);
    // Quadratic would be 16 times; linear 4. The margin is for a loaded machine.
    assert.ok(tBig < tSmall * 10 + 50, `${tBig} ms for 4× the sections of ${tSmall} ms`);
  });

  it('block-dense Markdown is parsed in bounded time: nested list items, one-word paragraphs, a million headings', () => {
    for (const [name, says] of [['nested-list-items.recipe.json', /more than 500 nested list items/], ['one-word-paragraphs.recipe.json', /to line 25001/], ['million-headings.recipe.json', /to line 25001/]] as const) {
      const text = expand(recipe(name));
      const [c, ms] = timed(() => check(text));
      console.log(`      ${name}: ${ms.toFixed(0)} ms`);
      assert.ok(c.findings.some((f) => f.ruleId === 'record.limit' && says.test(f.message)), name);
      assert.ok(ms < 15_000, `${name}: ${ms} ms (was tens of seconds)`);
      // The editor's light parse (a huge document's stand-in while the worker checks it) is bounded the same way.
      const [light, lightMs] = timed(() => parseRecord(text, cat(), { light: true }));
      assert.ok(light.outline.headings.length <= 25_001, `${name}: light parse stops where the check stops`);
      assert.ok(lightMs < 5_000, `${name}: light parse ${lightMs} ms`);
    }
  });

  it('nothing is printed on stderr for a YAML key that is a collection', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gr-regress-'));
    try {
      writeFileSync(join(dir, 'x.md'), read('yaml-collection-key.md'));
      const r = runCli(['check', 'x.md', '--format', 'json'], { cwd: dir });
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      assert.equal(r.stderr, '');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
