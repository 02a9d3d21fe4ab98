import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRecord } from '../../server/src/core/check';
import { parseRecord } from '../../server/src/core/record';
import { readSource } from '../../server/src/cli/readFile';
import { checkRecordFile } from '../../server/src/workspace/checkFile';
import { ProfileSet } from '../../server/src/workspace/profiles';
import { cat } from '../helpers';

const CONTRACT = `---
record: contract
date: 2027-13-01
---

# Contract

## Confidentiality
What is said here stays here.
`;

describe('fault tolerance', () => {
  it('turns an exception inside one rule into record.internal while the other rules still report', () => {
    const real = cat();
    const broken = Object.create(real, { confidentialityLimits: { get() { throw new Error('boom'); } } });
    const rec = parseRecord(CONTRACT, real);
    const findings = checkRecord(rec, broken);
    const internal = findings.filter((f) => f.ruleId === 'record.internal');
    assert.equal(internal.length, 1);
    assert.match(internal[0].message, /elements checks failed.*boom/);
    assert.ok(findings.some((f) => f.ruleId === 'record.field'), 'the front-matter rule still reported the bad date');
  });

  it('reports a file that cannot be read as record.unreadable instead of failing the run', () => {
    // root reads any file whatever its mode; a directory read as a file fails for everyone (EISDIR).
    const dir = mkdtempSync(join(tmpdir(), 'gr-fault-'));
    try {
      const p = join(dir, 'note.md');
      writeFileSync(p, CONTRACT);
      chmodSync(p, 0o000);
      const src = process.getuid?.() === 0 ? readSource(dir) : readSource(p);
      const result = checkRecordFile(p, src, cat(), new ProfileSet());
      assert.deepEqual(result.findings.map((f) => f.ruleId), ['record.unreadable']);
      assert.match(result.findings[0].message, /could not be read: E/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads invalid UTF-8 with replacement characters and says where', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gr-fault-'));
    try {
      const p = join(dir, 'note.md');
      writeFileSync(p, Buffer.concat([Buffer.from(CONTRACT.replace('2027-13-01', '2027-01-13') + '\nCaf'), Buffer.from([0xe9]), Buffer.from(' on Tuesday.\n')]));
      const result = checkRecordFile(p, readSource(p), cat(), new ProfileSet());
      const enc = result.findings.find((f) => f.ruleId === 'record.encoding')!;
      assert.ok(enc, 'record.encoding reported');
      assert.equal(result.lines.lineOf(enc.span.start), 10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
