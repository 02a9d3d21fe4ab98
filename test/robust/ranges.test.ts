import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic } from '../../server/src/features/diagnostics';
import { checkRecordFile } from '../../server/src/workspace/checkFile';
import { ProfileSet } from '../../server/src/workspace/profiles';
import { cat, DEFAULT_GROUP } from '../helpers';
import { killAll, startClient, uriOf } from '../lsp/client';
import { fcParams, parseJsonOutput, runCli } from './support';

/**
 * Every diagnostic range lies on the intended text, counted in UTF-16 units as LSP does, whatever
 * the characters before it (emoji, ZWJ sequences, CJK, combining marks, bidi controls) and the line
 * endings (LF, CRLF, lone CR) or a BOM: the text an editor shows under the range is exactly the
 * key, value, id, heading or identifier the finding is about. Checked in-process, through the
 * command line's JSON and through the language server's diagnostics.
 */

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
const GROUP = DEFAULT_GROUP.replace('initials: A.A.,', 'initials: A.A., name: Maria Lopez,');

/** `⟦…⟧` marks the text a finding of `rules` must cover; `{U}` is where tricky characters go. */
interface Case { name: string; rules: string[]; template: string }
const HEAD = (extra: string) => `---\nrecord: session-note\ngroup: fixture-group\ndate: 2027-03-28\nauthor: "A. {U} Worker"\nsession: 8\nphase: middle\nattendance: { present: [M01], absent: [] }\n${extra}---\n\n# Session 8 {U}\n\n## Focus\n\nAsking {U} for help.\n\n## Summary\n\nMembers made a list.\n\n## Next steps\n\nBring it next week.\n`;
const CASES: Case[] = [
  { name: 'unknown key with an accent and an emoji', rules: ['record.unknown-field'], template: HEAD('⟦ses{U}sión😀⟧: 1\n') },
  { name: 'unknown CJK key', rules: ['record.unknown-field'], template: HEAD('⟦会{U}议⟧: x\n') },
  { name: 'missing colon before another key', rules: ['record.frontmatter', 'record.unknown-field'], template: HEAD('').replace('date: 2027-03-28\n', '⟦date 2027-03-28⟧\n') },
  { name: 'missing colon on the last line', rules: ['record.frontmatter', 'record.unknown-field'], template: HEAD('⟦format soap⟧\n') },
  { name: 'impossible date after a line of emoji', rules: ['record.field'], template: HEAD('').replace('date: 2027-03-28', 'date: ⟦2027-02-30⟧') },
  { name: 'misspelt phase', rules: ['record.field'], template: HEAD('').replace('phase: middle', 'phase: ⟦midle⟧') },
  { name: 'unknown member id in attendance', rules: ['attendance.unknown-member'], template: HEAD('').replace('present: [M01]', 'present: [M01, ⟦M09⟧]') },
  { name: 'empty section heading', rules: ['record.empty-section'], template: HEAD('').replace('## Next steps\n\nBring it next week.', '⟦## Next steps {U}⟧\n\nTBD') },
  { name: 'phone number after emoji', rules: ['privacy.identifier'], template: HEAD('').replace('Members made a list.', '{U} @M02 read out her cell, ⟦555-231-4410⟧, for M01 {U} to save.') },
  { name: 'roster name after CJK', rules: ['privacy.identifier'], template: HEAD('').replace('Members made a list.', '会议 {U} ⟦Maria Lopez⟧ came.') },
];
const UNICODE = ['', '😀👩‍👩‍👧🇳🇿', '会议记录 한국어', 'e\u0301\u0301 ñ̃ ﬁ', '\u202e\u200d\u200b\u00a0'];
const EOLS = ['\n', '\r\n', '\r'];

interface Variant { file: string; text: string; rules: string[]; want: { start: number; end: number }; label: string }

function materialize(c: Case, u: string, eol: string, bom: boolean, file: string): Variant {
  let t = (bom ? '\ufeff' : '') + c.template.replace(/\{U\}/g, u).replace(/\n/g, eol);
  const start = t.indexOf('⟦');
  t = t.slice(0, start) + t.slice(start + 1);
  const end = t.indexOf('⟧');
  t = t.slice(0, end) + t.slice(end + 1);
  return { file, text: t, rules: c.rules, want: { start, end }, label: `${c.name} [${JSON.stringify(u)}, ${JSON.stringify(eol)}${bom ? ', BOM' : ''}]` };
}

function variants(): Variant[] {
  const out: Variant[] = [];
  let n = 0;
  for (const c of CASES) for (const u of UNICODE) for (const eol of EOLS) for (const bom of [false, true]) {
    if (bom && u !== UNICODE[1]) continue;
    out.push(materialize(c, u, eol, bom, `v${String(n++).padStart(3, '0')}.md`));
  }
  return out;
}

/** The diagnostic of each wanted rule covers exactly the marked text. */
function expectRanges(v: Variant, diags: ReadonlyArray<{ code?: unknown; range: Range }>, via: string): void {
  const doc = TextDocument.create('file:///x.md', 'markdown', 1, v.text);
  const want = { start: doc.positionAt(v.want.start), end: doc.positionAt(v.want.end) };
  const wantText = v.text.slice(v.want.start, v.want.end);
  for (const rule of v.rules) {
    const mine = diags.filter((d) => d.code === rule);
    const shown = mine.map((d) => `${JSON.stringify(d.range)} = ${JSON.stringify(doc.getText(d.range))}`).join('; ');
    assert.ok(mine.some((d) => JSON.stringify(d.range) === JSON.stringify(want)), `${via}: ${v.label}: ${rule} should cover ${JSON.stringify(wantText)} at ${JSON.stringify(want)}; got ${shown || 'none'}`);
    for (const d of mine) assert.ok(d.range.end.line < doc.lineCount && doc.offsetAt(d.range.end) <= v.text.length, `${via}: ${v.label}: ${rule} inside the document`);
  }
}

function coreDiagnostics(text: string) {
  const profiles = new ProfileSet();
  profiles.add('/virtual/group/group.yaml', GROUP);
  const c = checkRecordFile('/virtual/group/record.md', { text }, cat(), profiles);
  return c.findings.map((f) => toDiagnostic(f, c.lines, undefined));
}

describe('robustness: diagnostic ranges on the intended text, in UTF-16 units', function () {
  this.timeout(120_000);
  const all = variants();
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gr-ranges-'));
    writeFileSync(join(dir, 'group.yaml'), GROUP);
    for (const v of all) writeFileSync(join(dir, v.file), v.text);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(killAll);

  it(`in process (${all.length} variants)`, () => {
    for (const v of all) expectRanges(v, coreDiagnostics(v.text), 'core');
  });

  it('any unknown key, whatever characters it and the lines before it hold, is covered exactly', () => {
    const keyChar = fc.oneof(fc.constantFrom('a', 'z', '_', '😀', '会', 'é', 'e\u0301', 'ß', '👩‍👩‍👧', '한'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter((s) => /^[\p{L}\p{M}\p{N}\p{So}]+$/u.test(s)));
    fc.assert(fc.property(
      fc.array(keyChar, { minLength: 1, maxLength: 6 }).map((a) => 'x' + a.join('')),
      fc.array(fc.constantFrom(...UNICODE, 'Zoë', '"quoted 😀"'), { maxLength: 3 }),
      fc.constantFrom(...EOLS), fc.boolean(),
      (key, values, eol, bom) => {
        const extra = values.map((v, i) => `note${i}: ${JSON.stringify(v)}\n`).join('') + `⟦${key}⟧: 1\n`;
        const v = materialize({ name: `key ${JSON.stringify(key)}`, rules: ['record.unknown-field'], template: HEAD(extra) }, '😀', eol, bom, 'x.md');
        // note0… are unknown too: only the marked key's finding is asked for.
        expectRanges(v, coreDiagnostics(v.text), 'core');
      },
    ), fcParams(200));
  });

  it('through the command line (JSON output)', () => {
    const out = parseJsonOutput(runCli(['check', dir, '--format', 'json'], { cwd: dir }));
    const byFile = new Map(out.map((f) => [f.file, f.diagnostics]));
    for (const v of all) expectRanges(v, byFile.get(v.file) ?? [], 'cli');
  });

  it('through the language server (pull diagnostics after didOpen)', async () => {
    const c = startClient();
    await c.conn.sendRequest('initialize', {
      processId: process.pid, rootUri: uriOf(dir), workspaceFolders: [{ uri: uriOf(dir), name: 'ranges' }],
      capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } }, initializationOptions: { trusted: true },
    });
    await c.conn.sendNotification('initialized', {});
    for (const v of all) {
      const uri = uriOf(join(dir, v.file));
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: v.text } });
      const r = (await c.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Array<{ code?: unknown; range: Range }> };
      expectRanges(v, r.items, 'server');
      await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    await c.conn.sendRequest('shutdown');
    await c.conn.sendNotification('exit');
    assert.equal(await c.exited, 0, c.stderr());
  });
});
