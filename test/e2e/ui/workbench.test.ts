import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, installVsix, poll, startCodeServer, type CodeServer, type E2eTools } from '../../../scripts/e2e-code-server.mjs';
import { playwright, type Browser, type Page } from './playwright';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const NOTE = 'teen-grief-spring-2027/notes/2027-04-04-session-09.md';

/**
 * A person's view: the packaged extension installed in code-server, the workbench in headless
 * Chromium, driven by keyboard and mouse. Selectors are VS Code's internals (code-server is pinned).
 */
describe('VS Code workbench (code-server + Chromium): a record, its problems, completion, a quick fix', function () {
  this.timeout(120_000);
  let server: CodeServer;
  let browser: Browser;
  let page: Page;
  let workDir: string;

  before(async () => {
    const tools = JSON.parse(process.env.GR_E2E_TOOLS ?? '{}') as E2eTools;
    const vsix = process.env.GR_E2E_VSIX;
    assert.ok(tools.codeServer && vsix, 'run through scripts/e2e.mjs (it provides GR_E2E_TOOLS and GR_E2E_VSIX)');
    mkdirSync(ARTIFACTS, { recursive: true });
    workDir = mkdtempSync(join(tmpdir(), 'gr-e2e-ui-'));
    const ws = join(workDir, 'sample');
    cpSync(join(process.cwd(), 'sample'), ws, { recursive: true });
    installVsix(tools, workDir, vsix);
    server = await startCodeServer({ tools, workDir, trust: true });
    browser = await playwright(tools.playwright).chromium.launch({ executablePath: tools.chromium, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  let failed = false;
  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (!failed) rmSync(workDir, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') failed = true;
    if (this.currentTest?.state === 'failed' && page) {
      await page.screenshot({ path: join(ARTIFACTS, `ui-failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 60)}.png`) }).catch(() => undefined);
    }
  });

  const problems = () => page.locator('.markers-panel');
  /** Presses `key` until `selector` shows: a workbench still starting up may drop the first key press. */
  const pressUntil = (key: string, selector: string) => poll(async () => {
    if (await page.locator(selector).first().isVisible()) return true;
    await page.keyboard.press(key);
    return false;
  }, `${selector} after ${key}`, 30_000, 1000);
  const problemsText = async () => ((await problems().count()) ? problems().first().innerText() : '');

  it('opens a record with Quick Open and lists its findings in the Problems panel', async () => {
    await page.locator('.monaco-workbench .part.editor').waitFor();
    await pressUntil('Control+P', '.quick-input-widget');
    const name = NOTE.split('/').pop()!;
    await page.keyboard.type(name);
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines').filter({ hasText: 'Session 9' }).first().waitFor();

    await pressUntil('Control+Shift+M', '.markers-panel');
    const text = await poll(async () => { const t = await problemsText(); return /Missing: Next steps/.test(t) && /no content yet/.test(t) ? t : ''; },
      'note.next-steps and record.empty-section in the Problems panel', 60_000);
    assert.match(text, /note\.next-steps/);
    await page.screenshot({ path: join(ARTIFACTS, 'vscode-problems.png') });
  });

  it('applies the quick fix from the light bulb, and the finding leaves the Problems panel', async () => {
    // The finding is on line 14 (the title); the light bulb appears where the cursor is.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.keyboard.type('14');
    await page.keyboard.press('Enter');
    const bulb = page.locator('.lightBulbWidget');
    await bulb.first().waitFor({ state: 'visible', timeout: 30_000 });
    await bulb.first().click();
    const item = page.locator('.action-widget .monaco-list-row').filter({ hasText: /Next steps/ });
    await item.first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'vscode-light-bulb.png') });
    await item.first().click();
    await poll(async () => !/Missing: Next steps/.test(await problemsText()), 'note.next-steps to leave the Problems panel', 30_000);
    assert.match(await problemsText(), /no content yet/, 'the other finding stays');
    await page.screenshot({ path: join(ARTIFACTS, 'vscode-quick-fix.png') });
  });

  it('offers member ids when typing @ (completion)', async () => {
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Check in with @');
    const suggest = page.locator('.editor-widget.suggest-widget');
    const row = suggest.locator('.monaco-list-row').filter({ hasText: 'M01' });
    // "@" is a trigger character; Ctrl+Space asks again if the widget closed before the answer came.
    await poll(async () => {
      if (await row.first().isVisible()) return true;
      if (!(await suggest.first().isVisible())) await page.keyboard.press('Control+Space');
      return false;
    }, 'M01 in the suggest widget', 30_000, 500);
    await page.screenshot({ path: join(ARTIFACTS, 'vscode-completion.png') });
    await page.keyboard.press('Escape');
  });
});
