import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'out/cli.js');
function run(args: string[], cwd: string) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  return { ...r, ms: performance.now() - t };
}

const NOTE = (body: string, extra = '') => `---
record: session-note
date: 2027-02-14
author: "A. Worker"
session: 3
phase: middle
attendance: { present: [M01], absent: [] }
${extra}---

# Session 3

## Summary
${body}

## Group dynamics
Members spoke to each other more than to the worker.

## Goal progress
Work on #G1 continued.

## Next steps
Bring one example next week.
`;

describe('group-records check (command line)', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'gr-cli-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when no error-level finding exists', () => {
    writeFileSync(join(dir, 'note.md'), NOTE('We talked about grief at school.'));
    const r = run(['check', '.'], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('exits 1 on an error-level finding and prints JSON in the documented shape', () => {
    writeFileSync(join(dir, 'note.md'), NOTE('We talked.').replace('date: 2027-02-14', 'date: 04/06/2027'));
    writeFileSync(join(dir, 'readme.md'), '# Not a record\n\nNo front matter here.\n');
    const r = run(['check', '.', '--format', 'json'], dir);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout) as Array<{ file: string; diagnostics: Array<Record<string, unknown>> }>;
    assert.deepEqual(out.map((f) => f.file), ['note.md'], 'files without `record:` get no entry');
    const d = out[0].diagnostics.find((x) => x.code === 'record.field')!;
    assert.deepEqual(Object.keys(d).sort(), ['code', 'message', 'range', 'severity', 'standard'].filter((k) => k !== 'standard' || 'standard' in d).sort());
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, { start: { line: 2, character: 6 }, end: { line: 2, character: 16 } });
    assert.match(String(d.message), /YYYY-MM-DD/);
  });

  it('exits 2 on a usage error', () => {
    assert.equal(run(['check', '--format', 'xml'], dir).status, 2);
    assert.equal(run(['frobnicate'], dir).status, 2);
    assert.equal(run(['check', '--nope'], dir).status, 2);
  });

  it('reports a path that does not exist, checks the others, and exits 2', () => {
    writeFileSync(join(dir, 'note.md'), NOTE('Fine.'));
    const r = run(['check', 'note.md', 'missing.md', '--format', 'json'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /missing\.md/);
    assert.equal(JSON.parse(r.stdout).length, 1);
  });

  it('prints SARIF 2.1.0 with one rule per id, its citation and documentation', () => {
    writeFileSync(join(dir, 'note.md'), NOTE('TBD'));
    const r = run(['check', '.', '--format', 'sarif'], dir);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const rules = sarif.runs[0].tool.driver.rules as Array<{ id: string; helpUri: string; properties: { standard: string } }>;
    assert.equal(new Set(rules.map((x) => x.id)).size, rules.length);
    const summary = rules.find((x) => x.id === 'note.summary')!;
    assert.equal(summary.properties.standard, 'IV.A.1.h');
    assert.match(summary.helpUri, /^file:.*docs\/rules\/note\.summary\.md$/);
    const res = sarif.runs[0].results as Array<{ ruleId: string; ruleIndex: number; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }>;
    const empty = res.find((x) => x.ruleId === 'record.empty-section')!;
    assert.equal(rules[empty.ruleIndex].id, 'record.empty-section');
    assert.equal(empty.locations[0].physicalLocation.region.startLine, 12);
  });

  it('checks records in a group folder against its profile', () => {
    mkdirSync(join(dir, 'g'));
    writeFileSync(join(dir, 'g/group.yaml'), 'id: g1\nname: G\nmembers:\n  - { id: M01, consent: 2027-01-01 }\n');
    writeFileSync(join(dir, 'g/note.md'), NOTE('Fine.').replace('present: [M01]', 'present: [M01, M09]'));
    const r = run(['check', '.', '--format', 'json'], dir);
    const codes = JSON.parse(r.stdout).flatMap((f: { diagnostics: Array<{ code: string }> }) => f.diagnostics.map((d) => d.code));
    assert.ok(codes.includes('attendance.unknown-member'), codes.join());
  });

  describe('hostile input gets a finding or a clear message within two seconds, and the run finishes', () => {
    const cases: Array<[string, () => string | Buffer, string]> = [
      ['invalid YAML', () => NOTE('x', 'bad: [unclosed\n'), 'record.frontmatter'],
      ['unterminated front matter', () => '---\nrecord: plan\ndate: 2027-01-01\n\n# Plan\n', 'record.frontmatter'],
      ['a YAML alias bomb', () => NOTE('x', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n'), 'record.frontmatter'],
      ['a 10 MB note', () => NOTE('Members shared stories about loss and school. '.repeat(230_000)), 'record.limit'],
      ['a binary file', () => Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02, 0xff, 0xfe]), 'record.encoding'],
      ['10,000-deep nested lists on one line', () => NOTE('- '.repeat(10_000) + 'text'), 'record.limit'],
      ['10,000-deep nested lists by indentation', () => NOTE(Array.from({ length: 10_000 }, (_, i) => ' '.repeat(Math.min(2 * i, 20_000)) + '- item').join('\n')), 'record.limit'],
      ['not UTF-8', () => Buffer.concat([Buffer.from(NOTE('caf')), Buffer.from([0xe9, 0x0a])]), 'record.encoding'],
    ];
    for (const [name, make, code] of cases) {
      it(name, () => {
        writeFileSync(join(dir, 'x.md'), make());
        const r = run(['check', 'x.md', '--format', 'json'], dir);
        assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
        const codes = JSON.parse(r.stdout).flatMap((f: { diagnostics: Array<{ code: string }> }) => f.diagnostics.map((d) => d.code));
        assert.ok(codes.includes(code), `${code} not in ${codes.join(', ')}`);
        console.log(`      ${name}: ${Math.round(r.ms)} ms`);
        assert.ok(r.ms < 10_000, 'a hang guard, not a benchmark: the limit is measured in the closing note');
      });
    }
  });
});
