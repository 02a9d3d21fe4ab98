import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentEdit } from 'vscode-languageserver';
import { check as checkIn, codes, DEFAULT_GROUP, ids } from '../helpers';
import { contextOf } from '../featureHelpers';
import { addendumEdit } from '../../server/src/core/addendum';
import { APPROVAL_KEYS, approveRecord, type ApproveResult } from '../../server/src/core/approve';
import { splitFrontMatter } from '../../server/src/core/frontmatter';
import { approvalHash, approvedBody } from '../../server/src/core/hash';
import { addendumWorkspaceEdit, approveEdit } from '../../server/src/features/supervision';

/** Checked as a record of the default fixture group. */
const check = (text: string) => checkIn(text, DEFAULT_GROUP);
const HASH = /^sha256:[0-9a-f]{64}$/;
const BY = 'K. Chen, LCSW';
const ON = '2027-03-18';

/** A complete middle-phase note for the default fixture group: no error-level findings. */
const NOTE = (fm = '', body = BODY) => `---
record: session-note
group: fixture-group
date: 2027-03-14
author: "S. Student, BSW practicum"
session: 6
phase: middle
attendance: { present: [M01, M02], absent: [M03] }
${fm}---
${body}`;

const BODY = `
# Session 6 — 2027-03-14

## Focus

Coping with the anniversary of a loss; members chose the topic last week.

## Group dynamics

@M02 spoke first for the first time. @M01 answered her directly instead of looking to the worker.

## Goal progress

M01 moved toward his goal of talking about the loss outside the group.

## Summary

A quieter session with more member-to-member talk than in earlier weeks.

## Next steps

Worker to call @M03 before next week. Next session: rituals that help.
`;

const approved = (r: ApproveResult) => {
  if (!r.ok) assert.fail(`refused: ${r.reason}`);
  return r;
};
const approve = (text: string, by = BY, on = ON, force = false) => approved(approveRecord(text, by, on, { findings: check(text).findings, force }));
const fields = (text: string) => {
  const fm = splitFrontMatter(text)!;
  return parseDocument(fm.yaml.replace(/\r\n?/g, '\n'), { version: '1.2', schema: 'core' }).toJS() as Record<string, unknown>;
};
const review = (text: string) => ids(check(text).findings).filter((id) => id.startsWith('review.'));
const APPROVAL_LINE = /^[ \t]*(?:status|approved_by|approved_on|approved_hash)[ \t]*:/;
/** Lines with their own line endings, so a comparison is byte for byte. */
const linesOf = (t: string) => t.match(/[^\r\n]*(?:\r\n|\n|\r|$)/g)!.filter((l, i, a) => l !== '' || i < a.length - 1);
const withoutApproval = (t: string) => linesOf(t).filter((l) => !APPROVAL_LINE.test(l));

describe('approval hash (spec §6)', () => {
  it('matches the spec test vector', () => {
    const text = '---\nrecord: session-note\n---\n# Session 3\n\nSummary text.\n\n## Addendum — 2027-03-20\n\nLater.\n';
    assert.equal(approvedBody(text), '# Session 3\n\nSummary text.\n\n');
    assert.equal(approvalHash(text), 'sha256:fb101b2b2f044663becc9eda745d0379eee687206d9cd353e004ad052658b17d');
  });

  it('is the same with CRLF, lone CR and a BOM', () => {
    const text = '---\nrecord: session-note\n---\n# Session 3\n\nSummary text.\n\n## Addendum — 2027-03-20\n';
    const h = approvalHash(text);
    assert.equal(approvalHash(text.replace(/\n/g, '\r\n')), h);
    assert.equal(approvalHash(text.replace(/\n/g, '\r')), h);
    assert.equal(approvalHash('\ufeff' + text.replace(/\n/g, '\r\n')), h);
  });
});

describe('approveRecord', () => {
  it('appends the four keys at the end of the front matter and changes nothing else', () => {
    const text = NOTE();
    const r = approve(text);
    assert.ok(r.changed);
    assert.equal(r.text, text.replace('\n---\n\n#', `\nstatus: approved\napproved_by: ${BY}\napproved_on: ${ON}\napproved_hash: ${r.hash}\n---\n\n#`));
    assert.match(r.hash, HASH);
    assert.equal(r.hash, approvalHash(text));
    assert.deepEqual(r.edits, [{ start: text.indexOf('---\n\n#'), end: text.indexOf('---\n\n#'), newText: r.text.slice(text.indexOf('---\n\n#'), r.text.indexOf('---\n\n#')) }]);
  });

  it('approve then check: no review finding at all', () => {
    assert.deepEqual(review(approve(NOTE()).text), []);
    assert.deepEqual(ids(check(approve(NOTE()).text).findings), ids(check(NOTE()).findings));
  });

  it('replaces existing values in place: order, comments, quoting and alignment kept', () => {
    const fm = [
      '# supervision',
      'status:        submitted   # set by the worker',
      "approved_by:   'Old Name'  # previous approver",
      'approved_on:   "2027-01-01"',
      'approved_hash: sha256:0000000000000000000000000000000000000000000000000000000000000000 # stale',
      'notes: |',
      '  kept as is',
      '',
    ].join('\n');
    const text = NOTE(fm);
    const r = approve(text);
    const want = text
      .replace('status:        submitted   #', 'status:        approved   #')
      .replace("approved_by:   'Old Name'  #", `approved_by:   '${BY}'  #`)
      .replace('approved_on:   "2027-01-01"', `approved_on:   "${ON}"`)
      .replace(/sha256:0{64}/, r.hash);
    assert.equal(r.text, want);
    assert.equal(r.edits.length, 4);
    assert.deepEqual(review(r.text), []);
  });

  it('appends only the keys that are missing, after the others, in spec order', () => {
    const text = NOTE('approved_on: 2027-01-01\nstatus: submitted\n');
    const r = approve(text);
    assert.ok(r.text.endsWith(`status: approved\napproved_by: ${BY}\napproved_hash: ${r.hash}\n---\n${BODY}`));
    assert.ok(r.text.includes(`approved_on: ${ON}\nstatus: approved\n`));
  });

  it('gives an empty, listed or block value a plain one after the colon', () => {
    const r = approve(NOTE('status:\napproved_by: # fill in\napproved_on:\n  - 2027-01-01\napproved_hash: >-\n  sha256:00\n'));
    assert.ok(r.text.includes(`status: approved\napproved_by: ${BY} # fill in\napproved_on: ${ON}\napproved_hash: ${r.hash}\n---`), r.text);
  });

  it('keeps CRLF line endings, the appended lines too', () => {
    const text = NOTE('status: draft\n').replace(/\n/g, '\r\n');
    const r = approve(text);
    assert.ok(!/[^\r]\n/.test(r.text), 'no bare LF');
    assert.deepEqual(withoutApproval(r.text), withoutApproval(text));
    assert.ok(r.text.includes(`status: approved\r\napproved_by: ${BY}\r\napproved_on: ${ON}\r\napproved_hash: ${r.hash}\r\n---\r\n`));
    assert.deepEqual(review(r.text), []);
  });

  it('keeps a BOM', () => {
    const text = '\ufeff' + NOTE();
    const r = approve(text);
    assert.equal(r.text.charCodeAt(0), 0xfeff);
    assert.equal(r.hash, approvalHash(NOTE()));
    assert.deepEqual(review(r.text), []);
  });

  it('indents appended keys like the others when the whole front matter is indented', () => {
    const text = NOTE().replace(/^(record|group|date|author|session|phase|attendance):/gm, '  $1:');
    const r = approve(text);
    assert.equal(fields(r.text).approved_by, BY);
    assert.ok(r.text.includes(`\n  status: approved\n`));
  });

  it('quotes a name only when YAML needs it, and reads every name back exactly', () => {
    const plain = ['K. Chen, LCSW', "Mary O'Brien", 'Ольга Иванова', 'J. Rivera (MSW)'];
    const quoted = ['K. Chen: LCSW', 'Team #2', '@kchen', 'yes', 'No', 'null', '2027', '- dash', '"quoted"', "'single'", 'a: b # c', '[x]', '{y}', '&anchor', '*alias', '!tag', '%pct', '`tick`', '|pipe', '>fold', '?q', 'true'];
    for (const name of [...plain, ...quoted]) {
      const r = approve(NOTE(), name);
      const line = r.text.split('\n').find((l) => l.startsWith('approved_by:'))!;
      assert.equal(line, `approved_by: ${plain.includes(name) ? name : JSON.stringify(name)}`, name);
      assert.equal(fields(r.text).approved_by, name, name);
    }
  });

  it('trims the name and refuses an empty or multi-line one, and a date not in ISO form', () => {
    assert.equal(fields(approve(NOTE(), '  K. Chen  ').text).approved_by, 'K. Chen');
    for (const [by, on] of [['', ON], ['  ', ON], ['K.\nChen', ON], ['K. Chen', '03/18/2027'], ['K. Chen', '2027-02-30']]) {
      const r = approveRecord(NOTE(), by, on);
      assert.ok(!r.ok && r.blocking.length === 0, `${JSON.stringify(by)} ${on}`);
    }
  });

  it('refuses a record with error-level findings unless forced, and says which', () => {
    const text = NOTE('', BODY.replace('## Summary\n\nA quieter session with more member-to-member talk than in earlier weeks.\n\n', ''));
    const findings = check(text).findings;
    assert.ok(findings.some((f) => f.severity === 'error'));
    const r = approveRecord(text, BY, ON, { findings });
    assert.ok(!r.ok);
    assert.match(r.reason, /^1 error-level finding \(note\.summary on line \d+\); fix it or approve with --force$/);
    assert.equal(r.blocking.length, 1);
    const forced = approved(approveRecord(text, BY, ON, { findings, force: true }));
    assert.deepEqual(review(forced.text), []);
  });

  it('is not held back by the findings approving settles', () => {
    // Approved by hand (review.approval), an approved record edited later (changed-after-approval), a bad approved_on.
    for (const fm of ['status: approved\n', `status: approved\napproved_by: X\napproved_on: ${ON}\napproved_hash: sha256:${'0'.repeat(64)}\n`, 'approved_on: 18/03/2027\n']) {
      const text = NOTE(fm);
      assert.ok(check(text).findings.some((f) => f.severity === 'error'), fm);
      assert.deepEqual(review(approve(text).text), [], fm);
    }
  });

  it('refuses what is not a record, unterminated or unreadable front matter, even forced', () => {
    const cases: Array<[string, RegExp]> = [
      ['# Just notes\n', /no front matter/],
      ['---\ntitle: x\n---\nbody\n', /no `record:` key/],
      ['---\nrecord: session-note\ndate: 2027-03-14\n', /not closed/],
      ['---\nrecord: session-note\ndate: [2027\n---\nbody\n', /not valid YAML \(line \d/],
      ['---\nrecord: session-note\nrecord: plan\n---\nbody\n', /not valid YAML/],
      ['---\n{ record: session-note, date: 2027-03-14 }\n---\nbody\n', /flow mapping/],
    ];
    for (const [text, why] of cases) {
      const r = approveRecord(text, BY, ON, { force: true });
      assert.ok(!r.ok, text);
      assert.match(r.reason, why, text);
      assert.deepEqual(r.blocking, []);
    }
  });

  it('is idempotent', () => {
    const once = approve(NOTE('# a comment\nstatus: submitted\n'));
    const twice = approve(once.text);
    assert.equal(twice.text, once.text);
    assert.equal(twice.changed, false);
    assert.deepEqual(twice.edits, []);
  });
});

describe('addenda after approval', () => {
  const withAddendum = (t: string, date = '2027-03-20') => { const a = addendumEdit(t, date)!; return t.slice(0, a.edit.start) + a.edit.newText + t.slice(a.edit.end); };

  it('inserts only, at the very end: heading and a blank line, in the record\'s line ending', () => {
    const a = addendumEdit(NOTE(), '2027-03-20')!;
    assert.deepEqual(a.edit, { start: NOTE().length, end: NOTE().length, newText: '## Addendum — 2027-03-20\n\n' });
    assert.equal(a.warning, undefined);
    assert.equal(addendumEdit(NOTE().replace(/\n/g, '\r\n'), '2027-03-20')!.edit.newText, '## Addendum — 2027-03-20\r\n\r\n');
    assert.equal(addendumEdit(NOTE(), 'tomorrow'), undefined);
  });

  it('an addendum and writing in it keep the approval; an edit above it does not', () => {
    const r = approve(NOTE());
    const added = withAddendum(r.text) + '@M03 called back: he will return next week.\n';
    assert.deepEqual(review(added), []);
    const second = withAddendum(added, '2027-04-02') + 'He came back.\n';
    assert.deepEqual(review(second), []);
    const inside = added.replace('he will return', 'he will return on Friday');
    assert.deepEqual(review(inside), []);
    const above = added.replace('A quieter session', 'A calmer session');
    assert.deepEqual(review(above), ['review.changed-after-approval']);
  });

  it('the same with CRLF and a BOM', () => {
    const r = approve('\ufeff' + NOTE().replace(/\n/g, '\r\n'));
    const added = withAddendum(r.text) + 'Later note.\r\n';
    assert.ok(added.includes('\r\n## Addendum — 2027-03-20\r\n\r\nLater note.\r\n'));
    assert.deepEqual(review(added), []);
    assert.deepEqual(review(added.replace('A quieter', 'A calmer')), ['review.changed-after-approval']);
  });

  it('approving a record that already has an addendum hashes the text above it only', () => {
    const text = withAddendum(NOTE()) + 'Added before approval.\n';
    const r = approve(text);
    assert.equal(r.hash, approvalHash(NOTE()));
    assert.deepEqual(review(r.text.replace('Added before', 'Changed before')), []);
  });

  it('warns when the last line has no line break: the one it adds changes the approved text', () => {
    const r = approve(NOTE().replace(/\n$/, ''));
    const a = addendumEdit(r.text, '2027-03-20')!;
    assert.equal(a.edit.newText, '\n## Addendum — 2027-03-20\n\n');
    assert.match(a.warning!, /changes the approved text/);
    assert.deepEqual(review(withAddendum(r.text)), ['review.changed-after-approval']);
    assert.equal(addendumEdit(NOTE().replace(/\n$/, ''), '2027-03-20')!.warning, undefined, 'no warning for a record not approved');
  });

  it('changed-after-approval points at `approved_hash`: only the hash is known, not the approved text', () => {
    const text = approve(NOTE()).text.replace('A quieter', 'A calmer');
    const [f] = codes(check(text), 'review.changed-after-approval');
    assert.match(text.slice(f.span.start, f.span.end), HASH);
  });
});

describe('editor requests', () => {
  const apply = (text: string, edit: { documentChanges?: unknown[] }) => {
    const [change] = edit.documentChanges as TextDocumentEdit[];
    return TextDocument.applyEdits(TextDocument.create(change.textDocument.uri, 'markdown', 1, text), change.edits as never);
  };

  it('approve: edits only front-matter lines, for the document version asked about', () => {
    const text = NOTE('status: submitted # by the worker\n').replace(/\n/g, '\r\n');
    const ctx = contextOf(text);
    const r = approveEdit(ctx, 7, { uri: ctx.uri, by: BY, on: ON });
    assert.ok(r.ok);
    const [change] = r.edit.documentChanges as TextDocumentEdit[];
    assert.deepEqual(change.textDocument, { uri: ctx.uri, version: 7 });
    const fmEnd = ctx.rec.lines.lineOf(ctx.rec.frontMatter!.contentEnd);
    for (const e of change.edits) assert.ok(e.range.end.line <= fmEnd, JSON.stringify(e.range));
    assert.equal(apply(text, r.edit), approve(text).text);
  });

  it('approve: asks for force only when error-level findings stood in the way', () => {
    const broken = NOTE('', BODY.replace('## Next steps', '## Nothing'));
    const ctx = contextOf(broken);
    const r = approveEdit(ctx, 1, { uri: ctx.uri, by: BY, on: ON });
    assert.ok(!r.ok && r.needsForce);
    assert.ok(approveEdit(ctx, 1, { uri: ctx.uri, by: BY, on: ON, force: true }).ok);
    const notOpen = approveEdit(undefined, null, { uri: ctx.uri, by: BY, on: ON });
    assert.ok(!notOpen.ok && !notOpen.needsForce);
    const badDate = approveEdit(ctx, 1, { uri: ctx.uri, by: BY, on: 'today', force: true });
    assert.ok(!badDate.ok && !badDate.needsForce);
  });

  it('addendum: a single insertion at the end', () => {
    const text = approve(NOTE()).text;
    const ctx = contextOf(text);
    const r = addendumWorkspaceEdit(ctx, 3, { uri: ctx.uri, date: '2027-03-20' });
    assert.ok(r.ok);
    const [change] = r.edit.documentChanges as TextDocumentEdit[];
    assert.equal(change.edits.length, 1);
    assert.deepEqual(change.edits[0].range.start, change.edits[0].range.end);
    assert.equal(apply(text, r.edit), text + '## Addendum — 2027-03-20\n\n');
    assert.ok(!addendumWorkspaceEdit(ctx, 3, { uri: ctx.uri, date: '20 March' }).ok);
  });
});

describe('approveRecord (property)', () => {
  const eol = fc.constantFrom('\n', '\r\n');
  const others = fc.shuffledSubarray([
    'author: "S. Student, BSW practicum"', "co_author: 'A. Worker'", 'workers: [A. Worker, "B, C"]', '# a comment line', '',
    'tags: [one, two]  # trailing comment', 'format: narrative', 'notes: |\n  line one\n  line two', 'extra:\n  nested: true\n  list:\n    - a',
    'approved: "not a key we set"', 'group: fixture-group # the group',
  ]);
  const existing = (key: string) => fc.constantFrom(
    `${key}: old`, `${key}: "old value"`, `${key}: 'old'`, `${key}:`, `${key}:   old   # comment`, `${key}: &a_${key} old`,
  );
  const name = fc.string({ minLength: 1, maxLength: 30, unit: fc.constantFrom('a', 'Z', ' ', '.', ',', ':', '#', '@', '-', "'", '"', 'é', 'ж', '!', '&', '[', '{', '1', '%', '\\') })
    .filter((s) => s.trim().length > 0);
  const doc = fc.record({
    others, split: fc.nat(12),
    present: fc.subarray([...APPROVAL_KEYS]),
    styles: fc.tuple(existing('status'), existing('approved_by'), existing('approved_on'), existing('approved_hash')),
    eol, bom: fc.boolean(), name,
  });

  it('changes or appends the four approval lines and nothing else, byte for byte', () => {
    fc.assert(fc.property(doc, (d) => {
      const keyLines = d.present.map((k) => d.styles[APPROVAL_KEYS.indexOf(k)]);
      const cut = Math.min(d.split, d.others.length);
      const fm = ['record: session-note', ...d.others.slice(0, cut), ...keyLines, ...d.others.slice(cut)].join('\n');
      const text = (d.bom ? '\ufeff' : '') + `---\n${fm}\n---\n${BODY}## Addendum — 2027-03-20\n\nlater\n`.replace(/\n/g, d.eol);
      const r = approveRecord(text, d.name, ON, { force: true });
      if (!r.ok) return assert.fail(`refused: ${r.reason}\n${text}`);
      // Everything but the approval lines, byte for byte, in order.
      assert.deepEqual(withoutApproval(r.text), withoutApproval(text));
      // Existing approval lines stay where they were; missing ones come last, before the closing `---`.
      const at = (t: string) => { const ls = linesOf(t); const out = new Map<string, number>(); let others = 0; for (const l of ls) { const m = APPROVAL_LINE.exec(l); if (m) out.set(m[0].replace(/[\s:]/g, ''), others); else others++; } return out; };
      const before = at(text), after = at(r.text);
      assert.deepEqual([...after.keys()].sort(), [...APPROVAL_KEYS].sort());
      const closing = withoutApproval(r.text).findIndex((l, i) => i > 0 && /^---\r?\n$/.test(l));
      for (const k of APPROVAL_KEYS) assert.equal(after.get(k), before.has(k) ? before.get(k) : closing, k);
      // The values read back exactly; the body and its hash are untouched.
      const f = fields(r.text);
      assert.deepEqual([f.status, f.approved_by, f.approved_on, f.approved_hash], ['approved', d.name.trim(), ON, approvalHash(text)]);
      assert.equal(r.text.slice(splitFrontMatter(r.text)!.bodyStart), text.slice(splitFrontMatter(text)!.bodyStart));
    }), { numRuns: 300 });
  });
});
