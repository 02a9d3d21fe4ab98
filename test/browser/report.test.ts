import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { REPORT_CSP } from '../../server/src/report/html';
import { ROOT } from '../helpers';
import { hostileCopy } from '../reportFixture';

/** Debian's chromium first; CHROMIUM_PATH names another. Never a browser playwright would download. */
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => !!p);
const CHROMIUM = CANDIDATES.find((p) => existsSync(p));
/** The flags of /work/shared/guide/real-editor-testing.md: no sandbox as root, no background traffic. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const ARTIFACTS = join(ROOT, 'test-artifacts');

describe('group report in headless Chromium', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let dir: ReturnType<typeof hostileCopy>;
  let file: string;

  before(async function () {
    if (!CHROMIUM) {
      console.log(`      (skipped: no Chromium binary at ${CANDIDATES.join(', ')}; .ci/run installs Debian's chromium, or set CHROMIUM_PATH)`);
      this.skip();
    }
    dir = hostileCopy();
    file = join(dir.root, 'report.html');
    const r = spawnSync(process.execPath, [join(ROOT, 'out/cli.js'), 'report', dir.root, '--out', file], { cwd: dir.root, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    // Bundling would break playwright-core (it reads its own files at run time): load it from node_modules.
    const { chromium } = createRequire(__filename)('playwright-core') as typeof import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir.root, { recursive: true, force: true });
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`shows the heat-map, attendance chart and open reviews, loads nothing and runs no script (${scheme})`, async () => {
      const context = await browser!.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: scheme });
      try {
        const page = await context.newPage();
        const url = pathToFileURL(file).href;
        const requests: string[] = [];
        const violations: string[] = [];
        let dialogs = 0;
        page.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
        page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
        page.on('dialog', (d) => { dialogs++; void d.dismiss(); });
        await page.goto(url, { waitUntil: 'load' });

        const visible = async (selector: string) => {
          const l = page.locator(selector).first();
          assert.ok(await l.isVisible(), `${selector} is visible`);
          const box = await l.boundingBox();
          assert.ok(box && box.width > 50 && box.height > 20, `${selector} has a size: ${JSON.stringify(box)}`);
        };
        await visible('svg.chart.heatmap');
        await visible('svg.chart.attendance');
        await visible('ul.reviews li');
        await visible('svg.chart.timeline');
        assert.equal(await page.locator('svg.chart.heatmap').count(), 4, 'one heat-map per record kind');
        assert.equal(await page.locator('svg.chart.attendance g.att').count(), 7 * 5, '7 members × 5 sessions');
        assert.equal(await page.locator('svg.chart.heatmap g.cell.missing').count() >= 1, true);

        const review = page.locator('ul.reviews li').first();
        assert.match(await review.innerText(), /@kchen[\s\S]*Session 5[\s\S]*<script>alert\(1\)<\/script> "quotes" &amp; it's Please add more detail/);
        const shown = page.getByText('<script>alert(1)</script> "quotes" &amp; it\'s');
        // The review's text, the timeline table's focus cell, and the timeline marker's tooltip.
        assert.deepEqual(await shown.evaluateAll((els) => els.map((e) => e.tagName.toLowerCase())), ['span', 'title', 'td']);
        assert.ok(await shown.first().isVisible());
        assert.ok(await shown.last().isVisible());

        // Record text never became an element, and nothing tried to run or load.
        assert.equal(await page.evaluate('document.scripts.length'), 0);
        assert.equal(dialogs, 0, 'no dialog: no script ran');
        assert.deepEqual(requests, [], 'no network request');
        assert.deepEqual(violations, [], 'nothing was blocked by the content security policy');

        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: join(ARTIFACTS, scheme === 'light' ? 'report.png' : 'report-dark.png'), fullPage: true });
        if (scheme === 'light') copyFileSync(file, join(ARTIFACTS, 'report.html'));
      } finally {
        await context.close();
      }
    });
  }

  it('would notice a script that ran, and the policy stops one that slipped in', async () => {
    const context = await browser!.newContext();
    try {
      const page = await context.newPage();
      let dialogs = 0;
      page.on('dialog', (d) => { dialogs++; void d.dismiss(); });
      await page.setContent('<!doctype html><script>alert(1)</script><p>x</p>');
      assert.equal(dialogs, 1, 'the dialog handler sees a script that runs');
      await page.setContent(`<!doctype html><meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}"><script>alert(2)</script><p>y</p>`);
      await page.waitForSelector('p');
      assert.equal(dialogs, 1, 'under the report\'s policy it does not run');
    } finally {
      await context.close();
    }
  });
});
