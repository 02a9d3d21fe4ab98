import assert from 'node:assert/strict';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type TextEdit } from 'vscode-languageserver';
import { cat } from '../helpers';
import { applyAction, contextOf, recordAt, type RecordCase } from '../featureHelpers';
import { expandSnippet } from '../../server/src/core/skeleton';
import { LineIndex } from '../../server/src/core/text';
import { codeActions, INSERT_MISSING_SECTIONS_KIND } from '../../server/src/features/codeActions';
import { toDiagnostic } from '../../server/src/features/diagnostics';

/** A middle-phase note with every element in catalogue order: it has no findings, and each test breaks one thing. */
const NOTE = `---
record: session-note
group: fixture-group
date: 2027-02-14
author: "A. Worker, MSW"
session: 6
phase: middle
attendance: { present: [M01, M02, M03], absent: [] }
---

# Session 6 — Teen Grief Group

## Session focus

Family changes since the loss, and coping at home.

## Group dynamics

The group worked well together; M03 offered M01 how she handles hard days, a clear moment of mutual aid.

## Worker's interventions

Linked members' experiences and led a role-play on asking for space at home.

## Progress toward goals

M01 told a friend about his brother this week, so his goal is met.

## Difficulties and obstacles

M02 was quieter than usual; the room was noisy.

## Session summary

After the check-in we talked about how families change after a death.

## Next steps

Next week: anniversaries and special days.
`;

const crlf = (s: string) => s.replace(/\n/g, '\r\n');
const URI = 'file:///virtual/group/record.md';
const skeleton = (id: string, nl = '\n') => expandSnippet(cat().elements.get(id)!.skeleton).trim().replace(/\n/g, nl);
const section = (heading: string, text = NOTE) => {
  const start = text.indexOf(heading);
  const next = text.indexOf('\n#', start + 1);
  return text.slice(start, next < 0 ? text.length : next + 1);
};
const without = (heading: string, text = NOTE) => text.replace(section(heading, text), '');
const edits = (a: CodeAction): TextEdit[] => a.edit?.changes?.[URI] ?? [];
const titles = (as: readonly CodeAction[]) => as.map((a) => a.title);

function actionsAt(c: RecordCase, only?: string[]) {
  return codeActions(c.ctx, c.range, only);
}

/** Applies the action, re-checks, and gives the new text and rule ids. */
function applied(c: RecordCase, a: CodeAction) {
  const after = applyAction(c.text, a);
  const ctx = contextOf(after);
  return { after, rules: ctx.findings.map((f) => f.ruleId) };
}

function one(as: readonly CodeAction[], title: string | RegExp): CodeAction {
  const found = as.filter((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.equal(found.length, 1, `one action ${title} in ${JSON.stringify(titles(as))}`);
  return found[0];
}

describe('code actions: the base record', () => {
  it('has no findings and no actions', () => {
    const c = recordAt(NOTE);
    assert.deepEqual(c.ctx.findings.map((f) => f.ruleId), []);
    assert.deepEqual(actionsAt(c), []);
  });
});

describe('code actions: insert a missing section at its conventional place', () => {
  it('goes after the last present section that comes before it, blank lines kept', () => {
    const text = without('## Group dynamics');
    const c = recordAt(text.replace('# Session 6', '# Sess‸ion 6'));
    const a = one(actionsAt(c), `Add the “${cat().elements.get('note.dynamics')!.title}” section`);
    assert.equal(a.kind, CodeActionKind.QuickFix);
    assert.equal(a.isPreferred, true);
    assert.deepEqual(a.diagnostics?.map((d) => d.code), ['note.dynamics']);
    const { after, rules } = applied(c, a);
    const at = text.indexOf('## Worker\'s interventions');
    assert.equal(after, text.slice(0, at) + skeleton('note.dynamics') + '\n\n' + text.slice(at));
    assert.deepEqual(rules, []);
    assert.ok(edits(a).every((e) => e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character), 'only inserts');
  });

  it('goes before the first section that comes after it when none comes before', () => {
    const text = without('## Session focus');
    const c = recordAt(text);
    const a = one(actionsAt(c), /Focus/i);
    const { after, rules } = applied(c, a);
    const at = text.indexOf('## Group dynamics');
    assert.equal(after, text.slice(0, at) + skeleton('note.focus') + '\n\n' + text.slice(at));
    assert.deepEqual(rules, []);
  });

  it('goes at the end, after a blank line, when the record ends without a line break', () => {
    const text = without('## Next steps').replace(/\n+$/, '');
    const c = recordAt(text);
    const { after, rules } = applied(c, one(actionsAt(c), /Next steps/i));
    assert.equal(after, text + '\n\n' + skeleton('note.next-steps') + '\n');
    assert.deepEqual(rules, []);
  });

  it('takes the heading level of the sections around it', () => {
    const deeper = NOTE.replace(/^## /gm, '### ').replace('# Session 6 — Teen Grief Group', '# Session 6 — Teen Grief Group\n\n## Notes');
    const text = without('### Session summary', deeper);
    const c = recordAt(text);
    const { after, rules } = applied(c, one(actionsAt(c), /summary/i));
    assert.match(after, /\n### Session summary\n\n/);
    assert.deepEqual(rules, []);
  });

  for (const [name, prefix, nl] of [['CRLF', '', '\r\n'], ['a BOM and CRLF', '\uFEFF', '\r\n'], ['a BOM', '\uFEFF', '\n']] as const) {
    it(`keeps ${name} and changes nothing else`, () => {
      const text = prefix + (nl === '\r\n' ? crlf(without('## Worker\'s interventions')) : without('## Worker\'s interventions'));
      const c = recordAt(text);
      const a = one(actionsAt(c), /interventions/i);
      const { after, rules } = applied(c, a);
      const at = text.indexOf('## Progress toward goals');
      assert.equal(after, text.slice(0, at) + skeleton('note.interventions', nl) + nl + nl + text.slice(at));
      if (nl === '\r\n') assert.ok(!/[^\r]\n/.test(after), 'no bare LF in a CRLF file');
      assert.deepEqual(rules, []);
    });
  }
});

describe('code actions: insert all missing required sections', () => {
  const CONTRACT = `---
record: contract
group: fixture-group
date: 2027-01-10
author: "A. Worker, MSW"
---

# Group Contract — Teen Grief Group

## What we will do

Over ten sessions we will share our stories of loss and practise coping skills.
`;

  it('inserts every required element once, each at its place, in one edit per place', () => {
    const c = recordAt(CONTRACT.replace('# Group', '‸# Group'));
    const before = c.ctx.findings.filter((f) => f.level === 'required' && f.wholeRecord).map((f) => f.ruleId);
    assert.deepEqual(before, ['contract.confidentiality', 'contract.goals', 'contract.purpose', 'contract.roles']);
    const quick = one(actionsAt(c, [CodeActionKind.QuickFix]), 'Insert all 4 missing required sections');
    assert.equal(quick.kind, CodeActionKind.QuickFix);
    assert.deepEqual(quick.diagnostics?.map((d) => d.code).sort(), before);
    const es = edits(quick);
    assert.equal(es.length, 2, 'before "What we will do" (purpose, goals) and after it (roles, confidentiality)');
    const { after, rules } = applied(c, quick);
    for (const id of before) assert.equal(after.split(skeleton(id)).length, 2, `${id} inserted once`);
    const order = ['contract.purpose', 'contract.goals', 'contract.tasks', 'contract.roles', 'contract.confidentiality']
      .map((id) => after.indexOf(id === 'contract.tasks' ? '## What we will do' : skeleton(id)));
    assert.deepEqual(order, [...order].sort((a, b) => a - b), 'catalogue order');
    assert.ok(!/\n\n\n/.test(after), 'no double blank lines');
    assert.deepEqual(rules.filter((r) => before.includes(r)), []);
    assert.ok(!rules.some((r) => r.startsWith('record.')), JSON.stringify(rules));
  });

  it('is a source action, offered wherever the cursor is and only when source actions are asked for', () => {
    const c = recordAt(CONTRACT.replace('Over ten', 'Over‸ ten'));
    const source = actionsAt(c, [CodeActionKind.Source]);
    assert.deepEqual(source.map((a) => [a.kind, a.title]), [[INSERT_MISSING_SECTIONS_KIND, 'Insert all 4 missing required sections']]);
    assert.deepEqual(actionsAt(c, [CodeActionKind.QuickFix]), [], 'no quick fix away from the findings');
    assert.equal(applied(c, source[0]).after, applied(c, one(actionsAt(recordAt(CONTRACT.replace('# Group', '‸# Group')), [CodeActionKind.QuickFix]), /Insert all/)).after);
    assert.deepEqual(actionsAt(c, [CodeActionKind.SourceFixAll]), [], 'never part of fix-all on save');
  });

  it('is no extra quick fix when one required section is missing, and absent when none is', () => {
    const c = recordAt(without('## Session summary').replace('# Session', '‸# Session'));
    const quick = actionsAt(c, [CodeActionKind.QuickFix]);
    assert.deepEqual(titles(quick), [`Add the “${cat().elements.get('note.summary')!.title}” section`]);
    assert.equal(actionsAt(c, [CodeActionKind.Source]).length, 1);
    assert.deepEqual(actionsAt(recordAt(NOTE), [CodeActionKind.Source]), []);
  });
});

describe('code actions: mistyped keys and values, dates', () => {
  // [what, the good text, the mistyped text, the flagged token in it, the fix]
  const cases: Array<[string, string, string, string, RegExp]> = [
    ['a mistyped key', 'phase: middle', 'phsae: middle', 'phsae', /Rename to `phase`/],
    ['a mistyped phase', 'phase: middle', 'phase: midle', 'midle', /Change to `middle`/],
    ['a mistyped record kind', 'record: session-note', 'record: sesion-note', 'sesion-note', /Change to `session-note`/],
    ['a mistyped roster id', '[M01, M02, M03]', '[M01, M02, M3]', 'M3', /Change to `M03`/],
    ['a date written day first', 'date: 2027-02-14', 'date: 14/02/2027', '14/02/2027', /Write the date as 2027-02-14/],
    ['a date written in words', 'date: 2027-02-14', 'date: "February 14, 2027"', '"February 14, 2027"', /Write the date as 2027-02-14/],
  ];
  for (const [name, good, bad, token, title] of cases) {
    for (const nl of ['\n', '\r\n']) {
      it(`replaces exactly ${name}${nl === '\r\n' ? ' (CRLF)' : ''}`, () => {
        const base = nl === '\n' ? NOTE : crlf(NOTE);
        const text = base.replace(good, bad);
        const at = text.indexOf(bad) + bad.indexOf(token);
        const c = recordAt(text.slice(0, at) + '⟨' + token + '⟩' + text.slice(at + token.length));
        const a = one(actionsAt(c), title);
        assert.equal(a.isPreferred, true);
        const es = edits(a);
        assert.equal(es.length, 1);
        const lines = new LineIndex(text);
        assert.deepEqual([lines.offsetAt(es[0].range.start), lines.offsetAt(es[0].range.end)], [at, at + token.length], 'the flagged token, nothing more');
        assert.deepEqual(a.diagnostics?.map((d) => d.range), [es[0].range]);
        const { after, rules } = applied(c, a);
        assert.equal(after, base);
        assert.deepEqual(rules, []);
      });
    }
  }

  it('offers no rename onto a key the front matter already has', () => {
    const c = recordAt(NOTE.replace('phase: middle', 'phase: middle\nphsae: x'));
    assert.ok(c.ctx.findings.some((f) => f.ruleId === 'record.unknown-field'));
    assert.deepEqual(titles(actionsAt(c)).filter((t) => t.startsWith('Rename')), []);
  });

  it('offers only the fixes of findings the range touches', () => {
    const text = NOTE.replace('phase: middle', 'phase: midle').replace('date: 2027-02-14', 'date: 14/02/2027');
    const at = text.indexOf('midle');
    assert.deepEqual(titles(codeActions(contextOf(text), { start: at + 2, end: at + 2 })), ['Change to `middle`']);
    assert.deepEqual(titles(codeActions(contextOf(text), { start: text.indexOf('Family'), end: text.indexOf('Family') })), []);
    const lines = new LineIndex(text);
    const range = { start: lines.positionAt(at), end: lines.positionAt(at) };
    assert.deepEqual(titles(codeActions(contextOf(text), range)), ['Change to `middle`'], 'an LSP range works too');
    assert.deepEqual(codeActions(contextOf(text), { start: at, end: at }, [CodeActionKind.Refactor]), []);
  });
});

describe('code actions: attendance written in the body', () => {
  const noAttendance = NOTE.replace('attendance: { present: [M01, M02, M03], absent: [] }\n', '');
  const withLine = (line: string, base = noAttendance) => base.replace('# Session 6 — Teen Grief Group\n', `# Session 6 — Teen Grief Group\n\n${line}\n`);
  const variants: Array<[string, (s: string) => string]> = [['LF', (s) => s], ['CRLF', crlf], ['a BOM and CRLF', (s) => '\uFEFF' + crlf(s)], ['a BOM', (s) => '\uFEFF' + s]];
  for (const [name, form] of variants) {
    it(`moves a lone Present: line into the front matter (${name}); the finding is exactly the deleted text`, () => {
      const text = form(withLine('Present: M01, M02 and M03.'));
      const c = recordAt(text);
      const f = c.ctx.findings.find((x) => x.ruleId === 'note.attendance')!;
      const line = form('Present: M01, M02 and M03.\n\n');
      assert.equal(text.slice(f.span.start, f.span.end), line.replace(/^\uFEFF/, ''));
      const a = one(actionsAt(c), 'Move this attendance line into the front matter');
      const es = edits(a);
      assert.equal(es.length, 2);
      const lines = new LineIndex(text);
      const deletion = es.find((e) => !e.newText)!;
      assert.deepEqual([lines.offsetAt(deletion.range.start), lines.offsetAt(deletion.range.end)], [f.span.start, f.span.end]);
      const { after, rules } = applied(c, a);
      assert.equal(after, form(NOTE));
      assert.deepEqual(rules, []);
    });
  }

  it('reads absent members after "Absent" and keeps a line with the user\'s own words', () => {
    let c = recordAt(withLine('Present: M01, M02. Absent: M03.'));
    let r = applied(c, one(actionsAt(c), /Move this attendance line/));
    assert.match(r.after, /\nattendance: \{ present: \[M01, M02\], absent: \[M03\] \}\n---\n/);
    assert.ok(!r.after.includes('Present: M01'));

    c = recordAt(withLine('Present: M01, M02, M03; M02 arrived late.'));
    const a = one(actionsAt(c), 'Record this attendance in the front matter');
    assert.ok(edits(a).every((e) => e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character), 'only inserts');
    r = applied(c, a);
    assert.ok(r.after.includes('Present: M01, M02, M03; M02 arrived late.'));
    assert.deepEqual(r.rules, []);
  });

  it('records an Attendance section in the front matter without deleting it', () => {
    const c = recordAt(withLine('## Attendance\n\nPresent: M01, M02, M03. No apologies.\n'));
    const r = applied(c, one(actionsAt(c), 'Record this attendance in the front matter'));
    assert.equal(r.after, withLine('## Attendance\n\nPresent: M01, M02, M03. No apologies.\n', NOTE));
    assert.deepEqual(r.rules, []);
  });

  it('adds the attendance field when the note has none', () => {
    const c = recordAt(noAttendance);
    const r = applied(c, one(actionsAt(c), 'Add `attendance` to the front matter'));
    assert.match(r.after, /\nattendance: \{ present: \[M01\], absent: \[\] \}\n---\n/);
    assert.ok(!r.rules.includes('note.attendance'));
  });
});

describe('code actions: review annotations', () => {
  it('resolves an open review by changing only its marker', () => {
    const text = NOTE.replace('## Session summary', '> [!REVIEW] @kchen 2027-03-09\n> Please add more detail.\n\n## Session summary');
    const c = recordAt(text.replace('@kchen', '‸@kchen'));
    const a = one(actionsAt(c), 'Mark this review resolved');
    const r = applied(c, a);
    assert.equal(r.after, text.replace('[!REVIEW]', '[!RESOLVED]'));
    assert.deepEqual(r.rules, []);
  });
});

describe('code actions: diagnostics', () => {
  it('name the published diagnostic: code, link, source, severity, data', () => {
    const c = recordAt(without('## Group dynamics'), { docsBase: 'file:///pkg/docs/rules' });
    const [a] = actionsAt(c);
    const d = a.diagnostics![0];
    assert.equal(d.code, 'note.dynamics');
    assert.equal(d.source, 'group-records');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(d.codeDescription?.href, 'file:///pkg/docs/rules/note.dynamics.md');
    assert.deepEqual(d.data, { ruleId: 'note.dynamics', cite: ['IV.A.2'], level: 'required' });
    assert.deepEqual(d, toDiagnostic(c.ctx.findings[0], c.ctx.rec.lines, 'file:///pkg/docs/rules'));
  });

  it('reuse the diagnostics the request sent', () => {
    const c = recordAt(without('## Group dynamics'));
    const sent = toDiagnostic(c.ctx.findings[0], c.ctx.rec.lines, undefined);
    const [a] = codeActions(c.ctx, c.range, undefined, [{ ...sent }]);
    assert.notEqual(a.diagnostics![0], sent);
    assert.deepEqual(a.diagnostics![0], sent);
    const copy = { ...sent };
    assert.equal(codeActions(c.ctx, c.range, undefined, [copy])[0].diagnostics![0], copy);
  });

  it('carry related information in other files through the resolver', () => {
    const f = { ruleId: 'group.mismatch', severity: 'error' as const, span: { start: 5, end: 9 }, message: 'm', related: [{ file: '/w/a/group.yaml', span: { start: 0, end: 2 }, message: 'the profile of this folder' }, { file: '/w/unknown.yaml', message: 'x' }, { message: 'here', span: { start: 1, end: 2 } }] };
    const lines = new LineIndex('0123456789\nabc');
    const d = toDiagnostic(f, lines, 'file:///d/', { self: 'file:///w/r.md', file: (p) => (p === '/w/a/group.yaml' ? { uri: 'file:///w/a/group.yaml', lines: new LineIndex('id: x\n') } : undefined) });
    assert.deepEqual(d.relatedInformation, [
      { location: { uri: 'file:///w/a/group.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } } }, message: 'the profile of this folder' },
      { location: { uri: 'file:///w/r.md', range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } } }, message: 'here' },
    ]);
    assert.equal(toDiagnostic(f, lines, undefined).relatedInformation, undefined);
    assert.equal(toDiagnostic({ ...f, severity: 'hint' }, lines, undefined).severity, DiagnosticSeverity.Hint);
  });
});

describe('code actions: never throw', () => {
  it('drops fixes whose edits are out of bounds or overlap, and survives a broken context', () => {
    const c = recordAt(NOTE);
    const bad = [
      { ruleId: 'x.a', severity: 'error' as const, span: { start: 0, end: 5 }, message: 'a', fixes: [{ title: 'out', edits: [{ start: 0, end: NOTE.length + 5, newText: '' }] }] },
      { ruleId: 'x.b', severity: 'error' as const, span: { start: 0, end: 5 }, message: 'b', fixes: [{ title: 'overlap', edits: [{ start: 0, end: 4, newText: 'a' }, { start: 2, end: 6, newText: 'b' }] }] },
      { ruleId: 'x.c', severity: 'error' as const, span: { start: 0, end: 5 }, message: 'c', fixes: [{ title: 'ok', edits: [{ start: 0, end: 0, newText: 'x' }] }] },
    ];
    assert.deepEqual(titles(codeActions({ ...c.ctx, findings: bad }, { start: 0, end: 0 })), ['ok']);
    assert.deepEqual(codeActions({ ...c.ctx, rec: undefined as never }, { start: 0, end: 0 }), []);
    const crlfText = crlf(NOTE);
    const split = { ruleId: 'x.d', severity: 'error' as const, span: { start: 0, end: 5 }, message: 'd', fixes: [{ title: 'mid-CRLF', edits: [{ start: crlfText.indexOf('\r\n') + 1, end: crlfText.indexOf('\r\n') + 1, newText: 'x' }] }] };
    assert.deepEqual(codeActions({ ...recordAt(crlfText).ctx, findings: [split] }, { start: 0, end: 0 }), []);
  });
});
