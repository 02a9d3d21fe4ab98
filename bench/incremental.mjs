#!/usr/bin/env node
// Incremental re-check through the workspace index, against checking the edited note alone.
//   node bench/incremental.mjs [--corpus large] [--edits 30] [--warmup 5]
// Builds a WorkspaceIndex over a generated corpus (.bench/<corpus>, made with the shared generator
// as bench/run.mjs does, and reused when it is already there), then edits one typical ~4 KB note
// again and again. Each edit is timed two ways, alternating so machine noise hits both alike:
//   index: setRecord + findingsFor + takeChanged (re-parse, single-record checks, the group's
//          cross-record findings, change tracking: all a language server does per keystroke batch)
//   alone: checkRecordFile of the same text with the same profiles (what an editor without the
//          index would do)
// and the number of records parsed per edit is read from the index's counter (it should be 1).
// Run `npm run build` first: it bundles out/bench-index.js. Nothing outside .bench/ is written.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = join(ROOT, 'out', 'bench-index.js');
const GEN = process.env.GEN_CORPUS ? resolve(process.env.GEN_CORPUS) : resolve(ROOT, '..', 'shared', 'bench', 'gen-corpus.mjs');
const SIZES = { small: { groups: 10, notes: 10 }, medium: { groups: 10, notes: 100 }, large: { groups: 100, notes: 100 } };

const { values: opt } = parseArgs({ options: {
  corpus: { type: 'string', default: 'large' },
  edits: { type: 'string', default: '30' },
  warmup: { type: 'string', default: '5' },
} });
const size = SIZES[opt.corpus];
if (!size) { console.error(`--corpus: one of ${Object.keys(SIZES).join(', ')}`); process.exit(2); }
if (!existsSync(BUNDLE)) { console.error(`${BUNDLE} is missing: run \`npm run build\` first`); process.exit(2); }
const EDITS = Math.max(1, +opt.edits), WARMUP = Math.max(0, +opt.warmup);
const log = (s) => process.stderr.write(s + '\n');

// ---------------------------------------------------------------- corpus

function ensureCorpus(name) {
  const dir = join(ROOT, '.bench', name);
  const meta = join(dir, '_corpus.json');
  if (existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8'));
    if (m.seed === '1' && m.groups === size.groups && m.notes === size.notes && !m.big) return { dir, meta: m };
  }
  if (!existsSync(GEN)) throw new Error(`gen-corpus.mjs not found at ${GEN} (set GEN_CORPUS)`);
  log(`generating .bench/${name} (${size.groups} groups × ${size.notes} notes)…`);
  const r = spawnSync(process.execPath, [GEN, '--out', dir, '--groups', String(size.groups), '--notes', String(size.notes), '--seed', '1', '--force'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('gen-corpus.mjs failed');
  return { dir, meta: JSON.parse(readFileSync(meta, 'utf8')) };
}

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out); else if (e.name !== '_corpus.json') out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------- measurement

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const ms = (x) => `${x.toFixed(2)} ms`;

const { WorkspaceIndex, checkRecordFile, ProfileSet, builtinCatalogue } = createRequire(import.meta.url)(BUNDLE);
const cat = builtinCatalogue();
const { dir, meta } = ensureCorpus(opt.corpus);
const files = walk(dir);
const isProfile = (p) => /[\\/]group\.ya?ml$/.test(p);
const texts = new Map(files.map((p) => [p, readFileSync(p, 'utf8')]));

const heap0 = process.memoryUsage().heapUsed;
const t0 = performance.now();
const index = new WorkspaceIndex(cat, { read: (p) => (texts.has(p) ? { text: texts.get(p) } : { text: '', problem: { kind: 'unreadable', detail: 'ENOENT' } }) });
for (const p of files) if (isProfile(p)) index.setProfile(p, texts.get(p));
for (const p of files) if (p.endsWith('.md')) index.setRecord(p, texts.get(p));
const withFindings = index.filesWithFindings().length;
index.takeChanged();
const buildMs = performance.now() - t0;
globalThis.gc?.();
const heapMiB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;

// The same profiles, for checking the note alone.
const profiles = new ProfileSet();
for (const p of files) if (isProfile(p)) profiles.add(p, texts.get(p));

// A typical note: a session note without an injected defect, closest to 4 KB.
const notes = meta.files.filter((f) => f.path.includes('/notes/') && !f.defect);
const pick = notes.reduce((a, b) => (Math.abs(b.bytes - 4096) < Math.abs(a.bytes - 4096) ? b : a));
const target = join(dir, pick.path);
const original = texts.get(target);
// Each edit changes a word and adds or drops a line, so offsets and lines below it move as in typing.
const variant = (i) => original.replace(/\n## /, `\n${'Edited line.\n'.repeat(i % 3)}\n## `).replace(/\bthe\b/, i % 2 ? 'The' : 'the');

const viaIndex = [], alone = [], parses = [], changedCounts = [];
for (let i = 0; i < WARMUP + EDITS; i++) {
  const text = variant(i + 1);
  const runIndex = () => {
    const before = index.stats.parses;
    const s = performance.now();
    index.setRecord(target, text);
    index.findingsFor(target);
    const changed = index.takeChanged();
    const e = performance.now() - s;
    return { e, parsed: index.stats.parses - before, changed: changed.length };
  };
  const runAlone = () => {
    const s = performance.now();
    checkRecordFile(target, { text }, cat, profiles);
    return performance.now() - s;
  };
  let a, b;
  if (i % 2) { b = runAlone(); a = runIndex(); } else { a = runIndex(); b = runAlone(); }
  if (i < WARMUP) continue;
  viaIndex.push(a.e); alone.push(b); parses.push(a.parsed); changedCounts.push(a.changed);
}

// For information: a profile edit re-checks that group's records (through `read`) and nothing else.
const profilePath = join(dirname(dirname(target)), 'group.yaml');
const before = index.stats.parses;
const ps = performance.now();
// A realistic edit: a member's initials corrected. The roster is part of every record's checks.
index.setProfile(profilePath, texts.get(profilePath).replace(/initials: (\S)/, 'initials: X$1'));
index.takeChanged();
const profileMs = performance.now() - ps;
const profileParses = index.stats.parses - before;

const result = {
  corpus: opt.corpus, records: index.stats.records, profiles: index.stats.profiles, filesWithFindings: withFindings,
  buildS: +(buildMs / 1e3).toFixed(2), indexHeapMiB: +heapMiB.toFixed(1), heapMeasuredAfterGc: !!globalThis.gc,
  note: pick.path, noteBytes: pick.bytes, edits: EDITS,
  indexMedianMs: +median(viaIndex).toFixed(3), indexP99Ms: +pct(viaIndex, 99).toFixed(3),
  aloneMedianMs: +median(alone).toFixed(3), aloneP99Ms: +pct(alone, 99).toFixed(3),
  ratioMedian: +(median(viaIndex) / median(alone)).toFixed(2), ratioP99: +(pct(viaIndex, 99) / pct(alone, 99)).toFixed(2),
  recordsParsedPerEdit: [...new Set(parses)], filesChangedPerEdit: [...new Set(changedCounts)],
  profileEditMs: +profileMs.toFixed(1), profileEditParses: profileParses,
  load1: +loadavg()[0].toFixed(2),
};
log(`corpus ${opt.corpus}: ${result.records} records, ${result.profiles} profiles, index built in ${result.buildS} s, heap +${result.indexHeapMiB} MiB${globalThis.gc ? '' : ' (run with --expose-gc for a steadier figure)'}`);
log(`note ${pick.path} (${pick.bytes} bytes), ${EDITS} edits after ${WARMUP} warm-up, load ${result.load1}`);
log(`  through the index: median ${ms(median(viaIndex))}, p99 ${ms(pct(viaIndex, 99))}`);
log(`  the note alone:    median ${ms(median(alone))}, p99 ${ms(pct(alone, 99))}`);
log(`  ratio: median ${result.ratioMedian}×, p99 ${result.ratioP99}× (target ≤ 2×)`);
log(`  records parsed per edit: ${result.recordsParsedPerEdit.join(', ')}; files whose findings changed per edit: ${result.filesChangedPerEdit.join(', ')}`);
log(`  a profile edit: ${result.profileEditParses} records re-checked in ${ms(profileMs)}`);
process.stdout.write(JSON.stringify(result) + '\n');
