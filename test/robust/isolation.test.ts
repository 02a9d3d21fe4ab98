import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { newElementPack, ROOT } from '../helpers';
import { uriOf } from '../lsp/client';
import { manyRecords, NO_NETWORK, parseJsonOutput, runCli, SERVER } from './support';

/**
 * The CLI and the language server never touch the network: run with every network API made to
 * throw (test/robust/no-network.cjs, preloaded with `node --require`, worker threads included)
 * they give exactly what a normal run gives, and nothing was attempted. Standards packs and
 * configuration are data read from inside the workspace only.
 */

type Attempt = { api: string; args?: string; path?: string; thread?: number };
const readLog = (log: string): Attempt[] => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Attempt) : []);
/** Network attempts: the log also holds file reads and started programs, which are not. */
const network = (entries: Attempt[]) => entries.filter((a) => a.api !== 'fs.open' && a.api !== 'child_process');
/** The programs started, by name: only git (an approved record's history) is expected. */
const programs = (entries: Attempt[]) => [...new Set(entries.filter((a) => a.api === 'child_process').map((a) => a.args!.split(',')[0]))];

describe('robustness: isolation (no network, packs confined to the workspace)', function () {
  this.timeout(180_000);
  let dir: string;
  let log: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'gr-iso-')); log = join(dir, 'network.log'); });
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => rmSync(log, { force: true }));
  const blocked = { preload: NO_NETWORK, env: { NO_NETWORK_LOG: '' } };
  const withLog = () => ({ preload: NO_NETWORK, env: { NO_NETWORK_LOG: log } });

  it('the preload makes every network API throw and records it (so a silent pass means nothing was tried)', () => {
    const script = `
      const tries = {
        'net.connect': () => require('net').connect(80, '127.0.0.1'),
        'net.createConnection': () => require('net').createConnection({ port: 80 }),
        'net.Socket.prototype.connect': () => new (require('net').Socket)().connect(80, 'example.org'),
        'net.Server.prototype.listen': () => require('net').createServer().listen(0),
        'dns.lookup': () => require('dns').lookup('example.org', () => {}),
        'dns.resolve4': () => require('dns').resolve4('example.org', () => {}),
        'dns.promises.lookup': () => require('dns').promises.lookup('example.org'),
        'http.request': () => require('http').request('http://example.org'),
        'http.get': () => require('http').get('http://example.org'),
        'https.request': () => require('https').request('https://example.org'),
        'https.get': () => require('https').get('https://example.org'),
        'http2.connect': () => require('http2').connect('https://example.org'),
        'tls.connect': () => require('tls').connect(443, 'example.org'),
        'dgram.createSocket': () => require('dgram').createSocket('udp4'),
        'globalThis.fetch': () => fetch('https://example.org'),
      };
      const out = {};
      for (const [k, f] of Object.entries(tries)) { try { f(); out[k] = 'allowed'; } catch (e) { out[k] = /blocked by test/.test(e.message) ? 'blocked' : e.message; } }
      process.stdout.write(JSON.stringify(out));`;
    const r = spawnSync(process.execPath, ['--require', NO_NETWORK, '-e', script], { encoding: 'utf8', env: { ...process.env, NO_NETWORK_LOG: log }, timeout: 30_000 });
    const out = JSON.parse(r.stdout) as Record<string, string>;
    for (const [k, v] of Object.entries(out)) assert.equal(v, 'blocked', k);
    const apis = new Set(readLog(log).map((a) => a.api));
    for (const k of Object.keys(out)) assert.ok(apis.has(k), `${k} recorded`);
  });

  it('the CLI checks the sample and 150+ records (on worker threads) identically with the network blocked, and tries nothing', () => {
    // At least 150 records: the CLI checks them on worker threads, which inherit the preload.
    const big = existsSync(join(dir, 'corpus')) ? join(dir, 'corpus') : manyRecords(join(dir, 'corpus'));
    const runs: Array<[string, string[]]> = [['sample', ['check', join(ROOT, 'sample'), '--format', 'json']], ['many records', ['check', big, '--format', 'json', '--threads', '2']]];
    for (const [what, args] of runs) {
      rmSync(log, { force: true });
      const normal = runCli(args);
      // Reads of the checked files are logged too: those on worker threads show the workers ran the preload.
      const isolated = runCli(args, { preload: NO_NETWORK, env: { NO_NETWORK_LOG: log, NO_NETWORK_FS_WATCH: args[1] } });
      assert.equal(isolated.status, normal.status, `${what}: exit code; ${isolated.stderr}`);
      assert.equal(isolated.stdout, normal.stdout, `${what}: same findings`);
      assert.ok(parseJsonOutput(normal).length > 0, `${what}: something was checked`);
      const entries = readLog(log);
      assert.deepEqual(network(entries), [], `${what}: no network attempt`);
      assert.ok(programs(entries).every((p) => p === 'git'), `${what}: only git is started: ${programs(entries).join(', ')}`);
      assert.ok(entries.some((a) => a.api === 'fs.open'), `${what}: the preload ran`);
      if (what === 'many records') assert.ok(entries.some((a) => a.api === 'fs.open' && a.thread! > 0), 'worker threads ran the preload');
    }
  });

  it('the CLI writes a report, a new record and an approval with the network blocked, and tries nothing', () => {
    const ws = join(dir, 'write');
    cpSync(join(ROOT, 'sample'), ws, { recursive: true });
    const group = join(ws, 'teen-grief-spring-2027');
    const report = runCli(['report', ws, '--out', join(dir, 'report.html')], { ...withLog(), cwd: ws });
    assert.equal(report.status, 0, report.stderr);
    assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /<html/i);
    const created = runCli(['new', 'session-note', '--on', '2027-05-01'], { ...withLog(), cwd: group });
    assert.equal(created.status, 0, created.stderr);
    const approve = runCli(['approve', join(group, 'contract.md'), '--by', 'K. Chen', '--on', '2027-05-02', '--force'], { ...withLog(), cwd: ws });
    assert.ok(approve.status === 0 || approve.status === 1, approve.stderr);
    assert.deepEqual(network(readLog(log)), [], 'no network attempt');
  });

  /** One scripted editor session; every answer, in order. */
  async function lspSession(root: string, preload: boolean): Promise<unknown[]> {
    // The worker script is read by the module loader through fs.readFileSync: a logged read from a thread other than 0 shows the worker ran the preload.
    const child = spawn(process.execPath, [...(preload ? ['--require', NO_NETWORK] : []), SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_NETWORK_LOG: preload ? log : '', NO_NETWORK_FS_WATCH: preload ? 'worker.js' : '' } });
    let stderr = '';
    child.stderr!.on('data', (d) => { stderr += d; });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const logs: string[] = [];
    conn.onNotification('window/logMessage', (p: { type: number; message: string }) => { if (p.type === 1) logs.push(p.message); });
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('workspace/diagnostic/refresh', () => null);
    conn.listen();
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const answers: unknown[] = [];
    const ask = async (method: string, params: unknown) => { answers.push([method, await conn.sendRequest(method, params)]); };
    try {
      await ask('initialize', {
        processId: process.pid, rootUri: uriOf(root), workspaceFolders: [{ uri: uriOf(root), name: 'iso' }],
        capabilities: { textDocument: { diagnostic: { dynamicRegistration: false }, completion: { completionItem: { snippetSupport: true } } }, workspace: { diagnostics: { refreshSupport: true } } },
        initializationOptions: { trusted: true },
      });
      await conn.sendNotification('initialized', {});
      const note = join(root, 'teen-grief-spring-2027/notes/2027-04-04-session-09.md');
      const uri = uriOf(note);
      const text = readFileSync(note, 'utf8');
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      await ask('textDocument/diagnostic', { textDocument: { uri } });
      await ask('textDocument/hover', { textDocument: { uri }, position: { line: text.split('\n').findIndex((l) => l.startsWith('## ')), character: 4 } });
      await ask('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } });
      await ask('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } }, context: { diagnostics: [] } });
      await ask('textDocument/documentSymbol', { textDocument: { uri } });
      await ask('groupRecords/status', { uri });
      await ask('groupRecords/newRecord', { folderUri: uriOf(join(root, 'teen-grief-spring-2027')), kind: 'session-note', date: '2027-05-01' });
      // A huge document goes to the worker thread, which inherits the preload.
      const bigUri = uriOf(join(root, 'teen-grief-spring-2027/notes/big.md'));
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'markdown', version: 1, text: text + '\nMembers talked about their week.\n'.repeat(12_000) } });
      // The first pull starts the background check; its answer comes once the worker is done.
      await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: bigUri } });
      for (let i = 0; i < 400; i++) {
        const s = (await conn.sendRequest('groupRecords/stats')) as { backgroundPending?: number };
        if (!s.backgroundPending) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await ask('textDocument/diagnostic', { textDocument: { uri: bigUri } });
      await ask('workspace/diagnostic', { previousResultIds: [] });
      await ask('shutdown', undefined);
      await conn.sendNotification('exit');
      assert.equal(await exited, 0, stderr);
      assert.deepEqual(logs, [], 'no handler failed');
    } finally {
      conn.dispose();
      if (child.exitCode === null) child.kill();
    }
    return answers;
  }

  it('the language server answers a whole editor session identically over stdio with the network blocked, and tries nothing', async () => {
    const root = join(dir, 'lsp');
    cpSync(join(ROOT, 'sample'), root, { recursive: true });
    const normal = await lspSession(root, false);
    const isolated = await lspSession(root, true);
    assert.equal(JSON.stringify(isolated), JSON.stringify(normal));
    assert.ok(JSON.stringify(normal).includes('"items"'), 'diagnostics were answered');
    const entries = readLog(log);
    assert.deepEqual(network(entries), [], 'no network attempt');
    assert.ok(programs(entries).every((p) => p === 'git'), `only git is started: ${programs(entries).join(', ')}`);
    assert.ok(entries.some((a) => a.api === 'fs.open' && a.thread! > 0), `the huge document's worker thread ran the preload: ${JSON.stringify(entries)}`);
  });

  describe('standards packs named in --config are read from inside the workspace only', () => {
    it('a pack path escaping by `..`, an absolute path and a symlink out are refused and never opened; a pack inside applies', () => {
      const ws = join(dir, 'packs', 'ws');
      const outside = join(dir, 'packs', 'outside');
      mkdirSync(join(ws, 'agency'), { recursive: true });
      mkdirSync(outside, { recursive: true });
      writeFileSync(join(outside, 'dotdot.yaml'), newElementPack('contract.outside-dotdot', 'Outside dotdot'));
      writeFileSync(join(outside, 'absolute.yaml'), newElementPack('contract.outside-absolute', 'Outside absolute'));
      writeFileSync(join(outside, 'linked.yaml'), newElementPack('contract.outside-linked', 'Outside linked'));
      symlinkSync(join(outside, 'linked.yaml'), join(ws, 'agency', 'linked.yaml'));
      writeFileSync(join(ws, 'agency', 'inside.yaml'), newElementPack('contract.agency-policy', 'Agency policy'));
      writeFileSync(join(ws, '.group-records.yaml'), `standards:\n  - ../outside/dotdot.yaml\n  - ${join(outside, 'absolute.yaml')}\n  - agency/linked.yaml\n  - agency/../../outside/dotdot.yaml\n  - agency/inside.yaml\n`);
      writeFileSync(join(ws, 'contract.md'), '---\nrecord: contract\ndate: 2027-01-17\n---\n\n# Contract\n\n## Purpose\nWe meet to support each other.\n');
      const r = runCli(['check', ws, '--config', join(ws, '.group-records.yaml'), '--format', 'json'], { preload: NO_NETWORK, cwd: ws, env: { NO_NETWORK_LOG: log, NO_NETWORK_FS_WATCH: join(dir, 'packs', 'outside') } });
      const out = parseJsonOutput(r);
      const config = out.find((f) => f.file.endsWith('.group-records.yaml'));
      const messages = (config?.diagnostics ?? []).filter((d) => d.code === 'config.invalid').map((d) => `${d.range.start.line}: ${d.message}`);
      assert.equal(messages.length, 4, messages.join('\n'));
      assert.match(messages[0], /^1: .*outside the workspace/);
      assert.match(messages[1], /^2: .*is an absolute path/);
      assert.match(messages[2], /^3: .*is a link to .*outside the workspace/);
      assert.match(messages[3], /^4: .*outside the workspace/);
      const codes = out.flatMap((f) => f.diagnostics.map((d) => d.code));
      assert.ok(codes.includes('contract.agency-policy'), 'the pack inside the workspace applies');
      assert.ok(!codes.some((c) => c.startsWith('contract.outside-')), `no pack from outside applies: ${codes.join(', ')}`);
      const opened = readLog(log);
      assert.deepEqual(opened.filter((a) => a.api === 'fs.open'), [], 'no file outside the workspace was opened or read');
      assert.deepEqual(network(opened), [], 'no network attempt');
    });

    it('with the network blocked, a pack or configuration naming a URL is refused as a path, never fetched', () => {
      const ws = join(dir, 'packs-url');
      mkdirSync(ws, { recursive: true });
      writeFileSync(join(ws, '.group-records.yaml'), 'standards:\n  - https://example.org/pack.yaml\n  - //example.org/pack.yaml\n  - file:///etc/passwd.yaml\n');
      writeFileSync(join(ws, 'contract.md'), '---\nrecord: contract\ndate: 2027-01-17\n---\n\n# Contract\n');
      const r = runCli(['check', ws, '--format', 'json'], { ...blocked, cwd: ws, env: { NO_NETWORK_LOG: log } });
      const out = parseJsonOutput(r);
      const config = out.find((f) => f.file.endsWith('.group-records.yaml'));
      assert.equal(config?.diagnostics.filter((d) => d.code === 'config.invalid').length, 3, JSON.stringify(config));
      assert.deepEqual(network(readLog(log)), [], 'no network attempt');
    });
  });

  it('git, run for an approved record\'s history, cannot be made to run a program by the repository\'s own config', async function () {
    if (spawnSync('git', ['--version']).status !== 0) this.skip();
    // A downloaded folder whose .git/config runs a command on `git ls-files` (core.fsmonitor) and
    // on signed commits (gpg.program): checking it must run neither.
    const repo = join(dir, 'untrusted');
    mkdirSync(repo, { recursive: true });
    const marker = join(dir, 'pwned');
    const g = (...a: string[]) => { const r = spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', ...a], { cwd: repo, encoding: 'utf8' }); assert.equal(r.status, 0, r.stderr); };
    g('init', '-q');
    cpSync(join(ROOT, 'sample/teen-grief-spring-2027/contract.md'), join(repo, 'contract.md'));
    const approved = runCli(['approve', 'contract.md', '--by', 'K. Chen', '--on', '2027-05-02', '--force'], { cwd: repo });
    assert.equal(approved.status, 0, approved.stdout + approved.stderr);
    g('add', 'contract.md');
    g('commit', '-qm', 'approved');
    const text = readFileSync(join(repo, 'contract.md'), 'utf8');
    writeFileSync(join(repo, 'contract.md'), text.replace(/\n## /, '\nA sentence added after approval.\n\n## '));
    const changedLine = readFileSync(join(repo, 'contract.md'), 'utf8').split('\n').indexOf('A sentence added after approval.');
    const evil = `sh -c 'echo ran >> ${marker}' #`;
    g('config', 'core.fsmonitor', evil);
    g('config', 'log.showSignature', 'true');
    g('config', 'gpg.program', `sh -c 'echo ran >> ${marker}' #`);
    assert.ok(spawnSync('git', ['ls-files'], { cwd: repo }).status === 0 && existsSync(marker), 'the trap works on a plain `git ls-files`');
    rmSync(marker);

    const r = runCli(['check', '.', '--format', 'json'], { cwd: repo, ...withLog() });
    const d = parseJsonOutput(r).flatMap((f) => f.diagnostics).find((x) => x.code === 'review.changed-after-approval');
    assert.ok(d, 'the change after approval is reported');
    assert.equal(d!.range.start.line, changedLine, 'found through git history: it points at the line changed since');
    assert.ok(!existsSync(marker), 'the command line ran no program from the repository config');
    const calls = readLog(log).filter((a) => a.api === 'child_process');
    assert.ok(calls.length && calls.every((a) => /core\.fsmonitor=false/.test(a.args!)), JSON.stringify(calls));

    // The language server, checking the same record for an editor (Restricted Mode: untrusted).
    const c = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(c.stdout!), new StreamMessageWriter(c.stdin!));
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('workspace/diagnostic/refresh', () => null);
    conn.onNotification('window/logMessage', () => undefined);
    conn.listen();
    try {
      await conn.sendRequest('initialize', { processId: process.pid, rootUri: uriOf(repo), workspaceFolders: [{ uri: uriOf(repo), name: 'u' }], capabilities: { textDocument: { diagnostic: {} } }, initializationOptions: { trusted: false } });
      await conn.sendNotification('initialized', {});
      const uri = uriOf(join(repo, 'contract.md'));
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(join(repo, 'contract.md'), 'utf8') } });
      const items = ((await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Array<{ code?: unknown; range: { start: { line: number } } }> }).items;
      assert.equal(items.find((x) => x.code === 'review.changed-after-approval')?.range.start.line, changedLine);
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
    } finally {
      conn.dispose();
      if (c.exitCode === null) c.kill();
    }
    assert.ok(!existsSync(marker), 'the language server ran no program from the repository config');
  });
});
