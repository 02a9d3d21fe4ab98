import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NVIM = process.env.GR_E2E_NVIM || '/usr/bin/nvim';
const root = process.cwd();

interface Report { nvim?: { major: number; minor: number }; codes?: string[]; shown?: Array<{ lnum: number; severity: number; message: string }>; completion?: string[]; hover?: string; error?: string }

/** Neovim drives the server from a Lua script; the script reports, this test asserts. */
describe('Neovim as a client of group-records-language-server --stdio', function () {
  this.timeout(60_000);
  let report: Report;
  let ws: string;

  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'gr-e2e-nvim-'));
    cpSync(join(root, 'sample'), ws, { recursive: true });
    const out = join(ws, 'report.json');
    const r = spawnSync(NVIM, ['--headless', '--clean', '-c', `luafile ${join(root, 'test', 'nvim', 'check.lua')}`], {
      env: {
        ...process.env,
        GR_NODE: process.execPath,
        GR_SERVER: join(root, 'out', 'server.js'),
        GR_ROOT: ws,
        GR_FILE: join(ws, 'teen-grief-spring-2027', 'notes', '2027-04-04-session-09.md'),
        GR_OUT: out,
      },
      encoding: 'utf8', timeout: 50_000,
    });
    try { report = JSON.parse(readFileSync(out, 'utf8')) as Report; } catch {
      throw new Error(`nvim wrote no report (exit ${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
    }
    assert.equal(report.error, undefined, report.error);
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('is a real Neovim (0.7 or later)', () => {
    assert.ok(report.nvim && (report.nvim.major > 0 || report.nvim.minor >= 7), JSON.stringify(report.nvim));
  });

  it('receives pushed diagnostics (no pull in 0.7) with the rule ids, and shows them', () => {
    assert.ok(report.codes?.includes('note.next-steps'), JSON.stringify(report.codes));
    assert.ok(report.codes?.includes('record.empty-section'), JSON.stringify(report.codes));
    const missing = report.shown?.find((d) => /Next steps/.test(d.message));
    assert.ok(missing, JSON.stringify(report.shown));
    assert.equal(missing.lnum, 13);
    assert.equal(missing.severity, 1, 'ERROR in vim.diagnostic');
  });

  it('completes member ids after @', () => {
    for (const id of ['M01', 'M07']) assert.ok(report.completion?.some((l) => l.startsWith(id)), JSON.stringify(report.completion));
  });

  it('shows hover documentation on a section heading', () => {
    assert.match(report.hover ?? '', /\b[IV]+\.[A-Z]/);
  });
});
