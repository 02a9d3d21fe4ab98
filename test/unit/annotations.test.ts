import assert from 'node:assert/strict';
import { CodeActionKind } from 'vscode-languageserver';
import { cat, check, codes } from '../helpers';
import { applyAction, at, contextOf, labels, recordAt } from '../featureHelpers';
import { annotations } from '../../server/src/core/checks/review';
import { parseRecord } from '../../server/src/core/record';
import { codeActions } from '../../server/src/features/codeActions';
import { completions } from '../../server/src/features/completion';
import { hover } from '../../server/src/features/hover';

/** A session note without findings of its own; `extra` goes after the dynamics section. */
const NOTE = (extra: string) => `---
record: session-note
group: fixture-group
date: 2027-03-14
author: "S. Student, BSW practicum"
session: 6
phase: middle
attendance: { present: [M01, M02], absent: [M03] }
---

# Session 6 — 2027-03-14

## Focus

Coping with the anniversary of a loss.

## Group dynamics

@M02 spoke first for the first time. @M01 answered her directly.

${extra}
## Summary

A quieter session with more member-to-member talk.

## Next steps

Worker to call @M03 before next week.
`;

const parsed = (extra: string) => annotations(parseRecord(NOTE(extra), cat()));
const one = (extra: string) => {
  const all = parsed(extra);
  assert.equal(all.length, 1, `one annotation in ${JSON.stringify(extra)}`);
  return all[0];
};
const resolveFix = (text: string) => {
  const c = recordAt(text);
  const actions = codeActions(c.ctx, c.range, [CodeActionKind.QuickFix]).filter((a) => a.title === 'Mark this review resolved');
  return { c, actions };
};

describe('review annotations: parsing', () => {
  it('reads reviewer, date and the comment that follows, over several lines', () => {
    const a = one('> [!REVIEW] @kchen 2027-03-15\n> Say more about how the group responded,\n> not only M01.\n');
    assert.deepEqual({ resolved: a.resolved, reviewer: a.reviewer, date: a.date, comment: a.comment },
      { resolved: false, reviewer: 'kchen', date: '2027-03-15', comment: 'Say more about how the group responded, not only M01.' });
  });

  it('reads the comment on the marker line too', () => {
    const a = one('> [!REVIEW] @kchen 2027-03-15 Which skill was this?\n');
    assert.equal(a.comment, 'Which skill was this?');
  });

  it('takes the marker in any case', () => {
    assert.equal(one('> [!review] @kchen\n> lower case\n').resolved, false);
    assert.equal(one('> [!Review] x\n').resolved, false);
    assert.equal(one('> [!resolved] @kchen 2027-03-08\n> done\n').resolved, true);
  });

  it('needs neither a reviewer nor a date', () => {
    const a = one('> [!REVIEW]\n> Link it to the standards (IV.A.2).\n');
    assert.equal(a.reviewer, undefined);
    assert.equal(a.date, undefined);
    assert.equal(a.comment, 'Link it to the standards (IV.A.2).');
    const d = one('> [!REVIEW] 2027-03-15 dated, no reviewer\n');
    assert.deepEqual([d.reviewer, d.date, d.comment], [undefined, '2027-03-15', 'dated, no reviewer']);
  });

  it('reads the date before the reviewer, a comma between, and punctuation after the handle', () => {
    const a = one('> [!REVIEW] 2027-03-15 @k.chen: see IV.A.2\n');
    assert.deepEqual([a.reviewer, a.date, a.comment], ['k.chen', '2027-03-15', 'see IV.A.2']);
    const b = one('> [!REVIEW] @kchen, 2027-03-15 — more detail please\n');
    assert.deepEqual([b.reviewer, b.date, b.comment], ['kchen', '2027-03-15', 'more detail please']);
    const c = one('> [!REVIEW] @kchen. Please add the date.\n');
    assert.deepEqual([c.reviewer, c.comment], ['kchen', 'Please add the date.']);
  });

  it('takes an escaped marker, as Markdown formatters write it', () => {
    for (const marker of ['\\[!REVIEW\\]', '\\[!REVIEW]', '[!REVIEW\\]']) {
      const text = NOTE(`> ${marker} @kchen 2027-03-15\n> escaped\n`);
      const a = one(`> ${marker} @kchen 2027-03-15\n> escaped\n`);
      assert.equal(text.slice(a.markerSpan.start, a.markerSpan.end), marker, `the marker span is exactly ${marker}`);
      assert.deepEqual([a.reviewer, a.date, a.comment], ['kchen', '2027-03-15', 'escaped']);
    }
  });

  it('finds annotations in list items and with CRLF line endings', () => {
    const a = one('- a point\n\n  > [!REVIEW] @jrivera\n  > Expand this.\n');
    assert.deepEqual([a.reviewer, a.comment], ['jrivera', 'Expand this.']);
    const rec = parseRecord(NOTE('> [!REVIEW] @kchen 2027-03-15\n> first\n> second\n').replace(/\n/g, '\r\n'), cat());
    const [c] = annotations(rec);
    assert.equal(c.comment, 'first second');
    assert.equal(rec.text.slice(c.markerSpan.start, c.markerSpan.end), '[!REVIEW]');
  });

  it('ignores quotes that do not open with the marker, and code', () => {
    assert.deepEqual(parsed('> A member said [!REVIEW] in passing.\n\n```\n> [!REVIEW] @kchen in code\n```\n\n[!REVIEW] @kchen not a quote\n'), []);
  });
});

describe('review annotations: findings and the resolving fix', () => {
  it('reports each open annotation as review.open, resolved ones not', () => {
    const c = check(NOTE('> [!REVIEW] @kchen 2027-03-15\n> Say more.\n\n> [!review]\n> Which skill?\n\n> [!RESOLVED] @kchen 2027-03-08\n> Thanks.\n'));
    const open = codes(c, 'review.open');
    assert.equal(open.length, 2);
    assert.match(open[0].message, /^Open review from @kchen \(2027-03-15\): Say more\.$/);
    assert.match(open[1].message, /^Open review from a reviewer: Which skill\?$/);
    assert.equal(open[0].severity, 'information');
  });

  for (const [marker, resolved] of [['[!REVIEW]', '[!RESOLVED]'], ['[!review]', '[!RESOLVED]'], ['\\[!REVIEW\\]', '\\[!RESOLVED\\]'], ['\\[!REVIEW]', '\\[!RESOLVED]']] as const) {
    it(`resolving ${marker} replaces exactly the marker`, () => {
      const text = NOTE(`> ${marker} @kchen 2027-03-15\n> Say more.\n`);
      const { c, actions } = resolveFix(text);
      assert.equal(actions.length, 1);
      const after = applyAction(c.text, actions[0]);
      assert.equal(after, text.replace(marker, resolved));
      assert.deepEqual(codes(check(after), 'review.open'), []);
    });
  }

  it('resolving keeps CRLF line endings', () => {
    const text = NOTE('> [!REVIEW] @kchen\r\n> Say more.\n').replace(/\r?\n/g, '\r\n');
    const { c, actions } = resolveFix(text);
    assert.equal(applyAction(c.text, actions[0]), text.replace('[!REVIEW]', '[!RESOLVED]'));
  });
});

describe('review annotations: reviewers across the workspace', () => {
  it('the record summary lists reviewers of escaped and lower-case markers too', () => {
    const c = check(NOTE('> \\[!REVIEW\\] @kchen\n> a\n\n> [!resolved] @jrivera 2027-03-01\n> b\n'));
    assert.deepEqual([...c.summary.reviewers].sort(), ['jrivera', 'kchen']);
  });

  it('completion offers the workspace reviewers after the marker (the existing body completion)', () => {
    const { ctx, offset } = at(NOTE('> [!REVIEW] @|\n'), { workspace: { reviewers: ['kchen', 'jrivera'] } });
    assert.deepEqual(labels(completions(ctx, offset, { today: '2027-03-15' })), ['kchen', 'jrivera']);
  });

  it('hover on an escaped marker covers exactly the marker', () => {
    const ctx = contextOf(NOTE('> \\[!REVIEW\\] @kchen 2027-03-15\n> a\n'));
    const start = ctx.rec.text.indexOf('\\[!REVIEW');
    const h = hover(ctx, start + 3, {})!;
    const range = h.range!;
    assert.equal(ctx.rec.text.slice(ctx.rec.lines.offsetAt(range.start), ctx.rec.lines.offsetAt(range.end)), '\\[!REVIEW\\]');
  });
});
