import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../../server/src/core/findings';
import type { Span } from '../../server/src/core/text';
import { ROOT } from '../helpers';

/**
 * Shared by the robustness tests: the inputs (fixtures, sample, a generated corpus), fast-check
 * run counts scaled by FUZZ_RUNS, a record of the slowest inputs, and a CLI runner.
 *
 * FUZZ_RUNS multiplies every run count (FUZZ_RUNS=20 for a heavy local run); CI runs with 1.
 */
export const SCALE = Math.max(0.1, Number(process.env.FUZZ_RUNS) || 1);
export const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
/** A seed from FUZZ_SEED replays a failure; otherwise fast-check picks one and prints it on failure. */
export const fcParams = (numRuns: number): fc.Parameters<unknown> => ({ numRuns: runs(numRuns), ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) });

export const CLI = join(ROOT, 'out', 'cli.js');
export const SERVER = join(ROOT, 'out', 'server.js');
export const NO_NETWORK = join(ROOT, 'test', 'robust', 'no-network.cjs');
export const REGRESSIONS = join(ROOT, 'test', 'fixtures', 'regressions');

// ---------------------------------------------------------------- inputs

export interface Sample { name: string; text: string; group?: string }

function listFiles(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p, ext));
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

/** The group.yaml nearest above a file, up to `root`. */
function groupAbove(file: string, root: string): string | undefined {
  for (let d = resolve(file, '..'); d.startsWith(root); d = resolve(d, '..')) {
    for (const n of ['group.yaml', 'group.yml']) if (existsSync(join(d, n))) return readFileSync(join(d, n), 'utf8');
    if (d === root) break;
  }
  return undefined;
}

let generated: { dir: string; files: string[] } | undefined | null;
/** GEN_CORPUS or ../shared/bench/gen-corpus.mjs, as bench/run.mjs finds it. */
export const GENERATOR = process.env.GEN_CORPUS ? resolve(process.env.GEN_CORPUS) : resolve(ROOT, '..', 'shared', 'bench', 'gen-corpus.mjs');

/** A generated corpus (seeded, so the same every run), or none when the generator is not there. */
export function generatedCorpus(): { dir: string; files: string[] } | undefined {
  if (generated !== undefined) return generated ?? undefined;
  if (!existsSync(GENERATOR)) { generated = null; return undefined; }
  const dir = mkdtempSync(join(tmpdir(), 'gr-robust-corpus-'));
  const groups = String(Math.max(2, Math.round(2 * SCALE)));
  const r = spawnSync(process.execPath, [GENERATOR, '--out', dir, '--groups', groups, '--notes', '8', '--seed', 'robust', '--force'], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) { generated = null; return undefined; }
  generated = { dir, files: listFiles(dir, /\.md$/) };
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return generated;
}

/**
 * A folder of at least `groups` × 8 records, enough for the CLI's worker threads (150): the
 * generator's corpus when it is there, else copies of the sample group (a clean CI clone has no
 * ../shared). Returns the folder.
 */
export function manyRecords(dir: string, groups = 20): string {
  if (existsSync(GENERATOR)) {
    const r = spawnSync(process.execPath, [GENERATOR, '--out', dir, '--groups', String(groups), '--notes', '10', '--seed', 'many', '--force'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return dir;
  }
  for (let i = 0; i < groups; i++) {
    const to = join(dir, `group-${i}`);
    cpSync(join(ROOT, 'sample', 'teen-grief-spring-2027'), to, { recursive: true });
    const profile = join(to, 'group.yaml');
    writeFileSync(profile, readFileSync(profile, 'utf8').replace(/^id: .*$/m, `id: copy-${i}`));
  }
  return dir;
}

let samples: Sample[] | undefined;
/** Every record of the rule and workspace fixtures, the pending fixtures, the sample group and the generated corpus. */
export function corpus(): Sample[] {
  if (samples) return samples;
  samples = [];
  for (const base of [join(ROOT, 'test/fixtures'), join(ROOT, 'sample')]) {
    for (const f of listFiles(base, /\.md$/)) {
      if (f.startsWith(REGRESSIONS)) continue;
      samples.push({ name: relative(ROOT, f), text: readFileSync(f, 'utf8'), group: groupAbove(f, base) });
    }
  }
  const gen = generatedCorpus();
  for (const f of gen?.files ?? []) samples.push({ name: `generated/${relative(gen!.dir, f)}`, text: readFileSync(f, 'utf8'), group: groupAbove(f, gen!.dir) });
  return samples;
}

// ---------------------------------------------------------------- slowest inputs

export interface Timed { label: string; ms: number; chars: number; preview: string }
const slowest: Timed[] = [];
let counted = 0;

/** Notes how long one input took; the slowest are printed by `printTimings`. */
export function noteTime(label: string, text: string, ms: number): void {
  counted++;
  slowest.push({ label, ms, chars: text.length, preview: JSON.stringify(text.slice(0, 60)) });
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, 5);
}

export function timings(): { count: number; slowest: readonly Timed[] } {
  return { count: counted, slowest };
}

export function printTimings(what: string): void {
  const lines = slowest.map((t) => `        ${t.ms.toFixed(1)} ms  ${t.label} (${t.chars} chars) ${t.preview}`);
  console.log(`      ${what}: ${counted} inputs; slowest:\n${lines.join('\n')}`);
}

// ---------------------------------------------------------------- positions

/**
 * A finding's span lies inside the text, on whole characters: it does not start or end between
 * the halves of a surrogate pair or of a CRLF, and its LSP range (from the product's LineIndex)
 * is the one an editor computes (vscode-languageserver-textdocument, an independent UTF-16 count).
 */
export function spanProblem(text: string, span: Span, doc: TextDocument, range?: { start: { line: number; character: number }; end: { line: number; character: number } }): string | undefined {
  if (!(Number.isInteger(span.start) && Number.isInteger(span.end))) return `span ${JSON.stringify(span)} is not whole offsets`;
  if (span.start < 0 || span.end > text.length || span.start > span.end) return `span ${JSON.stringify(span)} outside 0..${text.length}`;
  for (const o of [span.start, span.end]) {
    if (o > 0 && o < text.length) {
      const a = text.charCodeAt(o - 1), b = text.charCodeAt(o);
      if (a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff) return `offset ${o} splits a surrogate pair`;
      if (a === 13 && b === 10) return `offset ${o} splits a CRLF`;
    }
  }
  if (range) {
    const want = { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
    if (JSON.stringify(want) !== JSON.stringify(range)) return `range ${JSON.stringify(range)} for span ${JSON.stringify(span)}; an editor counts ${JSON.stringify(want)}`;
  }
  return undefined;
}

/** Every span a finding carries: its own, its fixes' edits, its related spans in the same file. */
export function findingSpans(f: Finding): Array<{ what: string; span: Span }> {
  const out = [{ what: f.ruleId, span: f.span }];
  for (const fix of f.fixes ?? []) for (const e of fix.edits) out.push({ what: `${f.ruleId} fix "${fix.title}"`, span: e });
  for (const r of (f as { related?: Array<{ span?: Span; file?: string }> }).related ?? []) if (r.span && !r.file) out.push({ what: `${f.ruleId} related`, span: r.span });
  return out;
}

// ---------------------------------------------------------------- text generators

/** Characters that are one thing to a reader and several UTF-16 units, or no width at all. */
export const TRICKY = ['😀', '👩‍👩‍👧', '🇳🇿', '会议记录', '한국어', 'é', 'e\u0301', 'ñ̃', '\u200d', '\u200b', '\u202e', '\u00a0', '\u2028', 'ß', 'İ', 'ﬁ', '\t', '\\', '\ud800', '\udfff', '\u0000', '\ufffd', '\ufeff'];
export const EOLS = ['\n', '\r\n', '\r'] as const;

const MD_TOKENS = [
  '# ', '## ', '### ', '#', '- ', '* ', '+ ', '1. ', '2) ', '> ', '>', '> [!REVIEW] @kchen 2027-03-09 ', '> [!RESOLVED] ', '```', '~~~', '    ',
  '<!--', '-->', '<!-- group-records-disable note.summary -- a reason -->', '<!-- group-records-enable -->', '<div>', '</div>',
  '**', '__', '*', '_', '`', '[', ']', '(', ')', '![', '|', '| --- |', '---', '===', '***', '\\', '&amp;', '<', 'http://example.org', '[x]: y',
  '#G1', '#M01-G1', '@M01', '@kchen', 'M01', 'M09', 'Summary:', '**Summary:**', 'Next steps', 'Group dynamics', 'TBD', 'N/A', '…',
  '555-123-4567', 'jane@example.org', 'Jane Smith', '2027-02-30', '## Addendum — 2027-03-01',
];
const YAML_TOKENS = [
  ': ', ':', '- ', '[', ']', '{', '}', ', ', '&a ', '*a', '!!str ', '!!binary ', "'", '"', ' #', '|', '>-', '? ', '...', '---', '%YAML 1.2', '<<: *a',
  'record: session-note', 'record: contract', 'record: plan', 'record: ending-summary', 'record: sesion-note', 'date: 2027-02-14', 'date: 2027-02-30',
  'date: 14/02/2027', 'session: 3', 'session: two', 'phase: middle', 'phase: late', 'status: approved', 'approved_hash: sha256:00', 'format: soap',
  'attendance: { present: [M01, M02], absent: [M03] }', 'attendance:\n  present: [M01]', 'group: fixture-group', 'unknwon: x', '__proto__: 1', 'constructor: x',
];

const piece = (tokens: string[]) => fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...tokens) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 3, arbitrary: fc.constantFrom(' ', '\n', '\n\n', '\r\n', '\r', 'Members talked about school.') },
);

/** A record-shaped text: maybe a BOM, maybe front matter of token soup, then a token-soup body, in one line-ending style. */
export const randomRecord: fc.Arbitrary<string> = fc.record({
  bom: fc.boolean(),
  fm: fc.option(fc.array(fc.array(piece(YAML_TOKENS), { maxLength: 6 }).map((p) => p.join('')), { maxLength: 12 }), { freq: 4 }),
  closed: fc.integer({ min: 0, max: 6 }),
  body: fc.array(fc.array(piece(MD_TOKENS), { maxLength: 8 }).map((p) => p.join('')), { maxLength: 25 }),
  eol: fc.constantFrom(...EOLS),
}).map(({ bom, fm, closed, body, eol }) => {
  const head = fm ? `---\nrecord: session-note\n${fm.join('\n')}\n${closed ? '---\n' : ''}` : '';
  return (bom ? '\ufeff' : '') + (head + body.join('\n')).replace(/\r\n|\r|\n/g, eol);
});

export type Mutation =
  | { t: 'insert'; at: number; s: string }
  | { t: 'delete'; at: number; len: number }
  | { t: 'duplicate'; at: number; len: number; to: number }
  | { t: 'swapLines'; a: number; b: number }
  | { t: 'truncate'; at: number }
  | { t: 'eol'; eol: string }
  | { t: 'bom' };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ t: fc.constant('insert' as const), at: fc.nat(), s: fc.oneof(piece(MD_TOKENS), piece(YAML_TOKENS)) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 80 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 400 }), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('eol' as const), eol: fc.constantFrom(...EOLS) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'bom' as const }) },
);

/** Applies one mutation; positions are taken modulo the text's length. */
export function mutate(text: string, m: Mutation): string {
  const n = text.length;
  const at = (x: number) => (n ? x % (n + 1) : 0);
  switch (m.t) {
    case 'insert': { const i = at(m.at); return text.slice(0, i) + m.s + text.slice(i); }
    case 'delete': { const i = at(m.at); return text.slice(0, i) + text.slice(i + m.len); }
    case 'duplicate': { const i = at(m.at); const s = text.slice(i, i + m.len); const j = at(m.to); return text.slice(0, j) + s + text.slice(j); }
    case 'swapLines': {
      const ls = text.split('\n');
      if (ls.length < 2) return text;
      const a = m.a % ls.length, b = m.b % ls.length;
      [ls[a], ls[b]] = [ls[b], ls[a]];
      return ls.join('\n');
    }
    case 'truncate': return text.slice(0, at(m.at));
    case 'eol': return text.replace(/\r\n|\r|\n/g, m.eol);
    case 'bom': return text.startsWith('\ufeff') ? text.slice(1) : '\ufeff' + text;
  }
}

// ---------------------------------------------------------------- the command line

export interface CliRun { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number }

/** Runs out/cli.js; `preload` adds `--require` (the network blocker). */
export function runCli(args: string[], opts: { cwd?: string; preload?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): CliRun {
  const t = performance.now();
  const r = spawnSync(process.execPath, [...(opts.preload ? ['--require', opts.preload] : []), CLI, ...args], {
    cwd: opts.cwd ?? ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: opts.timeout ?? 120_000, env: { ...process.env, ...opts.env },
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: performance.now() - t };
}

export interface JsonFile { file: string; diagnostics: Array<{ code: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }> }

export function parseJsonOutput(r: CliRun): JsonFile[] {
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status} (${r.signal ?? 'no signal'}): ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stdout) as JsonFile[];
}

/** A record's front matter and body for the limit tests. */
export const NOTE_HEAD = '---\nrecord: session-note\ndate: 2027-02-14\nsession: 3\nphase: middle\nattendance: { present: [M01], absent: [] }\n---\n\n# Session 3\n\n';

/** Summary table rows the limit tests print at the end (the lead reads these figures). */
export const limitRows: Array<{ input: string; via: string; ms: number; codes: string; note?: string }> = [];
export function printLimitRows(): void {
  if (!limitRows.length) return;
  const w = Math.max(...limitRows.map((r) => r.input.length));
  console.log('      limit                                   via     ms       findings');
  for (const r of limitRows) console.log(`      ${r.input.padEnd(Math.max(w, 40))} ${r.via.padEnd(7)} ${String(Math.round(r.ms)).padStart(7)}  ${r.codes}${r.note ? `  (${r.note})` : ''}`);
}
