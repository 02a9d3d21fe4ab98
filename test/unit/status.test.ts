import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDirs, readFixture, ROOT } from '../helpers';
import { contextOf, SESSION6_HEAD } from '../featureHelpers';
import { recordStatus } from '../../server/src/features/status';

const NOTE = `${SESSION6_HEAD}
## Group dynamics

The group worked well together, a clear moment of mutual aid.

## Progress toward goals

M01 told a friend about his brother this week.

## Session summary

After the check-in we talked about how families change after a death.

## Next steps

Anniversaries and special days, next week.
`;

describe('record status (language status item)', () => {
  it('shows kind, phase and the required elements present', () => {
    assert.deepEqual(recordStatus(contextOf(NOTE)), {
      kind: 'session-note', kindTitle: 'Session note', phase: 'middle',
      required: { present: 5, total: 5 }, missing: [],
      text: 'Session note · middle · 5/5 required',
      detail: 'All 5 required elements present · Group: Fixture Group',
      severity: 'warning', // recommended elements are missing
    });
  });

  it('counts a missing or empty required element, and names it', () => {
    const s = recordStatus(contextOf(NOTE.replace(/## Session summary\n\n.*\n/, '').replace('M01 told a friend about his brother this week.', 'TBD')));
    assert.equal(s.text, 'Session note · middle · 3/5 required');
    assert.deepEqual(s.missing, ['Progress toward goals', 'Session summary']);
    assert.equal(s.detail, 'Missing or empty: Progress toward goals, Session summary · Group: Fixture Group');
    assert.equal(s.severity, 'error');
  });

  it('follows the phase, the session number and the group', () => {
    const first = recordStatus(contextOf(NOTE.replace('session: 6', 'session: 1').replace('phase: middle', 'phase: beginning')));
    assert.equal(first.text, 'Session note · beginning · 3/4 required', 'dynamics is only recommended in the beginning; contracting is required in session 1');
    assert.deepEqual(first.missing, ['Contracting']);
    const noPhase = recordStatus(contextOf(NOTE.replace('phase: middle\n', '')));
    assert.match(noPhase.text, /^Session note · no phase · \d+\/\d+ required$/);
    assert.equal(noPhase.phase, undefined);
    assert.match(recordStatus(contextOf(NOTE, { group: null })).detail, /No group profile found$/);
  });

  it('names a structured format', () => {
    const girp = readFixture('note.summary', 'pass-complete-girp-note.md');
    const s = recordStatus(contextOf(girp));
    assert.equal(s.format, 'girp');
    assert.match(s.text, /^Session note · \w+ · GIRP · (\d+)\/\1 required$/);
  });

  it('works for every kind', () => {
    const contract = recordStatus(contextOf(readFixture('contract.purpose', 'fail-missing-purpose.md')));
    assert.equal(contract.text, 'Group contract · 4/5 required');
    assert.deepEqual(contract.missing, ['Group purpose']);
    const sample = join(ROOT, 'sample/teen-grief-spring-2027');
    const group = readFileSync(join(sample, 'group.yaml'), 'utf8');
    assert.match(recordStatus(contextOf(readFileSync(join(sample, 'plan.md'), 'utf8'), { group })).text, /^Group plan · (\d+)\/\1 required$/);
    assert.match(recordStatus(contextOf(readFileSync(join(sample, 'ending-summary.md'), 'utf8'), { group })).text, /^Ending summary · (\d+)\/\1 required$/);
  });

  it('says when a document is not a record or names no known kind, and never throws', () => {
    assert.equal(recordStatus(contextOf('# Notes\n')).text, 'Not a group record');
    const unknown = recordStatus(contextOf(NOTE.replace('record: session-note', 'record: sesion-note')));
    assert.equal(unknown.text, 'Group record · unknown kind');
    assert.equal(unknown.severity, 'error');
    assert.equal(recordStatus({ ...contextOf(NOTE), rec: undefined as never }).text, 'Group record');
  });

  it('agrees with the findings: every required element reported missing is counted missing', () => {
    let n = 0;
    for (const dir of fixtureDirs()) {
      let group: string | undefined;
      try { group = readFixture(dir, 'group.yaml'); } catch { group = undefined; }
      for (const name of require('node:fs').readdirSync(join(ROOT, 'test/fixtures/rules', dir)) as string[]) {
        if (!name.endsWith('.md')) continue;
        const ctx = contextOf(readFixture(dir, name), group ? { group } : {});
        const s = recordStatus(ctx);
        assert.equal(s.required.present + s.missing.length, s.required.total, `${dir}/${name}`);
        for (const f of ctx.findings) {
          const e = ctx.cat.elements.get(f.ruleId);
          if (e && f.wholeRecord && f.level === 'required') assert.ok(s.missing.includes(e.title), `${dir}/${name}: ${e.title} in ${s.detail}`);
        }
        n++;
      }
    }
    assert.ok(n > 100);
  });
});
