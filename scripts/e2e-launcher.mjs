#!/usr/bin/env node
// A stand-in for the VS Code executable that @vscode/test-electron's runTests() starts, for machines
// where VS Code cannot be downloaded. It reads the same command line runTests gives VS Code
// (a folder, --extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=, --extensions-dir=,
// --disable-workspace-trust) and runs the tests in code-server's workbench in headless Chromium
// instead, through the smoke-test driver; it forwards the extension host's output and exits with
// the tests' exit code, as VS Code does.
//
// GR_E2E_TRUST=restricted drops --disable-workspace-trust (runTests always adds it) so the folder
// opens in Restricted Mode. GR_E2E_VSCODE=<real VS Code executable> skips code-server and runs that
// executable with the same arguments (less that flag): how the restricted suite runs on a desktop.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { format } from 'node:util';
import { join, resolve } from 'node:path';
import { tools as getTools } from './e2e-tools.mjs';
import { CHROMIUM_ARGS, startCodeServer } from './e2e-code-server.mjs';

const argv = process.argv.slice(2);
const restricted = process.env.GR_E2E_TRUST === 'restricted';
const passArgs = argv.filter((a) => !(restricted && a === '--disable-workspace-trust'));

/** VS Code's own syntax: `--name=value` or `--name value`; anything else not a flag is the folder. */
function parse(args) {
  const options = new Map();
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(a);
    if (!m) { positional.push(a); continue; }
    if (m[2] !== undefined) options.set(m[1], m[2]);
    else if (VALUED.has(m[1]) && i + 1 < args.length) options.set(m[1], args[++i]);
    else options.set(m[1], true);
  }
  return { options, folder: positional[0] };
}
const VALUED = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);

async function runInCodeServer() {
  const { options, folder } = parse(argv);
  const devPath = options.get('extensionDevelopmentPath');
  const testsPath = options.get('extensionTestsPath');
  if (!devPath || !testsPath) {
    console.error('e2e-launcher: needs --extensionDevelopmentPath and --extensionTestsPath (as runTests gives them)');
    return 2;
  }
  const timeoutMs = Number(process.env.GR_E2E_TIMEOUT_MS ?? 300_000);
  const tools = getTools();
  const workDir = mkdtempSync(join(tmpdir(), 'gr-e2e-host-'));
  const server = await startCodeServer({
    tools, workDir,
    trust: !restricted && options.has('disable-workspace-trust'),
    testDriver: true,
    userDataDir: options.has('user-data-dir') ? resolve(options.get('user-data-dir')) : undefined,
    extensionsDir: options.has('extensions-dir') ? resolve(options.get('extensions-dir')) : undefined,
  });
  const { chromium } = createRequire(join(tools.playwright, 'package.json'))(tools.playwright);
  const browser = await chromium.launch({ executablePath: tools.chromium, headless: true, args: CHROMIUM_ARGS });
  // code-server runs in its own process group: a stopped run must take it down too.
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => { void server.stop().finally(() => process.exit(130)); });
  let code = 1;
  try {
    const page = await browser.newPage();
    let done;
    const exitCode = new Promise((r) => { done = r; });
    await page.exposeFunction('codeAutomationLog', (type, message) => {
      (type === 'error' ? process.stderr : process.stdout).write(`${forwarded(message)}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => done(code));
    page.on('pageerror', (e) => process.stderr.write(`[page] ${e.message}\n`));
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${resolve(p)}`;
    const payload = [['extensionDevelopmentPath', remote(devPath)], ['extensionTestsPath', remote(testsPath)]];
    const url = `${server.url}/?${folder ? `folder=${encodeURIComponent(resolve(folder))}&` : ''}payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    const result = await exitCode;
    clearTimeout(timer);
    if (result === 'timeout') {
      const shot = join(workDir, 'timeout.png');
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.error(`e2e-launcher: the extension tests did not finish in ${timeoutMs / 1000} s (screenshot ${shot}, log ${server.logPath})`);
      return code;
    }
    code = result;
    return code;
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    // Kept when something failed: code-server.log is there.
    if (code === 0) rmSync(workDir, { recursive: true, force: true });
    else console.error(`e2e-launcher: code-server's log: ${server.logPath}`);
  }
}

/**
 * The page hands over console calls as arrays of arguments (`["  %d passing (%s)", 3, "2s"]`);
 * formatted the way Node's console would, mocha's summary lines come out as they do on a desktop.
 */
function forwarded(message) {
  let args = message;
  if (typeof message === 'string') { try { args = JSON.parse(message); } catch { args = [message]; } }
  const text = Array.isArray(args) ? format(...args) : String(message);
  // The gallery and telemetry hosts are unreachable here (harmless); their stack traces are noise.
  return /getaddrinfo ENOTFOUND/.test(text) ? text.split('\n')[0] : text;
}

if (process.env.GR_E2E_VSCODE) {
  const child = spawn(process.env.GR_E2E_VSCODE, passArgs, { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  process.exitCode = await runInCodeServer();
  // Chromium's pipes can keep the event loop alive after close; the exit code is all that is left to give.
  process.exit(process.exitCode);
}
