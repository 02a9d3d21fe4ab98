#!/usr/bin/env node
// The language server as an editor sees it (issue 4's figures), over stdio against out/server.js:
//   1. edit latency: a typical ~4 KB note open in a workspace of CORPUS (default .bench/medium);
//      each edit is a didChange followed by a diagnostic pull, timed from sending the change to
//      the answer, against checking the same text in-process (checkRecordFile, out/bench-index.js);
//      and the index's parse counter shows how many records each edit re-parsed.
//   2. a 1 MB note (.bench/big): after each edit a re-check is in flight; completion and hover are
//      timed right behind the change, against the note's parse time (remark-parse, in-process).
//   node bench/lsp.mjs [--corpus medium] [--edits 40]
// Corpora come from bench/run.mjs (run it, or `npm run bench`, first). Prints one JSON line last.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const lib = require(join(ROOT, 'out', 'bench-index.js'));
const { values: opt } = parseArgs({ options: { corpus: { type: 'string', default: 'medium' }, edits: { type: 'string', default: '200' } } });
const EDITS = +opt.edits;
const log = (s) => process.stderr.write(s + '\n');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const p99 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)]; };
const r3 = (x) => Math.round(x * 1000) / 1000;

function server(root) {
  // LSP_CPU_PROF=DIR: the server writes a CPU profile there (read it with bench/profile.mjs --analyze DIR).
  const prof = process.env.LSP_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.LSP_CPU_PROF)}`] : [];
  const child = spawn(process.execPath, [...prof, join(ROOT, 'out', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  const init = conn.sendRequest('initialize', {
    processId: process.pid, rootUri: pathToFileURL(root).href, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }],
    capabilities: { textDocument: { diagnostic: {}, completion: { completionItem: { snippetSupport: true } } }, workspace: { diagnostics: { refreshSupport: true } } },
    initializationOptions: { trusted: true },
  }).then(() => conn.sendNotification('initialized', {}));
  return { conn, child, init };
}

/** A profiled server is let exit by itself, which is when it writes its profile. */
async function stop(child) {
  if (!process.env.LSP_CPU_PROF) { child.kill(); return; }
  if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
}

async function untilIndexed(conn, records) {
  for (;;) {
    const s = await conn.sendRequest('groupRecords/stats');
    if (s.records >= records) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function mdFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...mdFiles(p)); else if (e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

/** Inserts a word into the middle of the note's last paragraph line: a typical keystroke burst. */
function editAt(text) {
  const lines = text.split('\n');
  let line = lines.length - 1;
  while (line > 0 && lines[line].trim().length < 20) line--;
  return { line, character: Math.floor(lines[line].length / 2) };
}

async function editLatency() {
  const dir = join(ROOT, '.bench', opt.corpus);
  if (!existsSync(join(dir, '_corpus.json'))) throw new Error(`${dir} is missing: run \`node bench/run.mjs --only ${opt.corpus}\` first`);
  const meta = JSON.parse(readFileSync(join(dir, '_corpus.json'), 'utf8'));
  const records = meta.files.filter((f) => f.path.endsWith('.md')).length;
  const note = meta.files.filter((f) => /notes\/.*\.md$/.test(f.path) && !f.defect).sort((a, b) => Math.abs(a.bytes - 4096) - Math.abs(b.bytes - 4096))[0];
  const path = join(dir, note.path);
  const { conn, child, init } = server(dir);
  await init;
  const t0 = performance.now();
  const before = await untilIndexed(conn, records - 1);
  const scanS = (performance.now() - t0) / 1e3;
  const uri = pathToFileURL(path).href;
  let text = readFileSync(path, 'utf8');
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  const viaServer = [], parses = [];
  for (let i = 0; i < EDITS + 5; i++) {
    const at = editAt(text);
    const s0 = (await conn.sendRequest('groupRecords/stats')).parses;
    const t = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ range: { start: at, end: at }, text: 'x ' }] });
    await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const ms = performance.now() - t;
    const lines = text.split('\n'); lines[at.line] = lines[at.line].slice(0, at.character) + 'x ' + lines[at.line].slice(at.character); text = lines.join('\n');
    if (i >= 5) { viaServer.push(ms); parses.push((await conn.sendRequest('groupRecords/stats')).parses - s0); }
  }
  await conn.sendRequest('shutdown'); await conn.sendNotification('exit'); await stop(child);

  // The same text checked in-process, as often, with the group's profile.
  const cat = lib.builtinCatalogue();
  const profiles = new lib.ProfileSet();
  const gy = join(dirname(dirname(path)), 'group.yaml');
  profiles.add(gy, readFileSync(gy, 'utf8'));
  // Warm this process's JIT as far as the server's (which has just checked the whole corpus).
  for (const f of mdFiles(dir).slice(0, 300)) lib.checkRecordFile(f, { text: readFileSync(f, 'utf8') }, cat, profiles);
  const alone = [];
  for (let i = 0; i < EDITS + 5; i++) {
    const t = performance.now();
    lib.checkRecordFile(path, { text }, cat, profiles);
    if (i >= 5) alone.push(performance.now() - t);
  }
  return {
    corpus: opt.corpus, records, indexedBeforeOpen: before.records, scanS: r3(scanS), note: note.path, noteBytes: note.bytes, edits: EDITS,
    serverMedianMs: r3(median(viaServer)), serverP99Ms: r3(p99(viaServer)), aloneMedianMs: r3(median(alone)), aloneP99Ms: r3(p99(alone)),
    ratioMedian: r3(median(viaServer) / median(alone)), ratioP99: r3(p99(viaServer) / p99(alone)), recordsParsedPerEdit: [...new Set(parses)],
  };
}

async function bigNoteResponsiveness() {
  const dir = join(ROOT, '.bench', 'big');
  if (!existsSync(join(dir, '_corpus.json'))) throw new Error(`${dir} is missing: run \`node bench/run.mjs --only big\` first`);
  const big = mdFiles(dir).find((p) => p.endsWith('-big.md'));
  let text = readFileSync(big, 'utf8');
  const processor = unified().use(remarkParse).use(remarkFrontmatter);
  const parses = [];
  for (let i = 0; i < 3; i++) { const t = performance.now(); processor.parse(text); parses.push(performance.now() - t); }
  const parseMs = median(parses);
  const { conn, child, init } = server(dir);
  await init;
  await untilIndexed(conn, mdFiles(dir).length - 1);
  const uri = pathToFileURL(big).href;
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const completion = [], hover = [], inFlight = [];
  const lines = () => text.split('\n');
  for (let i = 0; i < 10; i++) {
    const at = { line: lines().length - 1, character: 0 };
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ range: { start: at, end: at }, text: '\nSee @' }] });
    text += '\nSee @';
    const end = { line: lines().length - 1, character: 5 };
    const pending = (await conn.sendRequest('groupRecords/stats')).backgroundPending;
    inFlight.push(pending);
    let t = performance.now();
    await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: end });
    completion.push(performance.now() - t);
    t = performance.now();
    await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: lines().findIndex((l) => /^#{1,6} /.test(l)), character: 3 } });
    hover.push(performance.now() - t);
  }
  // Let the last re-check land, to see the checks were coalesced rather than queued.
  for (let i = 0; i < 200 && (await conn.sendRequest('groupRecords/stats')).backgroundPending; i++) await new Promise((r) => setTimeout(r, 50));
  await conn.sendRequest('shutdown'); await conn.sendNotification('exit'); await stop(child);
  return {
    file: big.slice(ROOT.length + 1), bytes: statSync(big).size, parseMs: r3(parseMs),
    completionMedianMs: r3(median(completion)), completionMaxMs: r3(Math.max(...completion)), hoverMedianMs: r3(median(hover)), hoverMaxMs: r3(Math.max(...hover)),
    completionOverParse: r3(Math.max(...completion) / parseMs), hoverOverParse: r3(Math.max(...hover) / parseMs), checksInFlightWhenAsked: inFlight,
  };
}

const edit = await editLatency();
log(`edit latency (${edit.corpus}, ${edit.records} records indexed in ${edit.scanS} s; ${edit.note}, ${edit.noteBytes} B, ${edit.edits} edits):`);
log(`  didChange → diagnostics: median ${edit.serverMedianMs} ms, p99 ${edit.serverP99Ms} ms`);
log(`  in-process check:        median ${edit.aloneMedianMs} ms, p99 ${edit.aloneP99Ms} ms`);
log(`  ratio: median ${edit.ratioMedian}× (target ≤ 1.5), p99 ${edit.ratioP99}× (target ≤ 2); records parsed per edit: ${edit.recordsParsedPerEdit.join(', ')}`);
const big = await bigNoteResponsiveness();
log(`big note ${big.file} (${(big.bytes / 1e6).toFixed(2)} MB, parse ${big.parseMs} ms), re-check in flight:`);
log(`  completion: median ${big.completionMedianMs} ms, max ${big.completionMaxMs} ms (${big.completionOverParse}× parse; target ≤ 0.05)`);
log(`  hover:      median ${big.hoverMedianMs} ms, max ${big.hoverMaxMs} ms (${big.hoverOverParse}× parse)`);
log(`  checks pending when asked: ${big.checksInFlightWhenAsked.join(' ')} (at most 2 per document: one running, one waiting)`);
process.stdout.write(JSON.stringify({ edit, big, load1: +loadavg()[0].toFixed(2) }) + '\n');
