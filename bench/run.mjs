#!/usr/bin/env node
// Benchmark of `group-records check` against a parse floor (bench/floor.mjs: read + remark-parse
// every record on one thread). Both are timed the same way — the parent's wall clock from spawn to
// exit of a child process — so Node start-up and module loading count equally on both sides.
//
//   node bench/run.mjs [--quick] [--only small,medium,large,single,big,incremental,lsp] [--reps N]
//
// Corpora are generated (deterministically, seed 1) into .bench/ and reused while their
// _corpus.json matches. Results go to .bench/results.json. Run `npm run build` first (or
// `npm run bench`, which does both). Nothing outside .bench/ is written or deleted.
// When a figure is over the limits below, `node bench/profile.mjs .bench/medium` shows where
// the check's time goes (all threads, mapped back to server/src).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, '.bench');
// Per run, so two benchmarks started in the same tree do not read each other's child output.
const TMP = join(WORK, 'tmp', String(process.pid));
const CLI = join(ROOT, 'out', 'cli.js');
const FLOOR = join(ROOT, 'bench', 'floor.mjs');
const GEN = process.env.GEN_CORPUS ? resolve(process.env.GEN_CORPUS) : resolve(ROOT, '..', 'shared', 'bench', 'gen-corpus.mjs');
const SEED = '1';

const CORPORA = {
  small: { groups: 10, notes: 10 },
  medium: { groups: 10, notes: 100 },
  large: { groups: 100, notes: 100 },
};
const BIG = { groups: 1, notes: 10, big: true };
// Thresholds the lead asked about; crossing one means "profile this".
const LIMITS = { ratioLarge: 0.75, peakMiB: 250, ratioSingle: 2 };

// ---------------------------------------------------------------- options

const { values: opt } = parseArgs({ options: {
  quick: { type: 'boolean', default: false },
  only: { type: 'string' },
  reps: { type: 'string' },
} });
const ALL = ['small', 'medium', 'large', 'single', 'big', 'incremental', 'lsp'];
const only = opt.only ? opt.only.split(',').map((s) => s.trim()) : opt.quick ? ['small', 'medium'] : ALL;
for (const o of only) if (!ALL.includes(o)) { console.error(`--only: unknown part "${o}" (one of ${ALL.join(', ')})`); process.exit(2); }
const REPS = opt.reps ? +opt.reps : opt.quick ? 1 : 3;
const REPS_SINGLE = opt.reps ? +opt.reps : opt.quick ? 3 : 9;

// ---------------------------------------------------------------- helpers

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const round = (x, d = 3) => (x == null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
const log = (s) => process.stderr.write(s + '\n');

/** Refuses to touch anything outside .bench/ — the generator's --force deletes its --out folder. */
function insideWork(p) {
  const rel = relative(WORK, resolve(p));
  if (rel === '' || rel.startsWith('..') || resolve(rel) === rel) throw new Error(`refusing to write outside ${WORK}: ${p}`);
  return p;
}

/** Runs a child process to completion and returns its exit code; throws if it fails to start. */
function run(cmd, args, stdio) {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio });
    child.on('error', rej);
    child.on('exit', (code, signal) => res(signal ? 128 : code));
  });
}

/**
 * One timed child: stdout to a file or discarded (the check's JSON can be tens of MB: never pipe it),
 * stderr to a file for the stats line. Wall time is the parent's clock from spawn to exit.
 */
async function timed(name, args, { keepStdout = false, okCodes = [0] } = {}) {
  mkdirSync(TMP, { recursive: true });
  const outPath = join(TMP, `${name}.out`), errPath = join(TMP, `${name}.err`);
  const out = keepStdout ? openSync(insideWork(outPath), 'w') : 'ignore';
  const err = openSync(insideWork(errPath), 'w');
  const t0 = performance.now();
  let code;
  try { code = await run(process.execPath, args, ['ignore', out, err]); } finally { if (keepStdout) closeSync(out); closeSync(err); }
  const wallMs = performance.now() - t0;
  const stderr = readFileSync(errPath, 'utf8');
  if (!okCodes.includes(code)) throw new Error(`${[process.execPath, ...args].join(' ')} exited ${code}:\n${stderr.slice(0, 2000)}`);
  return { wallMs, stdout: keepStdout ? readFileSync(outPath, 'utf8') : '', stderr };
}

/** The parse floor of PATH: `node bench/floor.mjs PATH`. */
async function floorOnce(path) {
  const r = await timed('floor', [FLOOR, path], { keepStdout: true });
  const self = JSON.parse(r.stdout.trim().split('\n').pop());
  return { wallMs: r.wallMs, selfWallMs: self.wallMs, parseMs: self.parseMs, cpuMs: self.cpuMs, files: self.files, maxRssKiB: self.maxRssKiB };
}

/** The check of PATH: exit 1 just means the corpus has error findings (it is meant to). */
async function checkOnce(path, stats = true) {
  const r = await timed('check', [CLI, 'check', path, '--format', 'json', ...(stats ? ['--stats'] : [])], { okCodes: [0, 1] });
  const m = /stats: files=(\d+) maxRssKiB=(\d+) userMs=(\d+) sysMs=(\d+)/.exec(r.stderr);
  if (stats && !m) throw new Error(`no stats line from the check of ${path}:\n${r.stderr.slice(0, 2000)}`);
  return { wallMs: r.wallMs, ...(m ? { files: +m[1], maxRssKiB: +m[2], cpuMs: +m[3] + +m[4] } : {}) };
}

/**
 * Floor and check side by side, alternating (and swapping which goes first each repetition) so
 * drift in the machine's state — cache, thermal, neighbours — hits both equally.
 */
async function pair(path, reps, { stats = true } = {}) {
  const floors = [], checks = [];
  for (let i = 0; i < reps; i++) {
    if (i % 2 === 0) { floors.push(await floorOnce(path)); checks.push(await checkOnce(path, stats)); }
    else { checks.push(await checkOnce(path, stats)); floors.push(await floorOnce(path)); }
    log(`    rep ${i + 1}/${reps}: floor ${(floors.at(-1).wallMs / 1e3).toFixed(3)} s, check ${(checks.at(-1).wallMs / 1e3).toFixed(3)} s`);
  }
  const med = (xs, k) => (xs.every((x) => x[k] != null) ? median(xs.map((x) => x[k])) : null);
  return {
    floor: { wallMs: med(floors, 'wallMs'), selfWallMs: med(floors, 'selfWallMs'), parseMs: med(floors, 'parseMs'), cpuMs: med(floors, 'cpuMs'), maxRssKiB: med(floors, 'maxRssKiB'), runsMs: floors.map((x) => round(x.wallMs, 1)) },
    check: { wallMs: med(checks, 'wallMs'), maxRssKiB: med(checks, 'maxRssKiB'), cpuMs: med(checks, 'cpuMs'), files: checks[0].files ?? null, runsMs: checks.map((x) => round(x.wallMs, 1)) },
  };
}

// ---------------------------------------------------------------- corpora

/** Generates a corpus into .bench/NAME unless one with the same seed and size is already there. */
async function ensureCorpus(name, { groups, notes, big = false }) {
  const dir = insideWork(join(WORK, name));
  const meta = join(dir, '_corpus.json');
  if (existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8'));
    if (m.seed === SEED && m.groups === groups && m.notes === notes && !!m.big === big) return corpusInfo(dir, m);
    log(`  ${name}: existing corpus differs (seed ${m.seed}, ${m.groups}×${m.notes}${m.big ? ' big' : ''}); regenerating`);
  }
  if (!existsSync(GEN)) throw new Error(`gen-corpus.mjs not found at ${GEN} (set GEN_CORPUS)`);
  log(`  generating ${name}: --groups ${groups} --notes ${notes}${big ? ' --big' : ''}`);
  const code = await run(process.execPath, [GEN, '--out', dir, '--groups', String(groups), '--notes', String(notes), '--seed', SEED, ...(big ? ['--big'] : []), '--force'], ['ignore', 'ignore', 'inherit']);
  if (code !== 0) throw new Error(`gen-corpus.mjs failed (${code})`);
  return corpusInfo(dir, JSON.parse(readFileSync(meta, 'utf8')));
}

/** Records and bytes from the generator's ground truth (MB = 10⁶ bytes, _corpus.json excluded). */
function corpusInfo(dir, meta) {
  const md = meta.files.filter((f) => f.path.endsWith('.md'));
  return { dir, meta, files: meta.files.length, records: md.length, bytes: meta.files.reduce((n, f) => n + f.bytes, 0) };
}

/** Reads every file once so the first timed repetition does not pay for a cold page cache. */
function warmCache(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) warmCache(p); else readFileSync(p);
  }
}

// ---------------------------------------------------------------- the measurements

async function measureCorpus(name) {
  const c = await ensureCorpus(name, CORPORA[name]);
  warmCache(c.dir);
  // Other work on the machine inflates wall times: record the load so a noisy run can be spotted.
  const loadBefore = round(loadavg()[0], 2);
  log(`  ${name}: ${c.records} records, ${(c.bytes / 1e6).toFixed(2)} MB, ${REPS} rep(s), load ${loadBefore}`);
  const p = await pair(c.dir, REPS);
  if (p.check.files !== c.records) log(`  warning: the check saw ${p.check.files} records, the corpus has ${c.records}`);
  return {
    corpus: name, dir: relative(ROOT, c.dir), ...CORPORA[name], records: c.records, mb: round(c.bytes / 1e6, 2), reps: REPS,
    floorS: round(p.floor.wallMs / 1e3), checkS: round(p.check.wallMs / 1e3), ratio: round(p.check.wallMs / p.floor.wallMs, 2),
    filesPerS: Math.round(c.records / (p.check.wallMs / 1e3)), peakMiB: round(p.check.maxRssKiB / 1024, 1),
    floorPeakMiB: round(p.floor.maxRssKiB / 1024, 1), floorParseS: round(p.floor.parseMs / 1e3), floorSelfS: round(p.floor.selfWallMs / 1e3),
    floorCpuS: round(p.floor.cpuMs / 1e3), checkCpuS: round(p.check.cpuMs / 1e3), cpuRatio: round(p.check.cpuMs / p.floor.cpuMs, 2),
    load: loadBefore, floorRunsMs: p.floor.runsMs, checkRunsMs: p.check.runsMs,
  };
}

/** Per-file time large ÷ per-file time medium: ≈1 (or below, as start-up amortises) means linear. */
function linearity(medium, large) {
  const per = (r, k) => r[k] / r.records;
  const check = per(large, 'checkS') / per(medium, 'checkS'), floor = per(large, 'floorS') / per(medium, 'floorS');
  return { checkPerFileRatio: round(check, 2), floorPerFileRatio: round(floor, 2), linear: check <= 1.15 };
}

/** The session note (no defect) closest to 4 KB in the small corpus. */
async function singleRecord() {
  const c = await ensureCorpus('small', CORPORA.small);
  const notes = c.meta.files.filter((f) => f.path.includes('/notes/') && !f.defect);
  const pick = notes.reduce((a, b) => (Math.abs(b.bytes - 4096) < Math.abs(a.bytes - 4096) ? b : a));
  const file = join(c.dir, pick.path);
  warmCache(dirname(file));
  log(`  single: ${pick.path} (${pick.bytes} bytes), ${REPS_SINGLE} reps`);
  const p = await pair(file, REPS_SINGLE, { stats: false });
  return { file: relative(ROOT, file), bytes: pick.bytes, reps: REPS_SINGLE, floorS: round(p.floor.wallMs / 1e3), checkS: round(p.check.wallMs / 1e3),
    ratio: round(p.check.wallMs / p.floor.wallMs, 2), floorRunsMs: p.floor.runsMs, checkRunsMs: p.check.runsMs };
}

/** The ~1 MB note alone: start-up is small next to its parse, so this shows per-byte cost. */
async function bigNote(single) {
  const c = await ensureCorpus('big', BIG);
  const big = c.meta.files.find((f) => f.path.endsWith('-big.md'));
  const file = join(c.dir, big.path);
  warmCache(c.dir);
  log(`  big: ${big.path} (${big.bytes} bytes), ${REPS} rep(s)`);
  const p = await pair(file, Math.max(REPS, 3));
  const out = { file: relative(ROOT, file), bytes: big.bytes, floorS: round(p.floor.wallMs / 1e3), checkS: round(p.check.wallMs / 1e3),
    ratio: round(p.check.wallMs / p.floor.wallMs, 2), peakMiB: round(p.check.maxRssKiB / 1024, 1), floorPeakMiB: round(p.floor.maxRssKiB / 1024, 1),
    floorRunsMs: p.floor.runsMs, checkRunsMs: p.check.runsMs };
  // Minus the single-record run, what is left is roughly the cost of the extra megabyte.
  if (single) out.netRatio = round((out.checkS - single.checkS) / (out.floorS - single.floorS), 2);
  return out;
}

/** A benchmark in its own process (bench/incremental.mjs, bench/lsp.mjs): its last stdout line is JSON. */
async function childJson(name, args, corpora) {
  for (const c of corpora) if (c === 'big') await ensureCorpus('big', BIG); else await ensureCorpus(c, CORPORA[c]);
  log(`  ${name}: node ${args.map((a) => relative(ROOT, a) || a).join(' ')}`);
  const r = await timed(name, ['--expose-gc', ...args], { keepStdout: true });
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

// ---------------------------------------------------------------- report

function table(head, rows) {
  const cells = [head, ...rows.map((r) => r.map((x) => (x == null ? '–' : String(x))))];
  const w = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((x, i) => (i === 0 ? x.padEnd(w[i]) : x.padStart(w[i]))).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function report(res) {
  const out = [];
  out.push(`group-records bench — node ${res.node}, ${res.cpus}× ${res.cpuModel}, ${res.reps} rep(s), medians; git ${res.git.head}${res.git.dirty.length ? ` + ${res.git.dirty.length} uncommitted change(s) in server/scripts/standards` : ''}`);
  if (res.corpora.length) {
    out.push('', table(['corpus', 'records', 'MB', 'floor s', 'check s', 'check/floor', 'files/s', 'peak MiB', 'floor MiB', 'floor cpu s', 'check cpu s', 'cpu ratio', 'load'],
      res.corpora.map((r) => [r.corpus, r.records, r.mb.toFixed(2), r.floorS.toFixed(3), r.checkS.toFixed(3), r.ratio.toFixed(2), r.filesPerS, r.peakMiB, r.floorPeakMiB,
        r.floorCpuS?.toFixed(2), r.checkCpuS?.toFixed(2), r.cpuRatio?.toFixed(2), r.load])));
    out.push('(wall times: parent-measured, spawn to exit; cpu: user + system of the whole process, all threads)');
  }
  if (res.linearity) {
    const l = res.linearity;
    out.push('', `medium → large, per-file time ratio: check ${l.checkPerFileRatio}, floor ${l.floorPerFileRatio} — ${l.linear ? 'linear (or better)' : 'GROWS FASTER THAN LINEAR'}`);
  }
  if (res.single) {
    const s = res.single;
    out.push('', `single record (${s.bytes} B, ${s.reps} reps): floor ${s.floorS.toFixed(3)} s, check ${s.checkS.toFixed(3)} s, ratio ${s.ratio.toFixed(2)}`);
  }
  if (res.big) {
    const b = res.big;
    out.push(`big note (${(b.bytes / 1e6).toFixed(2)} MB): floor ${b.floorS.toFixed(3)} s, check ${b.checkS.toFixed(3)} s, ratio ${b.ratio.toFixed(2)}`
      + (b.netRatio != null ? ` (net of start-up ${b.netRatio})` : '') + `, peak ${b.peakMiB} MiB`);
  }
  if (res.incremental) {
    const i = res.incremental;
    out.push('', `incremental (${i.records} records): one note edit through the index median ${i.indexMedianMs} ms / p99 ${i.indexP99Ms} ms, the note alone ${i.aloneMedianMs} / ${i.aloneP99Ms} ms — ratio ${i.ratioMedian}× (≤ 2), records parsed per edit ${i.recordsParsedPerEdit.join(',')}`);
  }
  if (res.lsp) {
    const e = res.lsp.edit, b = res.lsp.big;
    out.push('', `language server, ${e.corpus} workspace: didChange → diagnostics median ${e.serverMedianMs} ms / p99 ${e.serverP99Ms} ms vs in-process check ${e.aloneMedianMs} / ${e.aloneP99Ms} ms — ratio ${e.ratioMedian}× (≤ 1.5), p99 ${e.ratioP99}× (≤ 2); records parsed per edit ${e.recordsParsedPerEdit.join(',')}`);
    out.push(`language server, 1 MB note with a re-check in flight: completion max ${b.completionMaxMs} ms, hover max ${b.hoverMaxMs} ms vs parse ${b.parseMs} ms — ${b.completionOverParse}× / ${b.hoverOverParse}× (≤ 0.05)`);
  }
  if (res.flags.length) out.push('', 'over the limits:', ...res.flags.map((f) => `  - ${f}`));
  return out.join('\n');
}

/** Which of the lead's thresholds this run crosses. */
function flags(res) {
  const f = [];
  const large = res.corpora.find((r) => r.corpus === 'large');
  if (large && large.ratio > LIMITS.ratioLarge) f.push(`large: check/floor ${large.ratio} > ${LIMITS.ratioLarge}`);
  for (const r of res.corpora) if (r.peakMiB > LIMITS.peakMiB) f.push(`${r.corpus}: peak ${r.peakMiB} MiB > ${LIMITS.peakMiB}`);
  if (res.single && res.single.ratio > LIMITS.ratioSingle) f.push(`single record: check/floor ${res.single.ratio} > ${LIMITS.ratioSingle}`);
  if (res.incremental && res.incremental.ratioMedian > 2) f.push(`incremental: ${res.incremental.ratioMedian}× > 2`);
  if (res.lsp && res.lsp.edit.ratioMedian > 1.5) f.push(`lsp edit: median ${res.lsp.edit.ratioMedian}× > 1.5`);
  if (res.lsp && res.lsp.edit.ratioP99 > 2) f.push(`lsp edit: p99 ${res.lsp.edit.ratioP99}× > 2`);
  if (res.lsp && Math.max(res.lsp.big.completionOverParse, res.lsp.big.hoverOverParse) > 0.05) f.push(`lsp big note: completion/hover ${Math.max(res.lsp.big.completionOverParse, res.lsp.big.hoverOverParse)}× parse > 0.05`);
  return f;
}

/** Which code was measured: others edit the tree, so HEAD alone is not enough. Read-only git calls. */
function gitState() {
  const git = (...a) => { const r = spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' }); return r.status === 0 ? r.stdout.trim() : null; };
  const dirty = git('status', '--porcelain', '--', 'server', 'scripts', 'standards', 'package.json');
  return { head: git('rev-parse', '--short', 'HEAD'), dirty: dirty ? dirty.split('\n') : [] };
}

async function main() {
  if (!existsSync(CLI)) { console.error(`${CLI} is missing: run \`npm run build\` first (or \`npm run bench\`)`); process.exit(2); }
  mkdirSync(WORK, { recursive: true });
  const res = { date: new Date().toISOString(), node: process.version, cpus: availableParallelism(), cpuModel: cpus()[0]?.model?.trim() ?? '?',
    git: gitState(), quick: opt.quick, only, reps: REPS, corpora: [], linearity: null, single: null, big: null, flags: [] };
  for (const name of ['small', 'medium', 'large']) if (only.includes(name)) res.corpora.push(await measureCorpus(name));
  const medium = res.corpora.find((r) => r.corpus === 'medium'), large = res.corpora.find((r) => r.corpus === 'large');
  if (medium && large) res.linearity = linearity(medium, large);
  if (only.includes('single')) res.single = await singleRecord();
  if (only.includes('big')) res.big = await bigNote(res.single);
  if (only.includes('incremental')) res.incremental = await childJson('incremental', [join(ROOT, 'bench', 'incremental.mjs'), '--corpus', only.includes('large') || !opt.quick ? 'large' : 'medium'], ['large']);
  if (only.includes('lsp')) res.lsp = await childJson('lsp', [join(ROOT, 'bench', 'lsp.mjs'), '--corpus', 'medium'], ['medium', 'big']);
  res.flags = flags(res);
  writeFileSync(insideWork(join(WORK, 'results.json')), JSON.stringify(res, null, 2) + '\n');
  console.log(report(res));
  console.log(`\nresults: ${relative(process.cwd(), join(WORK, 'results.json')) || join(WORK, 'results.json')}`);
  rmSync(insideWork(TMP), { recursive: true, force: true }); // only this run's child output
}

main().catch((err) => { console.error(err.stack ?? err); process.exit(1); });
