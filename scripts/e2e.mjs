// The e2e stage: the extension in a real VS Code (extension-host suites through @vscode/test-electron's
// runTests, trusted and in Restricted Mode), a UI smoke test of the workbench in headless Chromium,
// and Neovim as an LSP client. Expects `npm run build` done (npm run test:e2e does it).
//
//   node scripts/e2e.mjs                 everything, VS Code = code-server (scripts/e2e-launcher.mjs)
//   node scripts/e2e.mjs --desktop       the extension-host suites in a VS Code that runTests downloads (into the e2e cache)
//   node scripts/e2e.mjs --only host,ui  a subset: host, ui, nvim
//
// Exits non-zero if any part failed; each part prints mocha's "N passing / N failing" lines.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildE2e } from './e2e-build.mjs';
import { cacheDir, tools as getTools } from './e2e-tools.mjs';

const started = Date.now();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const args = process.argv.slice(2);
const desktop = args.includes('--desktop');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = new Set((onlyArg?.includes('=') ? onlyArg.split('=')[1] : onlyArg ? args[args.indexOf(onlyArg) + 1] : desktop ? 'host' : 'host,ui,nvim').split(','));
const require = createRequire(import.meta.url);
const { runTests, downloadAndUnzipVSCode } = require('@vscode/test-electron');

const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const say = (s) => console.log(`\n[e2e ${elapsed()}] ${s}`);

// Desktop runs need only what runTests downloads; here the editors come from the cache (installed on first use).
const tools = desktop && !only.has('ui') && !only.has('nvim') ? undefined : getTools();
say('tools ready');
await buildE2e();

const work = mkdtempSync(join(tmpdir(), 'gr-e2e-'));
const failures = [];

function sampleCopy(name) {
  const dir = join(work, name);
  cpSync(join(root, 'sample'), dir, { recursive: true });
  return dir;
}

/** The Restricted Mode folder: the sample, a config naming a pack, and the heading only that pack recognises. */
function restrictedCopy() {
  const dir = sampleCopy('restricted');
  cpSync(join(root, 'test/e2e/fixtures/restricted'), dir, { recursive: true });
  appendFileSync(join(dir, 'teen-grief-spring-2027/notes/2027-04-04-session-09.md'),
    '\n## Before we meet again\n\nEach member brings their memory box and the letter to themselves.\n');
  return dir;
}

/** A fresh profile per run; the trust prompt would be modal on a desktop. */
function profile(name) {
  const userData = join(work, `${name}-user`);
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ 'security.workspace.trust.startupPrompt': 'never', 'workbench.startupEditor': 'none' }));
  return [`--user-data-dir=${userData}`, `--extensions-dir=${join(work, `${name}-extensions`)}`];
}

async function hostSuite(name, folder, restricted) {
  say(`extension host: ${name} (${desktop ? 'VS Code' : 'code-server'})`);
  const launcher = join(root, 'scripts/e2e-launcher.mjs');
  const vscode = desktop ? await downloadAndUnzipVSCode({ version: 'stable', cachePath: join(cacheDir(), 'vscode') }) : undefined;
  const env = { ...(restricted ? { GR_E2E_TRUST: 'restricted' } : {}), ...(desktop && restricted ? { GR_E2E_VSCODE: vscode } : {}) };
  try {
    await runTests({
      // runTests always passes --disable-workspace-trust; the launcher drops it for the restricted suite.
      vscodeExecutablePath: desktop && !restricted ? vscode : launcher,
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, `out/test/e2e/host/${name}/index.js`),
      launchArgs: [folder, ...profile(name)],
      extensionTestsEnv: env,
    });
  } catch (e) {
    failures.push(`${name}: ${e.message}`);
  }
}

function nodeSuite(name, files) {
  say(`${name}`);
  const r = spawnSync(process.execPath, [require.resolve('mocha/bin/mocha.js'), '--no-config', '--timeout', '120000', '--reporter', 'spec', ...files], {
    stdio: 'inherit',
    env: { ...process.env, GR_E2E_TOOLS: JSON.stringify(tools ?? {}), GR_E2E_VSIX: process.env.GR_E2E_VSIX ?? '' },
  });
  if (r.status !== 0) failures.push(`${name}: mocha exited ${r.status ?? r.signal}`);
}

if (only.has('host')) {
  await hostSuite('trusted', sampleCopy('trusted'), false);
  await hostSuite('restricted', restrictedCopy(), true);
}
if (only.has('ui')) {
  // The UI test installs the packaged extension, as a user would.
  say('packaging the VSIX');
  const pkg = spawnSync(process.execPath, ['scripts/package.mjs'], { stdio: 'inherit' });
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  process.env.GR_E2E_VSIX = join(root, `${name}-${version}.vsix`);
  if (pkg.status !== 0 || !existsSync(process.env.GR_E2E_VSIX)) failures.push('ui: packaging the VSIX failed');
  else nodeSuite('UI smoke test (code-server + Chromium)', ['out/test/e2e/ui/workbench.test.js']);
}
if (only.has('nvim')) nodeSuite('Neovim client', ['out/test/e2e/nvim/neovim.test.js']);

say(failures.length ? `e2e stage failed:\n  ${failures.join('\n  ')}\n  (workspaces kept in ${work})` : 'e2e stage passed');
if (!failures.length) rmSync(work, { recursive: true, force: true });
console.log(`e2e stage wall time: ${elapsed()}`);
process.exit(failures.length ? 1 : 0);
