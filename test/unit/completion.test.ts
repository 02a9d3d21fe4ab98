import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver';
import { completions, COMPLETION_TRIGGERS } from '../../server/src/features/completion';
import { localToday } from '../../server/src/core/dates';
import { LineIndex } from '../../server/src/core/text';
import { applyItem, at, labels, NAMED_GROUP, replaced } from '../featureHelpers';

/** Cursor marker: `|` (see test/featureHelpers.ts). */
const TODAY = '2027-03-15';
const complete = (source: string, opts: Parameters<typeof at>[1] = {}) => {
  const c = at(source, opts);
  return { ...c, items: completions(c.ctx, c.offset, { today: TODAY }) };
};
const find = (items: CompletionItem[], label: string) => {
  const it = items.find((i) => i.label === label);
  assert.ok(it, `no item ${label} in ${labels(items).join(', ')}`);
  return it;
};
const NAMES = /Alice|Bobson|Carl|Dobbins|Erin|Fox/;

const NOTE = (fm: string, body = '# Session 3\n\n## Session summary\n\nWe met.\n') => `---\nrecord: session-note\n${fm}---\n${body}`;

describe('completion: front-matter keys', () => {
  it('offers the keys a session note may have that are not there yet, with their meaning', () => {
    const { items } = complete(NOTE('date: 2027-03-14\n|\n'));
    const l = labels(items);
    for (const k of ['session', 'phase', 'attendance', 'format', 'status', 'group', 'author', 'summary', 'next_steps']) assert.ok(l.includes(k), k);
    assert.ok(!l.includes('record') && !l.includes('date'), 'present keys are not offered again');
    const phase = find(items, 'phase');
    assert.match(String((phase.documentation as { value: string }).value), /beginning.*middle.*ending/s);
    assert.equal((phase.textEdit as TextEdit).newText, 'phase: ');
    assert.equal(phase.command?.command, 'editor.action.triggerSuggest');
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
    assert.ok(sorted.indexOf('session') < sorted.indexOf('group') && sorted.indexOf('group') < sorted.indexOf('summary') && sorted.indexOf('summary') < sorted.indexOf('approved_by'));
  });

  it('offers only the keys of the record kind: no session fields in a contract, its own element fields', () => {
    const l = labels(complete('---\nrecord: contract\n|\n---\n').items);
    assert.ok(!l.includes('session') && !l.includes('phase') && !l.includes('attendance'));
    assert.ok(l.includes('purpose') && l.includes('goals') && l.includes('date'));
  });

  it('puts `record` first when the kind is not written yet', () => {
    const items = complete('---\n|\n---\n').items;
    const first = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!))[0];
    assert.equal(first.label, 'record');
  });

  it('completes a half-typed key replacing only what was typed, though the YAML does not parse', () => {
    const c = complete(NOTE('date: 2027-03-14\nph|\nsession: 3\n'));
    assert.ok(c.ctx.rec.yaml?.problems.length, 'the half-typed key breaks the YAML');
    const phase = find(c.items, 'phase');
    assert.equal(replaced(c.text, phase), 'ph');
    assert.match(applyItem(c.text, phase), /\nphase: \nsession: 3\n/);
    assert.ok(!labels(c.items).includes('session'), 'keys written on other lines still count as present');
    assert.ok(labels(c.items).includes('attendance'), 'the kind is read from the record: line');
  });

  it('inserts only the key before an existing colon', () => {
    const c = complete(NOTE('date: 2027-03-14\nsta|: draft\n'));
    const st = find(c.items, 'status');
    assert.equal((st.textEdit as TextEdit).newText, 'status');
    assert.equal(applyItem(c.text, st).split('\n')[3], 'status: draft');
  });

  it('inserts attendance as a snippet that asks for member ids', () => {
    const a = find(complete(NOTE('|\n')).items, 'attendance');
    assert.equal(a.insertTextFormat, InsertTextFormat.Snippet);
    assert.match((a.textEdit as TextEdit).newText, /^attendance: \{ present: \[\$1\], absent: \[\$2\] \}$/);
  });

  it('offers nothing in the middle of a key or on the opening fence', () => {
    assert.deepEqual(complete(NOTE('sta|tus: draft\n')).items, []);
    assert.deepEqual(complete('-|--\nrecord: plan\n---\n').items, []);
  });
});

describe('completion: front-matter values', () => {
  it('offers record kinds, phases, formats and statuses', () => {
    assert.deepEqual(labels(complete('---\nrecord: |\n---\n').items), ['plan', 'contract', 'session-note', 'ending-summary']);
    assert.deepEqual(labels(complete(NOTE('phase: |\n')).items), ['beginning', 'middle', 'ending']);
    assert.deepEqual(labels(complete(NOTE('format: |\n')).items), ['narrative', 'girp', 'dap', 'soap', 'birp']);
    assert.deepEqual(labels(complete(NOTE('status: |\n')).items), ['draft', 'submitted', 'approved']);
    const kinds = complete('---\nrecord: |\n---\n').items;
    assert.match(String((find(kinds, 'contract').documentation as { value: string }).value), /Section III/);
  });

  it('replaces only the typed part of a value and adds the space a bare colon lacks', () => {
    const c = complete(NOTE('phase: mi|\n'));
    const m = find(c.items, 'middle');
    assert.equal(replaced(c.text, m), 'mi');
    assert.match(applyItem(c.text, m), /\nphase: middle\n/);
    const d = complete(NOTE('status:|\n'));
    assert.match(applyItem(d.text, find(d.items, 'draft')), /\nstatus: draft\n/);
  });

  it('preselects the beginning phase for session 1', () => {
    const it = find(complete(NOTE('session: 1\nphase: |\n')).items, 'beginning');
    assert.equal(it.preselect, true);
  });

  it('offers the workspace group ids, this folder\'s first', () => {
    const items = complete(NOTE('group: |\n'), { workspace: { groupIds: ['other-group', 'fixture-group'] } }).items;
    assert.deepEqual(labels(items), ['other-group', 'fixture-group']);
    assert.equal(find(items, 'fixture-group').preselect, true);
  });

  it('offers today and the next session date for `date`, today for `approved_on`', () => {
    const items = complete(NOTE('date: |\n'), { workspace: { nextSessionDate: '2027-03-21' } }).items;
    assert.deepEqual(labels(items), ['2027-03-21', TODAY]);
    assert.equal(find(items, '2027-03-21').preselect, true);
    assert.deepEqual(labels(complete(NOTE('approved_on: 2027-|\n')).items), [TODAY]);
    const c = complete(NOTE('date: 2027-|\n'));
    assert.equal(replaced(c.text, c.items[0]), '2027-');
  });

  it('offers the next session number', () => {
    assert.deepEqual(labels(complete(NOTE('session: |\n'), { workspace: { nextSession: 4 } }).items), ['4']);
    assert.deepEqual(complete(NOTE('session: |\n')).items, []);
  });

  it('offers the group\'s workers as authors', () => {
    const items = complete(NOTE('author: |\n'), { group: NAMED_GROUP }).items;
    assert.deepEqual(labels(items), ['J. Rivera, MSW', 'K. Chen']);
  });

  it('uses the local date when no date is given', () => {
    assert.match(localToday(), /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(localToday(new Date(2027, 0, 5)), '2027-01-05');
  });
});

describe('completion: member ids', () => {
  it('offers roster ids in a flow attendance list, not those already listed, and never names', () => {
    const c = complete(NOTE('attendance: { present: [M01, |] }\n'), { group: NAMED_GROUP });
    assert.deepEqual(labels(c.items), ['M02', 'M03']);
    const m2 = find(c.items, 'M02');
    assert.match(m2.detail!, /C\.D\..*joined 2027-03-07/);
    assert.equal(m2.labelDetails?.description, 'C.D.');
    assert.doesNotMatch(JSON.stringify(c.items), NAMES);
    assert.equal(applyItem(c.text, m2).split('\n')[2], 'attendance: { present: [M01, M02] }');
  });

  it('completes a typed id prefix and the absent list', () => {
    const c = complete(NOTE('attendance: { present: [M01], absent: [M0|] }\n'));
    assert.deepEqual(labels(c.items), ['M02', 'M03']);
    assert.equal(replaced(c.text, c.items[0]), 'M0');
  });

  it('offers ids in a block attendance list', () => {
    const c = complete(NOTE('attendance:\n  present:\n    - M02\n    - |\n  absent: []\n'));
    assert.deepEqual(labels(c.items), ['M01', 'M03']);
    const flowMultiline = complete(NOTE('attendance:\n  present: [M03,\n    |]\n'));
    assert.deepEqual(labels(flowMultiline.items), ['M01', 'M02']);
  });

  it('orders members who had left, or not yet joined, on the note\'s date last', () => {
    const items = complete(NOTE('date: 2027-03-14\nattendance: { present: [|] }\n'), { group: NAMED_GROUP }).items;
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
    assert.deepEqual(sorted, ['M01', 'M02', 'M03']);
    assert.ok(find(items, 'M03').sortText!.startsWith('1'), 'M03 left on 2027-02-21');
  });

  it('offers ids after @ in the body, replacing only what follows the @', () => {
    const c = complete(NOTE('', '# Session 3\n\n## Session summary\n\n@M0|\n'), { group: NAMED_GROUP });
    assert.deepEqual(labels(c.items), ['M01', 'M02', 'M03']);
    assert.equal(replaced(c.text, c.items[0]), 'M0');
    assert.doesNotMatch(JSON.stringify(c.items), NAMES);
    const bare = complete(NOTE('', 'We met. @|'));
    assert.deepEqual(labels(bare.items), ['M01', 'M02', 'M03']);
  });

  it('does not treat an e-mail address or code as a mention', () => {
    assert.deepEqual(complete(NOTE('', 'Write to someone@|')).items, []);
    assert.deepEqual(complete(NOTE('', '```\n@|\n```\n')).items, []);
  });

  it('offers no ids without a group profile', () => {
    assert.deepEqual(complete(NOTE('attendance: { present: [|] }\n'), { group: null }).items, []);
  });
});

describe('completion: goal ids', () => {
  const goals = [
    { id: 'G1', start: 0, end: 2, text: 'Members share coping strategies.' },
    { id: 'M01-G1', member: 'M01', start: 0, end: 6, text: 'Attend five sessions.' },
  ];

  it('offers the contract\'s goals after #, with their text', () => {
    const c = complete(NOTE('', '# S\n\n## Progress toward goals\n\nWork on #|\n'), { workspace: { goals } });
    assert.deepEqual(labels(c.items), ['G1', 'M01-G1']);
    assert.equal(find(c.items, 'G1').detail, 'Members share coping strategies.');
    const typed = complete(NOTE('', 'Work on #M01-|\n'), { workspace: { goals } });
    assert.equal(replaced(typed.text, typed.items[0]), 'M01-');
  });

  it('offers a contract its own goals as written', () => {
    const c = complete('---\nrecord: contract\n---\n## Goals\n\n- G1: Share coping strategies.\n- G2: Plan a closing event.\n\nSee #|\n');
    assert.deepEqual(labels(c.items), ['G1', 'G2']);
  });

  it('offers goal ids and missing sections for a `#` at the start of a line', () => {
    const c = complete(NOTE('session: 3\nphase: middle\n', '# S\n\n#|'), { workspace: { goals } });
    const l = labels(c.items);
    assert.ok(l.includes('G1') && l.includes('Next steps'), l.join(', '));
    assert.equal(replaced(c.text, find(c.items, 'G1')), '');
    assert.equal(replaced(c.text, find(c.items, 'Next steps')), '#');
  });

  it('is not triggered by entities, URL fragments or code', () => {
    for (const src of ['&#|', 'http://x/#|', '`#|`']) assert.deepEqual(complete(NOTE('', src), { workspace: { goals } }).items, [], src);
  });
});

describe('completion: missing sections', () => {
  it('offers the elements this note still lacks, required first, excluding present ones', () => {
    const c = complete(NOTE('date: 2027-03-14\nsession: 3\nphase: middle\n', '# Session 3\n\n## Session summary\n\nWe met.\n\n|\n'));
    const l = labels(c.items);
    assert.ok(!l.includes('Session summary'), 'present sections are not offered');
    assert.ok(!l.includes('Attendance'), 'attendance lives in the front matter');
    assert.ok(!l.includes('Cohesion and linking members'), 'cohesion is asked for in the beginning phase only');
    assert.ok(!l.includes('Contracting'), 'contracting is asked for in session 1 only');
    const sorted = [...c.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
    assert.deepEqual(sorted.slice(0, 3), ['Group dynamics', 'Progress toward goals', 'Next steps']);
    assert.ok(sorted.includes('Difficulties and obstacles'));
    const dyn = find(c.items, 'Group dynamics');
    assert.equal(dyn.insertTextFormat, InsertTextFormat.Snippet);
    assert.match(dyn.detail!, /required because this is a middle-phase session/);
    assert.match((dyn.textEdit as TextEdit).newText, /^## Group dynamics\n\n\$\{1:/);
    assert.equal(replaced(c.text, dyn), '');
  });

  it('counts an element written as a front-matter field as present', () => {
    const l = labels(complete(NOTE('session: 3\nphase: middle\nnext_steps: Meet again.\n', '# S\n\n|\n')).items);
    assert.ok(!l.includes('Next steps') && l.includes('Session summary'));
  });

  it('uses the heading level of the record\'s sections', () => {
    const c = complete(NOTE('session: 3\nphase: middle\n', '# Session 3\n\n### Session summary\n\nWe met.\n\n|'));
    assert.match((find(c.items, 'Next steps').textEdit as TextEdit).newText, /^### Next steps\n/);
    const flat = complete('---\nrecord: contract\n---\n# Purpose\n\nWhy.\n\n|\n');
    assert.match((find(flat.items, 'Tasks to be accomplished').textEdit as TextEdit).newText, /^# Tasks/);
  });

  it('replaces a typed `##` or word, filtering by what was typed', () => {
    const c = complete(NOTE('session: 3\nphase: middle\n', '# Session 3\n\n## Session summary\n\nWe met.\n\n## Ne|\n'));
    const next = find(c.items, 'Next steps');
    assert.equal(replaced(c.text, next), '## Ne');
    assert.ok(next.filterText!.startsWith('## Next'));
    assert.match(applyItem(c.text, next), /\n\n## Next steps\n\n\$\{1:/);
    const w = complete(NOTE('session: 3\nphase: middle\n', '# Session 3\n\nNe|'));
    assert.equal(replaced(w.text, find(w.items, 'Next steps')), 'Ne');
    assert.equal(find(w.items, 'Next steps').filterText, 'Next steps');
  });

  it('separates the new section from paragraphs around it', () => {
    const c = complete(NOTE('session: 3\nphase: middle\n', '# Session 3\nWe met.\n|\nMore text.\n'));
    const t = (find(c.items, 'Next steps').textEdit as TextEdit).newText;
    assert.ok(t.startsWith('\n## Next steps') && t.endsWith('\n'), JSON.stringify(t));
  });

  it('offers the conditional elements a group profile makes required', () => {
    const l = labels(complete('---\nrecord: contract\n---\n# Contract\n\n## Group purpose\n\nWhy.\n\n|\n', { group: NAMED_GROUP }).items);
    for (const t of ['Membership', 'Mandated participation', 'Electronic participation']) assert.ok(l.includes(t), t);
    const none = labels(complete('---\nrecord: contract\n---\n|\n').items);
    assert.ok(!none.includes('Mandated participation') && !none.includes('Electronic participation'));
  });

  it('offers a structured note\'s own sections first, and not the narrative ones it replaces', () => {
    const c = complete(NOTE('session: 3\nphase: middle\nformat: girp\n', '# Session 3\n\n## Goal\n\nX.\n\n|'));
    const sorted = [...c.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
    assert.deepEqual(sorted, ['Intervention', 'Response', 'Plan']);
  });

  it('writes the document\'s own line breaks (CRLF)', () => {
    const c = complete(NOTE('session: 3\nphase: middle\n', '# Session 3\n\n## Session summary\n\nWe met.\n\n|\n').replace(/\n/g, '\r\n'));
    const t = (find(c.items, 'Next steps').textEdit as TextEdit).newText;
    assert.match(t, /^## Next steps\r\n\r\n\$\{1:/);
    assert.doesNotMatch(t.replace(/\r\n/g, ''), /\n/);
  });

  it('still offers sections when the front matter YAML is broken', () => {
    const c = complete('---\nrecord: session-note\nphase: middle\nsession: [3\n---\n# Session 3\n\n## Session summary\n\nWe met.\n\n|\n');
    assert.ok(c.ctx.rec.yaml?.problems.length);
    const l = labels(c.items);
    assert.ok(l.includes('Group dynamics') && !l.includes('Session summary'), l.join(', '));
  });

  it('offers nothing in prose, inside code, or when every section is there', () => {
    assert.deepEqual(complete(NOTE('', 'We met and |')).items, []);
    assert.deepEqual(complete(NOTE('', '```\n|\n```\n')).items, []);
    assert.deepEqual(complete('---\ntitle: not a record\n---\n|\n').items, []);
  });
});

describe('completion: review annotations', () => {
  const ws = { workspace: { reviewers: ['kchen', 'jrivera'] } };

  it('offers review markers after `> `', () => {
    const c = complete(NOTE('', '# S\n\n> |'), ws);
    const l = labels(c.items);
    assert.ok(l.includes(`[!REVIEW] @kchen ${TODAY}`) && l.includes(`[!REVIEW] @jrivera ${TODAY}`) && l.includes('[!RESOLVED]'));
    const k = find(c.items, `[!REVIEW] @kchen ${TODAY}`);
    assert.equal((k.textEdit as TextEdit).newText, `[!REVIEW] @kchen ${TODAY} $0`);
    assert.equal(k.insertTextFormat, InsertTextFormat.Snippet);
    assert.match(String((k.documentation as { value: string }).value), /\[!RESOLVED\]/);
  });

  it('adds the space after a bare `>` and replaces a typed `[!RE`', () => {
    const bare = complete(NOTE('', '>|'), ws);
    assert.ok((find(bare.items, '[!RESOLVED]').textEdit as TextEdit).newText.startsWith(' [!RESOLVED]'));
    const typed = complete(NOTE('', '> [!RE|'), ws);
    assert.equal(replaced(typed.text, find(typed.items, '[!RESOLVED]')), '[!RE');
    assert.deepEqual(complete(NOTE('', '> Quoted |'), ws).items, []);
  });

  it('offers reviewers after the marker\'s `@`', () => {
    const c = complete(NOTE('', '> [!REVIEW] @k|'), ws);
    assert.deepEqual(labels(c.items), ['kchen', 'jrivera']);
    assert.equal(replaced(c.text, c.items[0]), 'k');
  });
});

describe('completion: awkward documents', () => {
  it('handles a BOM and CRLF', () => {
    const c = complete('\uFEFF---\r\nrecord: session-note\r\nph|\r\n---\r\n');
    assert.equal(replaced(c.text, find(c.items, 'phase')), 'ph');
    const pos = (find(c.items, 'phase').textEdit as TextEdit).range.start;
    assert.deepEqual(pos, { line: 2, character: 0 });
  });

  it('handles the cursor at the very end of the file, with no final line break', () => {
    const c = complete(NOTE('', '# S\n\nSee @|'), { group: NAMED_GROUP });
    assert.deepEqual(labels(c.items), ['M01', 'M02', 'M03']);
    const unclosed = complete('---\nrecord: session-note\nph|');
    assert.ok(labels(unclosed.items).includes('phase'));
  });

  it('never throws, whatever the offset or text', () => {
    const { ctx } = at('---\nrecord: [\n|');
    for (const o of [-5, 0, 3, 1e9, NaN, 2.5]) assert.ok(Array.isArray(completions(ctx, o)));
    assert.deepEqual(completions(at('|').ctx, 0), []);
  });

  it('every edit replaces only the token before the cursor (property)', () => {
    const docs = [
      NOTE('date: 2027-03-14\nsession: 3\nphase: middle\nattendance:\n  present: [M01, M02]\n  absent:\n    - M03\n', '# Session 3\n\n## Session summary\n\n@M01 worked on #G1.\n\n> [!REVIEW] @kchen 2027-03-15 Say more.\n\n## \n\nNe\n'),
      '\uFEFF---\r\nrecord: contract\r\nsta\r\n---\r\n# Contract\r\n\r\n## Goals\r\n\r\n- G1: Share.\r\n\r\n> [!RE\r\n#\r\n',
    ];
    const goals = [{ id: 'G1', start: 0, end: 2, text: 'Share.' }];
    for (const doc of docs) {
      const { ctx } = at(doc + '|', { workspace: { reviewers: ['kchen'], goals, nextSession: 4 } });
      const lines = new LineIndex(ctx.rec.text);
      fc.assert(fc.property(fc.integer({ min: 0, max: ctx.rec.text.length }), (offset) => {
        for (const it of completions(ctx, offset, { today: TODAY })) {
          const r = (it.textEdit as TextEdit).range;
          const cursor = lines.positionAt(Math.min(offset, lines.lineEnd(lines.lineOf(offset))));
          assert.deepEqual(r.end, cursor, 'the edit ends at the cursor');
          assert.equal(r.start.line, cursor.line, 'the edit stays on the cursor line');
          const typed = ctx.rec.text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end));
          assert.match(typed, /^[\w#.\[!\\ -]*$/, `replaces only a typed token: ${JSON.stringify(typed)}`);
        }
      }), { numRuns: 300 });
    }
  });

  it('registers the trigger characters the items need', () => {
    assert.deepEqual([...COMPLETION_TRIGGERS].sort(), [',', '#', '>', '@', '['].sort());
  });
});
