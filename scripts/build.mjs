// Bundles the CLI, the language server, the client and the tests with esbuild.
// The ESM-only unified/remark packages are bundled into CommonJS; standards YAML is embedded as text.
import * as esbuild from 'esbuild';
import { yamlAsJson } from './yamlPlugin.mjs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  plugins: [yamlAsJson],
  define: { VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  logLevel: 'warning',
  legalComments: 'none',
};

function testEntries(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'fixtures' && name !== 'e2e') out.push(...testEntries(p)); }
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const builds = [
  { ...common, entryPoints: { cli: 'server/src/cli/main.ts', server: 'server/src/main.ts', 'check-worker': 'server/src/cli/checkWorker.ts', 'lsp-worker': 'server/src/lsp/bigCheckWorker.ts' }, outdir: 'out', minify: !watch, banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: testEntries('test').map((p) => ({ in: p, out: p.replace(/^test\//, 'test/').replace(/\.ts$/, '') })), outdir: 'out' },
  { ...common, entryPoints: { 'bench-index': 'bench/incremental-entry.ts' }, outdir: 'out' },
];
const optional = [
  { ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'out', external: ['vscode'], minify: !watch },
];
import { existsSync } from 'node:fs';
for (const b of optional) if (Object.values(b.entryPoints).every((p) => existsSync(p))) builds.push(b);

const present = builds.map((b) => ({ ...b, entryPoints: Array.isArray(b.entryPoints) ? b.entryPoints : Object.fromEntries(Object.entries(b.entryPoints).filter(([, p]) => existsSync(p))) }));
if (watch) {
  for (const b of present) (await esbuild.context(b)).watch();
} else {
  await Promise.all(present.map((b) => esbuild.build(b)));
}
