// Starts code-server for one test run: loopback only, no auth, every folder it writes to (user data,
// extensions, XDG homes) inside `workDir`, so runs never see each other's state or the user's.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Settings that keep the workbench from opening tabs, prompts and network look-ups of its own. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.startupPrompt': 'never',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'github.gitAuthentication': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  // The web workbench saves after a delay by default; a desktop does not. Tests edit and put back.
  'files.autoSave': 'off',
};

/** Debian's Chromium on a closed network: no sandbox as root, no GPU, no look-ups of Google's hosts. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

export async function poll(get, what, timeoutMs = 60_000, everyMs = 100) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function dirs(workDir) {
  const d = {
    userData: join(workDir, 'user-data'),
    extensions: join(workDir, 'extensions'),
    home: join(workDir, 'home'),
  };
  for (const p of Object.values(d)) mkdirSync(p, { recursive: true });
  return d;
}

function env(tools, d, extra) {
  return {
    ...process.env,
    ...extra,
    PATH: `${join(tools.node24, '..')}:${process.env.PATH}`,
    XDG_CONFIG_HOME: join(d.home, '.config'),
    XDG_DATA_HOME: join(d.home, '.local', 'share'),
    XDG_CACHE_HOME: join(d.home, '.cache'),
  };
}

/** Installs a VSIX into the run's own extensions folder (the way a user would). */
export function installVsix(tools, workDir, vsix) {
  const d = dirs(workDir);
  const r = spawnSync(tools.node24, [tools.codeServer, '--extensions-dir', d.extensions, '--user-data-dir', d.userData, '--install-extension', vsix, '--force'],
    { env: env(tools, d), encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed: ${r.stdout}${r.stderr}`);
}

/**
 * @param {object} o
 * @param {object} o.tools paths from scripts/e2e-tools.mjs
 * @param {string} o.workDir
 * @param {boolean} [o.trust] true: every folder is trusted (--disable-workspace-trust); otherwise a
 *   new folder opens in Restricted Mode
 * @param {boolean} [o.testDriver] the smoke-test driver that runs extension tests in the page
 * @param {string} [o.userDataDir] / [o.extensionsDir] override the run's own folders
 * @param {object} [o.env] extra environment for code-server and the extension host it starts
 */
export async function startCodeServer(o) {
  const d = dirs(o.workDir);
  const userData = o.userDataDir ?? d.userData;
  const extensions = o.extensionsDir ?? d.extensions;
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const port = await freePort();
  const config = join(o.workDir, 'code-server.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    o.tools.codeServer,
    '--config', config, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', userData, '--extensions-dir', extensions,
    '--disable-telemetry', '--disable-update-check', '--ignore-last-opened', '--disable-getting-started-override',
    // Without it each page's extension host outlives the page for hours.
    '--reconnection-grace-time', '5',
    ...(o.trust ? ['--disable-workspace-trust'] : []),
    ...(o.testDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const logPath = join(o.workDir, 'code-server.log');
  const logFile = createWriteStream(logPath);
  // Its own process group: stop() ends code-server and every extension host and server under it.
  const child = spawn(o.tools.node24, args, { env: env(o.tools, d, o.env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(logFile);
  child.stderr.pipe(logFile);
  const exited = new Promise((r) => child.on('exit', (code, signal) => r(code ?? signal)));
  let gone = false;
  void exited.then(() => { gone = true; });
  const url = `http://127.0.0.1:${port}`;
  await poll(async () => {
    if (gone) throw new Error(`code-server exited early; see ${logPath}`);
    try { return (await fetch(`${url}/healthz`)).ok; } catch { return false; }
  }, 'code-server /healthz', 60_000);

  async function stop() {
    if (gone) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    try { await poll(() => gone, 'code-server to stop', 10_000, 50); } catch {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    logFile.end();
  }
  return { url, port, userData, extensions, logPath, stop };
}
