// Installs the real editors the e2e stage drives, in a cache folder outside the repository so a
// warm machine skips all of it: Debian's Chromium and Neovim, Node 24 and code-server (VS Code's own
// server + workbench; it needs Node 24, the project is on Node 20) and playwright-core.
// Versions are pinned because the UI test uses VS Code's internal CSS selectors.
// Run as a script it installs what is missing and prints the paths; imported, `tools()` does the same.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
const NODE24_VERSION = '24.21.0';
const PLAYWRIGHT_VERSION = '1.65.1';
const APT = { '/usr/bin/chromium': 'chromium', '/usr/bin/nvim': 'neovim', '/usr/include/krb5.h': 'libkrb5-dev' };

export const cacheDir = () => process.env.GR_E2E_CACHE || join(homedir(), '.cache', 'group-records-e2e');

function run(cmd, args, opts = {}) {
  const t = Date.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
  }
  log(`${cmd} ${args.slice(0, 4).join(' ')} … ${((Date.now() - t) / 1000).toFixed(0)} s`);
  return r.stdout;
}

const log = (s) => process.stderr.write(`[e2e-tools] ${s}\n`);

function aptPackages() {
  const missing = Object.entries(APT).filter(([file]) => !existsSync(file)).map(([, pkg]) => pkg);
  if (!missing.length) return;
  if (process.getuid?.() !== 0) throw new Error(`missing Debian packages: ${missing.join(' ')} (apt-get install -y ${missing.join(' ')} as root)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Waits for the dpkg lock: another setup step (or a person) may be installing at the same time.
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  run('apt-get', [...lock, 'update', '-q'], { env });
  run('apt-get', [...lock, 'install', '-y', '-q', '--no-install-recommends', ...missing], { env });
}

/**
 * The environment without what an enclosing `npm run` put in it: npm reads npm_config_* variables
 * as its own settings, and code-server's postinstall takes the Node version from
 * npm_config_user_agent (Node 20's, under `npm run test:e2e`) and refuses to build.
 */
function cleanEnv(extra = {}) {
  const keep = new Set(['npm_config_cache', 'npm_config_registry']);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || keep.has(k.toLowerCase())));
  delete env.NODE;
  delete env.INIT_CWD;
  return { ...env, ...extra };
}

/** A private npm project in the cache holding exactly one pinned package. */
function npmInstall(dir, spec, env = cleanEnv()) {
  const stamp = join(dir, `.installed-${spec.replace(/[^\w.@-]/g, '_')}`);
  if (existsSync(stamp)) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], { cwd: dir, env });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

export function tools() {
  const cache = cacheDir();
  aptPackages();

  const node24Dir = join(cache, 'node24');
  npmInstall(node24Dir, `node@${NODE24_VERSION}`);
  const node24Bin = join(node24Dir, 'node_modules', 'node', 'bin');
  const node24Headers = join(node24Dir, 'node_modules', 'node', 'node_modules', `node-linux-${process.arch}`);

  // code-server's postinstall builds native modules against the Node that will run them: Node 24
  // first on PATH and its headers instead of the machine's npm `nodedir` (Node 20).
  const codeServerDir = join(cache, `code-server-${CODE_SERVER_VERSION}`);
  npmInstall(codeServerDir, `code-server@${CODE_SERVER_VERSION}`, cleanEnv({
    PATH: `${node24Bin}${delimiter}${process.env.PATH}`,
    npm_config_nodedir: node24Headers,
  }));

  const playwrightDir = join(cache, 'playwright');
  npmInstall(playwrightDir, `playwright-core@${PLAYWRIGHT_VERSION}`);

  return {
    cache,
    node24: join(node24Bin, 'node'),
    codeServer: join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    playwright: join(playwrightDir, 'node_modules', 'playwright-core'),
    chromium: '/usr/bin/chromium',
    nvim: '/usr/bin/nvim',
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const t = Date.now();
  const paths = tools();
  process.stdout.write(`${JSON.stringify(paths, null, 2)}\n`);
  log(`ready in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}
