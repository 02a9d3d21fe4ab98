import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { check, DEFAULT_GROUP, expectations, fixtureDirs, readFixture, ROOT } from '../helpers';

/**
 * One folder per rule id under test/fixtures/rules: `pass-*.md` must produce no finding of that
 * rule, `fail-*.md` exactly the findings marked inline (`<!-- expect: rule -->` / `# expect: rule`)
 * for that rule and for any rule it marks. A `group.yaml` in the folder governs its records.
 */
for (const rule of fixtureDirs()) {
  describe(rule, () => {
    const dir = join(ROOT, 'test/fixtures/rules', rule);
    const group = existsSync(join(dir, 'group.yaml')) ? readFixture(rule, 'group.yaml') : DEFAULT_GROUP;
    for (const file of readdirSync(dir).filter((f) => /^(pass|fail)-.*\.md$/.test(f)).sort()) {
      it(`${file.startsWith('pass') ? 'accepts' : 'flags'} ${file.replace(/^(pass|fail)-|\.md$/g, '').replace(/-/g, ' ')}`, () => {
        const text = readFixture(rule, file);
        const expected = expectations(text);
        const watched = new Set([rule, ...expected.map((e) => e.rule)]);
        const result = check(text, group, join(dir, file));
        const actual = result.findings.filter((f) => watched.has(f.ruleId)).map((f) => `${result.lines.lineOf(f.span.start) + 1}:${f.ruleId}`).sort();
        const want = expected.map((e) => `${e.line + 1}:${e.rule}`).sort();
        if (file.startsWith('fail')) assert.ok(want.length > 0, 'a fail fixture must mark at least one expected finding');
        assert.deepEqual(actual, want, result.findings.map((f) => `${result.lines.lineOf(f.span.start) + 1}:${f.ruleId} ${f.message}`).join('\n'));
      });
    }
  });
}
