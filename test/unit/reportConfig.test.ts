import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

describe('group-records report reads .group-records.yaml as check does', function () {
  this.timeout(60_000);
  it('a rule switched off there is not counted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gr-report-cfg-'));
    cpSync(join(ROOT, 'sample'), dir, { recursive: true });
    const run = () => spawnSync(process.execPath, [join(ROOT, 'out/cli.js'), 'report', '--out', 'r.html'], { cwd: dir, encoding: 'utf8' });
    assert.match(run().stdout, /1 error, 2 warnings/);
    writeFileSync(join(dir, '.group-records.yaml'), 'rules:\n  record.empty-section: off\n  privacy.identifier: off\n');
    assert.match(run().stdout, /1 error, 0 warnings/);
  });
});
