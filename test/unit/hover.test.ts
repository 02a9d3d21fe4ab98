import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { hover } from '../../server/src/features/hover';
import { at, NAMED_GROUP } from '../featureHelpers';

/** Cursor marker: `|` (see test/featureHelpers.ts). */
const DOCS = 'file:///pkg/docs/rules/';
const hoverAt = (source: string, opts: Parameters<typeof at>[1] = {}) => {
  const c = at(source, opts);
  const h = hover(c.ctx, c.offset, { docsBase: DOCS });
  return { ...c, h, md: h ? (h.contents as MarkupContent).value : '' };
};
const covered = (text: string, h: Hover | null) => {
  assert.ok(h?.range, 'the hover has a range');
  const lines = text.split(/\r\n|\n/);
  assert.equal(h.range.start.line, h.range.end.line);
  return lines[h.range.start.line].slice(h.range.start.character, h.range.end.character);
};
const NAMES = /Alice|Bobson|Carl|Dobbins|Erin|Fox/;
const NOTE = (fm: string, body: string) => `---\nrecord: session-note\n${fm}---\n${body}`;

describe('hover: element headings', () => {
  it('says what the standard asks, the citation, the level and why it applies here', () => {
    const { md, h, text } = hoverAt(NOTE('date: 2027-03-14\nsession: 3\nphase: middle\n', '# Session 3\n\n## Group dyn|amics\n\nM01 and M02 disagreed.\n'));
    assert.match(md, /\*\*Group dynamics\*\* · `note\.dynamics` · IV\.A\.2/);
    assert.match(md, /\*\*Required\*\* here because this is a middle-phase session\./);
    assert.match(md, /mutual aid/i, 'the paraphrased guidance');
    assert.match(md, /This depends on: phase: middle/);
    assert.match(md, /✓ This section has content/);
    assert.ok(md.includes(`](${DOCS}note.dynamics.md)`), 'links to the rule doc');
    assert.equal(covered(text, h), '## Group dynamics');
  });

  it('gives the weaker level of another phase, and says so for an empty section', () => {
    const { md } = hoverAt(NOTE('session: 3\nphase: beginning\n', '# S\n\n## |Group dynamics\n\nTBD\n\n## Next steps\n\nX.\n'));
    assert.match(md, /\*\*Recommended\*\* for this record\./);
    assert.match(md, /⚠ This section has no real content yet/);
  });

  it('says an element applies to every record of its kind when it has no condition', () => {
    assert.match(hoverAt('---\nrecord: contract\n---\n# Contract\n\n## Group pur|pose\n\nWhy.\n\n## Tasks\n\nT.\n').md, /\*\*Required\*\* in every group contract\./);
  });

  it('covers every element a heading names', () => {
    const { md } = hoverAt('---\nrecord: contract\n---\n# C\n\n## Goals and |tasks\n\nX.\n');
    assert.match(md, /contract\.goals/);
    assert.match(md, /contract\.tasks/);
  });

  it('reads the group facts a conditional element depends on', () => {
    const { md } = hoverAt('---\nrecord: contract\n---\n# C\n\n## Electronic |participation\n\nZoom.\n', { group: NAMED_GROUP });
    assert.match(md, /\*\*Required\*\* here because the group meets online/);
    assert.match(md, /modality: online/);
    const none = hoverAt('---\nrecord: contract\n---\n# C\n\n## Electronic |participation\n\nZoom.\n', { group: null }).md;
    assert.match(none, /Not asked for in this record\./);
    assert.match(none, /no group profile found/);
  });

  it('names a new member by id only', () => {
    const { md } = hoverAt(NOTE('date: 2027-03-07\nsession: 5\nphase: middle\nattendance: { present: [M01, M02] }\n', '# S\n\n## Orientation of |new members\n\nWelcomed.\n'), { group: NAMED_GROUP });
    assert.match(md, /joining at this session: M02/);
    assert.doesNotMatch(md, NAMES);
  });

  it('explains a structured format\'s sections and the elements it replaces', () => {
    const girp = hoverAt(NOTE('session: 3\nphase: middle\nformat: girp\n', '# S\n\n## Resp|onse\n\nX.\n')).md;
    assert.match(girp, /\*\*Response\*\* — a section of the GIRP/);
    assert.match(girp, /note\.dynamics/);
    const replaced = hoverAt(NOTE('session: 3\nphase: middle\nformat: soap\n', '# S\n\n## Focus of |this session\n\nX.\n')).md;
    assert.match(replaced, /Not asked for here: the SOAP .* format replaces it\./);
  });

  it('shows nothing on the title or on a heading that names no element', () => {
    assert.equal(hoverAt(NOTE('', '# Sess|ion 3\n\n## Next steps\n\nX.\n')).h, null);
    assert.equal(hoverAt(NOTE('', '# S\n\n## Mis|c\n\nX.\n')).h, null);
  });

  it('matches headings itself when the YAML is broken', () => {
    const { md } = hoverAt('---\nrecord: session-note\nphase: middle\nsession: [3\n---\n# S\n\n## Next |steps\n\nX.\n');
    assert.match(md, /note\.next-steps/);
  });

  it('takes the docs base from the context when not given', () => {
    const c = at(NOTE('', '## Next st|eps\n\nX.\n'));
    const none = hover(c.ctx, c.offset)!;
    assert.doesNotMatch((none.contents as MarkupContent).value, /\]\(/, 'no link without a docs base');
    const linked = hover({ ...c.ctx, docsBase: 'file:///x/' }, c.offset)!;
    assert.ok((linked.contents as MarkupContent).value.includes('(file:///x/note.next-steps.md)'));
  });

  it('works on bold labels', () => {
    const { md, h, text } = hoverAt(NOTE('', '**Sum|mary:** We met.\n'));
    assert.match(md, /note\.summary/);
    assert.equal(covered(text, h), '**Summary:**');
  });
});

describe('hover: front matter', () => {
  it('explains a key with its allowed values', () => {
    const { md, h, text } = hoverAt(NOTE('sta|tus: draft\n', ''));
    assert.match(md, /\*\*status\*\* — draft \(default\)/);
    assert.match(md, /Values: `draft` · `submitted` · `approved`/);
    assert.equal(covered(text, h), 'status');
    assert.match(hoverAt(NOTE('pha|se: middle\n', '')).md, /Session notes only/);
    assert.match(hoverAt(NOTE('da|te: 2027-01-01\n', '')).md, /YYYY-MM-DD/);
  });

  it('explains an element field and links its rule', () => {
    const { md } = hoverAt('---\nrecord: contract\npur|pose: To share.\n---\n');
    assert.match(md, /Satisfies “Group purpose” \(III\.A\.1\)/);
    assert.ok(md.includes(`${DOCS}contract.purpose.md`));
  });

  it('explains a record kind value', () => {
    const { md, h, text } = hoverAt('---\nrecord: session-n|ote\n---\n');
    assert.match(md, /\*\*session-note\*\* — Session note/);
    assert.equal(covered(text, h), 'session-note');
  });

  it('describes the group a `group:` value names, without its members', () => {
    const { md, h, text } = hoverAt(NOTE('group: named-gr|oup\n', ''), { group: NAMED_GROUP });
    assert.match(md, /\*\*named-group\*\* — Named Group\n\nsupport · online · open-ended · 3 members · 2 workers/);
    assert.doesNotMatch(md, NAMES);
    assert.equal(covered(text, h), 'named-group');
  });

  it('shows nothing on an unknown key, and still explains keys when the YAML is broken', () => {
    assert.equal(hoverAt(NOTE('colou|r: red\n', '')).h, null);
    const broken = hoverAt('---\nrecord: session-note\nses|sion: [3\n---\n');
    assert.ok(broken.ctx.rec.yaml?.problems.length);
    assert.match(broken.md, /\*\*session\*\* — The session number/);
  });
});

describe('hover: member ids', () => {
  it('shows initials, dates, mandate, consent and needs in attendance — never the name', () => {
    const { md, h, text } = hoverAt(NOTE('date: 2027-03-14\nattendance: { present: [M01, M0|2] }\n', ''), { group: NAMED_GROUP });
    assert.match(md, /\*\*M02\*\* · C\.D\./);
    assert.match(md, /Joined: 2027-03-07/);
    assert.match(md, /Mandated: yes/);
    assert.match(md, /Consent: 2027-03-01/);
    assert.match(md, /Needs: none listed/);
    assert.doesNotMatch(md, NAMES);
    assert.equal(covered(text, h), 'M02');
    const m1 = hoverAt(NOTE('attendance:\n  present:\n    - M0|1\n', ''), { group: NAMED_GROUP }).md;
    assert.match(m1, /Needs: interpreter-spanish/);
    assert.doesNotMatch(m1, NAMES);
  });

  it('shows when a member left, and a missing consent', () => {
    const { md } = hoverAt(NOTE('date: 2027-03-14\nattendance: { absent: [M|03] }\n', ''), { group: NAMED_GROUP });
    assert.match(md, /Left: 2027-02-21/);
    assert.match(md, /no consent date recorded — needed before a session they attend/);
  });

  it('says when an attendance id is not in the roster', () => {
    assert.match(hoverAt(NOTE('attendance: { present: [M0|9] }\n', '')).md, /\*\*M09\*\* is not in the roster of `fixture-group`/);
    assert.equal(hoverAt(NOTE('attendance: { pres|ent: [M01] }\n', '')).h, null);
  });

  it('works on @M01 and on a bare roster id in the body', () => {
    const at1 = hoverAt(NOTE('', '# S\n\nToday @M0|1 spoke.\n'), { group: NAMED_GROUP });
    assert.match(at1.md, /\*\*M01\*\* · A\.B\./);
    assert.equal(covered(at1.text, at1.h), '@M01');
    assert.doesNotMatch(at1.md, NAMES);
    assert.match(hoverAt(NOTE('', 'Today M0|2 spoke.\n'), { group: NAMED_GROUP }).md, /C\.D\./);
    assert.match(hoverAt(NOTE('', 'Today @M|7 spoke.\n')).md, /not in the roster/);
    assert.equal(hoverAt(NOTE('', 'Today Q|7 spoke.\n')).h, null, 'a bare word that is not an id');
    assert.equal(hoverAt(NOTE('', '`M0|1`\n')).h, null, 'not in code');
  });
});

describe('hover: goals and reviews', () => {
  const goals = [{ id: 'G1', start: 30, end: 32, text: 'Members share coping strategies.' }];

  it('shows a goal\'s text and where it is defined', () => {
    const { md, h, text } = hoverAt(NOTE('', 'Worked on #G|1 today.\n'), { workspace: { goals, contractUri: 'file:///g/contract.md' } });
    assert.match(md, /\*\*G1\*\* — group goal\n\nMembers share coping strategies\./);
    assert.match(md, /Defined in \[the group's contract\]\(file:\/\/\/g\/contract\.md\)/);
    assert.equal(covered(text, h), '#G1');
  });

  it('says so when a goal is not defined', () => {
    assert.match(hoverAt(NOTE('', 'Worked on #M01-G|4.\n'), { workspace: { goals } }).md, /\*\*M01-G4\*\* — no goal with this id.*goals\.unknown/);
  });

  it('finds a contract\'s own goals by line', () => {
    const { md } = hoverAt('---\nrecord: contract\n---\n## Goals\n\n- G1: Share.\n- M02-G1: Attend.\n\nSee #M02-G|1.\n');
    assert.match(md, /individual goal of M02\n\nAttend\./);
    assert.match(md, /line 7/);
  });

  it('explains an open review marker', () => {
    const { md, h, text } = hoverAt(NOTE('', '# S\n\n> [!REV|IEW] @kchen 2027-03-15 Say more.\n'));
    assert.match(md, /\*\*Open review\*\* from @kchen \(2027-03-15\) · `review\.open`/);
    assert.match(md, /to `\[!RESOLVED\]`/);
    assert.ok(md.includes(`${DOCS}review.open.md`));
    assert.equal(covered(text, h), '[!REVIEW]');
    assert.match(hoverAt(NOTE('', '> [!RESOL|VED] Done.\n')).md, /\*\*Resolved review\*\*/);
  });
});

describe('hover: awkward documents', () => {
  it('handles a BOM and CRLF', () => {
    const { h, text, md } = hoverAt('\uFEFF---\r\nrecord: session-note\r\nphase: middle\r\n---\r\n# S\r\n\r\n## Next st|eps\r\n\r\nX.\r\n');
    assert.match(md, /note\.next-steps/);
    assert.deepEqual(h!.range!.start, { line: 6, character: 0 });
    assert.equal(covered(text, h), '## Next steps');
    const key = hoverAt('\uFEFF---\r\nrecord: session-note\r\nph|ase: middle\r\n---\r\n');
    assert.deepEqual(key.h!.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } });
  });

  it('handles the cursor at the end of the file', () => {
    assert.match(hoverAt(NOTE('', 'See #G1|'), { workspace: { goals: [{ id: 'G1', start: 0, end: 2, text: 'Share.' }] } }).md, /Share\./);
    assert.equal(hoverAt('|').h, null);
  });

  it('shows nothing in a Markdown file that is not a record', () => {
    assert.equal(hoverAt('---\ntitle: x\n---\n## Next st|eps\n\nX.\n').h, null);
  });

  it('never throws, whatever the offset', () => {
    const docs = [
      NOTE('date: 2027-03-14\nphase: middle\nattendance:\n  present: [M01, M09]\n', '# S\n\n## Group dynamics\n\n@M01 on #G1.\n\n> [!REVIEW] @k 2027-01-01 x\n\n**Summary:** y\n'),
      '\uFEFF---\r\nrecord: [\r\nstatus: \r\n',
      '---\nrecord: contract\n---\n',
    ];
    for (const doc of docs) {
      const { ctx } = at(doc + '|', { group: NAMED_GROUP });
      fc.assert(fc.property(fc.integer({ min: -2, max: ctx.rec.text.length + 2 }), (offset) => {
        const h = hover(ctx, offset);
        if (h) assert.doesNotMatch((h.contents as MarkupContent).value, NAMES);
      }), { numRuns: 300 });
    }
  });
});
