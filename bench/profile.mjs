#!/usr/bin/env node
// Where does `group-records check` spend its time? Runs the built CLI (out/cli.js, exactly what
// bench/run.mjs measures) under --cpu-prof — Node writes one profile per thread, so the worker
// threads are included — and prints self time per function, per source file and per package,
// mapped back to server/src/… or node_modules/… through the bundle's source map. The bundle is
// minified, so function names are recovered from the original source line (see nameAt).
//   node bench/profile.mjs [CORPUS_DIR_OR_FILE]  (default .bench/medium; run bench/run.mjs first)
//   node bench/profile.mjs --analyze DIR          (only summarise existing .cpuprofile files)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceMap } from 'node:module';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, '.bench', 'profile');
const CLI = join(ROOT, 'out', 'cli.js');

/** Self time (ms) per profile node, from the sample timeline (more exact than hitCount × interval). */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  // The stack of each node, innermost first, so time can also be counted inclusively.
  const stack = (id) => { const out = []; for (let x = id; x !== undefined; x = parent.get(x)) out.push(byId.get(x).callFrame); return out; };
  return [...self].map(([id, ms]) => ({ frame: byId.get(id).callFrame, ms, stack: stack(id) }));
}

const maps = new Map();
/** Original source of a bundle position: server/src/…, node_modules/<pkg>, or the bundle itself. */
function origin(frame) {
  if (!frame.url) return { file: `(${frame.functionName || 'program'})`, line: 0 };
  const path = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url;
  if (!maps.has(path)) {
    let sm = null;
    try { sm = new SourceMap(JSON.parse(readFileSync(path + '.map', 'utf8'))); } catch { /* not ours */ }
    maps.set(path, sm);
  }
  const sm = maps.get(path);
  const e = sm?.findEntry(frame.lineNumber, frame.columnNumber);
  if (!e || !e.originalSource) return { file: path.startsWith('node:') || !path.startsWith('/') ? path : relative(ROOT, path), line: frame.lineNumber + 1 };
  const abs = e.originalSource.startsWith('file://') ? fileURLToPath(e.originalSource) : resolve(dirname(path), e.originalSource);
  return { file: relative(ROOT, abs), line: e.originalLine + 1, name: nameAt(abs, e.originalLine, e.originalColumn) };
}

const sources = new Map();
/** The original name of the function whose position maps to (line, col): the minifier renamed it. */
function nameAt(abs, line, col) {
  if (!sources.has(abs)) { try { sources.set(abs, readFileSync(abs, 'utf8').split('\n')); } catch { sources.set(abs, []); } }
  const text = sources.get(abs)[line] ?? '';
  // V8 places a function at its name (declarations, methods) or at its parameter list (arrows).
  const decl = /^([\w$]+)\s*[<(]/.exec(text.slice(col));
  if (decl && !/^(?:if|for|while|switch|return|function)$/.test(decl[1])) return decl[1];
  const expr = /([\w$]+)\s*[:=]\s*(?:async\s*)?(?:function\s*[\w$]*\s*)?\(?\s*$/.exec(text.slice(0, col));
  return expr?.[1];
}
const pkgOf = (file) => { const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file); return m ? `node_modules/${m[1]}` : file; };

function analyze(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const fn = new Map(), file = new Map(), pkg = new Map(), incl = new Map(), caller = new Map();
  let total = 0;
  const threads = [];
  for (const f of files) {
    const p = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    let t = 0;
    for (const { frame, ms, stack } of selfTimes(p)) {
      const o = origin(frame);
      const name = o.name && o.name !== frame.functionName ? `${o.name}` : frame.functionName || '(anonymous)';
      const isIdle = name === '(idle)';
      if (isIdle) continue; // a worker waiting for its next chunk is not work
      const k = `${name}  ${o.file}:${o.line}`;
      fn.set(k, (fn.get(k) ?? 0) + ms); file.set(o.file, (file.get(o.file) ?? 0) + ms); pkg.set(pkgOf(o.file), (pkg.get(pkgOf(o.file)) ?? 0) + ms);
      t += ms;
      // Inclusive time of our own functions (server/src), each counted once per sample.
      const ours = [...new Set(stack.map((f) => { const x = origin(f); return x.file.startsWith('server/') ? `${x.name ?? f.functionName}  ${x.file}:${x.line}` : null; }).filter(Boolean))];
      for (const k2 of ours) incl.set(k2, (incl.get(k2) ?? 0) + ms);
      // Library (or GC) time charged to the innermost server/src function on the stack: who asked for it.
      if (!o.file.startsWith('server/')) { const k2 = `${ours[0] ?? '(no server/src caller)'}  <- ${pkgOf(o.file)}`; caller.set(k2, (caller.get(k2) ?? 0) + ms); }
    }
    threads.push(`${f}: ${(t / 1e3).toFixed(2)} s busy`);
    total += t;
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, ms]) => `${(100 * ms / total).toFixed(1).padStart(5)}%  ${(ms / 1e3).toFixed(2).padStart(6)} s  ${k}`).join('\n');
  console.log(`profiles in ${relative(ROOT, dir)}:\n  ${threads.join('\n  ')}\n  total busy (all threads, idle excluded): ${(total / 1e3).toFixed(2)} s`);
  console.log(`\n== self time by package / server source file ==\n${top(pkg, 25)}`);
  console.log(`\n== self time by source file ==\n${top(file, 25)}`);
  console.log(`\n== top functions by self time ==\n${top(fn, 40)}`);
  console.log(`\n== inclusive time of server/src functions ==\n${top(incl, 30)}`);
  console.log(`\n== library time by the innermost server/src caller ==\n${top(caller, 25)}`);
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--analyze') return analyze(resolve(args[1]));
  const corpus = resolve(args[0] ?? join(ROOT, '.bench', 'medium'));
  if (!existsSync(corpus)) { console.error(`${corpus} does not exist (run node bench/run.mjs --quick first)`); process.exit(2); }
  if (!existsSync(CLI)) { console.error('run npm run build first'); process.exit(2); }
  const profDir = join(OUT, 'cpu');
  rmSync(profDir, { recursive: true, force: true }); // only our own previous profiles
  mkdirSync(profDir, { recursive: true });
  const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, CLI, 'check', corpus, '--format', 'json', '--stats'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 && r.status !== 1) { console.error(`check exited ${r.status}`); process.exit(1); }
  analyze(profDir);
}

main().catch((err) => { console.error(err.stack ?? err); process.exit(1); });
