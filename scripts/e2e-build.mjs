// Bundles the e2e tests (test/e2e → out/test/e2e), which the main build leaves out: they need
// real editors. `vscode` is provided by the extension host; mocha is loaded from node_modules so
// the host suites and the Node-side tests share one copy.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function entries(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'fixtures' ? [] : entries(p);
    return /(\.test|\/index)\.ts$/.test(p) ? [p] : [];
  });
}

export async function buildE2e() {
  // A deleted test must not keep running from an old bundle.
  rmSync('out/test/e2e', { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries('test/e2e').map((p) => ({ in: p, out: p.replace(/\.ts$/, '') })),
    outdir: 'out',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await buildE2e();
