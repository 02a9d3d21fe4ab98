#!/usr/bin/env node
// Where does `group-records check` spend its time? Builds an UNMINIFIED copy of the CLI (the
// shipped out/cli.js is minified, so profile names would be meaningless) into .bench/profile/,
// runs it under --cpu-prof (Node writes one profile per thread, so the workers are included),
// and prints self time per function and per source file, mapped back to server/src or
// node_modules through the bundle's source map.
//   node bench/profile.mjs [CORPUS_DIR]     (default .bench/medium; run bench/run.mjs first)
//   node bench/profile.mjs --analyze DIR    (only summarise existing .cpuprofile files)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceMap } from 'node:module';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, '.bench', 'profile');
const BUILD = join(OUT, 'build');

/** Same bundle as scripts/build.mjs's CLI entry, minus minification. */
async function build() {
  const esbuild = await import(join(ROOT, 'node_modules', 'esbuild', 'lib', 'main.js'));
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  await esbuild.build({
    absWorkingDir: ROOT, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'linked',
    loader: { '.yaml': 'text' }, define: { VERSION: JSON.stringify(version) }, logLevel: 'warning', minify: false,
    entryPoints: { cli: 'server/src/cli/main.ts', 'check-worker': 'server/src/cli/checkWorker.ts' }, outdir: BUILD,
  });
}

/** Self time (ms) per call frame, from the sample timeline (more exact than hitCount × interval). */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  return [...self].map(([id, ms]) => ({ frame: byId.get(id).callFrame, ms }));
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
  const src = relative(ROOT, e.originalSource.startsWith('file://') ? fileURLToPath(e.originalSource) : resolve(dirname(path), e.originalSource));
  return { file: src, line: e.originalLine + 1 };
}
const pkgOf = (file) => { const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file); return m ? `node_modules/${m[1]}` : file; };

function analyze(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const fn = new Map(), file = new Map(), pkg = new Map();
  let total = 0;
  const threads = [];
  for (const f of files) {
    const p = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    let t = 0;
    for (const { frame, ms } of selfTimes(p)) {
      const o = origin(frame);
      const name = frame.functionName || '(anonymous)';
      const isIdle = name === '(idle)';
      if (isIdle) continue; // a worker waiting for its next chunk is not work
      const k = `${name}  ${o.file}:${o.line}`;
      fn.set(k, (fn.get(k) ?? 0) + ms); file.set(o.file, (file.get(o.file) ?? 0) + ms); pkg.set(pkgOf(o.file), (pkg.get(pkgOf(o.file)) ?? 0) + ms);
      t += ms;
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
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--analyze') return analyze(resolve(args[1]));
  const corpus = resolve(args[0] ?? join(ROOT, '.bench', 'medium'));
  if (!existsSync(corpus)) { console.error(`${corpus} does not exist (run node bench/run.mjs --quick first)`); process.exit(2); }
  await build();
  const profDir = join(OUT, 'cpu');
  rmSync(profDir, { recursive: true, force: true }); // only our own previous profiles
  mkdirSync(profDir, { recursive: true });
  const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, join(BUILD, 'cli.js'), 'check', corpus, '--format', 'json', '--stats'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 && r.status !== 1) { console.error(`check exited ${r.status}`); process.exit(1); }
  analyze(profDir);
}

main().catch((err) => { console.error(err.stack ?? err); process.exit(1); });
