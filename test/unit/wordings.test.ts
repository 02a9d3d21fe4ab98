import assert from 'node:assert/strict';
import { cat, check, codes, DEFAULT_GROUP } from '../helpers';

/**
 * Heading wordings that group workers and students really use (spec §4: "as people really word it").
 * For every element of spec §5, each wording is put as a `##` heading (or, when it is written `**…**`,
 * as a bold label) over a realistic sentence in a minimal record of the right kind, under a group and
 * front matter where the element is asked for. The element must then not be reported as missing, and
 * the section must not be reported as empty. A control test checks that the same record without the
 * section does report the element, so that every wording test can fail.
 */

type Kind = 'plan' | 'contract' | 'session-note' | 'ending-summary';

interface Setting {
  /** Extra front-matter lines for a session note (session, phase, attendance, date). */
  note?: { date?: string; session?: number; phase?: 'beginning' | 'middle' | 'ending'; attendance?: string };
  group?: string;
}

interface Row extends Setting {
  kind: Kind;
  /** What a worker would write under the heading. */
  sentence: string;
  wordings: string[];
}

const roster = (extra = '', m02 = '') => `members:
  - { id: M01, initials: A.A., joined: 2027-01-10, consent: 2027-01-03 }
  - { id: M02, initials: B.B., joined: 2027-01-10, consent: 2027-01-03${m02} }
  - { id: M03, initials: C.C., joined: 2027-01-10, consent: 2027-01-03 }
${extra}`;

const group = (o: { type?: string; modality?: string; open?: boolean; workers?: string; members?: string } = {}) => `id: fixture-group
name: Fixture Group
type: ${o.type ?? 'support'}
modality: ${o.modality ?? 'in-person'}
open: ${o.open ?? false}
workers: ${o.workers ?? '["A. Worker, MSW"]'}
${o.members ?? roster()}`;

const CO_FACILITATED = group({ workers: '["A. Worker, MSW", "B. Counsellor"]' });
const OPEN_GROUP = group({ open: true });
const MANDATED = group({ type: 'treatment', members: roster('', ', mandated: true') });
const ONLINE = group({ modality: 'online' });
const NEW_MEMBER = group({ members: roster('  - { id: M04, initials: D.D., joined: 2027-02-14, consent: 2027-02-10 }\n') });
const NEEDS = group({ members: roster('', ', needs: [interpreter-spanish]') });

const SESSION_1 = { date: '2027-01-10', session: 1, phase: 'beginning' as const };
const BEGINNING = { date: '2027-01-24', session: 3, phase: 'beginning' as const };
const ENDING = { date: '2027-03-07', session: 9, phase: 'ending' as const };

export const WORDINGS: Record<string, Row> = {
  // ---- plan (Section II)
  'plan.purpose': { kind: 'plan', sentence: 'A peer support circle for adult children caring for a parent with dementia, to share the load and learn practical ways of coping.',
    wordings: ['1. Purpose of the Group', 'Why this group?', 'Aims and purpose', 'STATEMENT OF PURPOSE', 'Group Purpose:', '**Aims of the group:**'] },
  'plan.needs': { kind: 'plan', sentence: 'Carers referred by the memory clinic describe exhaustion and isolation; several said they have "no one who gets it".',
    wordings: ['2. Needs assessment', 'Need for the group', "Members' needs and aspirations", 'Background and rationale', 'Population to be served', '**Identified needs:**'] },
  'plan.agency-support': { kind: 'plan', sentence: 'The program director approved the group and the agency covers staff time, the community room and a small budget for materials.',
    wordings: ['Agency sponsorship', 'B) Organisational support', 'Sponsorship and support', 'Agency buy-in', 'Budget', '**Agency approval:**'] },
  'plan.structure': { kind: 'plan', sentence: 'A closed support group of six to eight members, eight weekly sessions of 90 minutes, using a mutual-aid approach.',
    wordings: ['Type and structure of the group', 'Group format and size', 'Size and duration', 'Open or closed?', '3. Number and length of sessions', 'Theoretical framework and approach'] },
  'plan.recruitment': { kind: 'plan', sentence: 'Flyers at the memory clinic and the library, a piece in the agency newsletter, and referrals from colleagues\' caseloads.',
    wordings: ['Recruitment strategy:', 'Outreach & Recruitment', '4) Recruiting members', 'Publicity and referrals', 'Referral pathway', '**How members will be recruited**'] },
  'plan.consent': { kind: 'plan', sentence: 'Each member signs the agency consent form at the pre-group interview, after we talk through the group and the limits of confidentiality.',
    wordings: ['Informed consent process', 'Consent & assent', 'Parental/guardian consent', 'Obtaining informed consent', 'Permission from parents', '**Consent:**'] },
  'plan.member-goals': { kind: 'plan', sentence: 'Each member names one goal at the interview that can be checked at the end, e.g. "take two hours a week for myself".',
    wordings: ['Goals and objectives', 'Goals for members', 'Expected outcomes', "Members' expectations", 'c. Individual goals', '**Objectives:**'] },
  'plan.logistics': { kind: 'plan', sentence: 'Thursdays 6:30 to 8:00 pm in the ground-floor community room, step-free and close to the bus stop.',
    wordings: ['Time & place', 'Venue and timing', 'Meeting time and place', 'Location and time', 'Practical arrangements', '**Logistics:**'] },
  'plan.preparation': { kind: 'plan', sentence: 'Each potential member has a 30-minute interview to hear what a session looks like and to talk through any worries about joining.',
    wordings: ['Pre-group interviews', 'Pregroup contact', 'Orientation of members', 'Intake interviews', 'Preparing members for the group', '**Pre-group preparation:**'] },
  'plan.composition': { kind: 'plan', sentence: 'Adult children who are the main carer for a parent with dementia; a mix of early and later stages; people in acute crisis are seen individually first.',
    wordings: ['Group composition', 'Selection criteria', 'Inclusion/exclusion criteria', 'Member selection', 'Criteria for membership', '**Screening:**'] },
  'plan.context': { kind: 'plan', sentence: 'Most carers also work or raise children, asking for help carries stigma in some communities, and respite waiting lists are long.',
    wordings: ['Social and agency context', 'Cultural considerations', 'Environmental and societal factors', 'Wider social context', 'Anticipated challenges', '**Context:**'] },
  'plan.content': { kind: 'plan', sentence: 'Understanding the diagnosis, communication, difficult behaviour, self-care, services and benefits, planning ahead; handouts and a flip chart.',
    wordings: ['Session outline', 'Programme of sessions', 'Curriculum', 'Activities and materials', 'Session-by-session outline', '**Supplies:**'] },
  'plan.evaluation': { kind: 'plan', sentence: 'Zarit Burden Interview at the first and last sessions, a rating at the end of each session, and a goal review in sessions 4 and 8.',
    wordings: ['Evaluation plan', 'Monitoring and evaluation', 'How we will know it worked', 'Pre- and post-test', 'Methods of evaluation:', '**Measuring outcomes:**'] },
  'plan.supervision': { kind: 'plan', group: CO_FACILITATED, sentence: 'The co-facilitators debrief for 15 minutes after each session; the group goes to monthly supervision with the clinical lead.',
    wordings: ['Supervision and consultation', 'Co-facilitation', 'Debrief and supervision', 'Working with my co-facilitator', 'Co-leadership', '**Debriefing:**'] },

  // ---- contract (Section III)
  'contract.purpose': { kind: 'contract', sentence: 'We meet to support one another in caring for a parent with dementia and to look after our own health while we do it.',
    wordings: ["Why we're here", 'Our purpose', '1. Group purpose', 'Why are we here?', 'Purpose of this group:', '**Purpose:**'] },
  'contract.goals': { kind: 'contract', sentence: '- G1: Build a circle where members can ask for and offer practical help.\n- M01-G1: Take two hours a week for myself.\n- M02-G1: Use the calm-down plan in the evenings.',
    wordings: ['Group and individual goals', 'Our goals', 'Member goals & group goals', 'Goals and objectives', '2. Goals', '**Goals:**'] },
  'contract.tasks': { kind: 'contract', sentence: 'Share how each week has been, learn about one topic per session, and try one small change between sessions.',
    wordings: ['What we will do', 'Tasks to be accomplished', 'Work plan', 'Group tasks and activities', "Topics we'll cover", '**Tasks:**'] },
  'contract.process': { kind: 'contract', sentence: 'Each session opens with a check-in round, then a short input, then open discussion, and ends with a closing round.',
    wordings: ['How we will work', 'How the group works', 'What a session looks like', 'Format of the sessions', 'Session format:', '**How sessions run:**'] },
  'contract.roles': { kind: 'contract', sentence: 'The worker keeps time, keeps the group safe and helps members connect; members share, listen and help choose the topics.',
    wordings: ['Roles and responsibilities', 'Worker and member roles', "The worker's role", "Facilitator's role", 'Who does what', '**Roles:**'] },
  'contract.confidentiality': { kind: 'contract', sentence: 'What is said here stays here, except when someone is at risk of serious harm or there is a concern about abuse; the worker also discusses the group in supervision.',
    wordings: ['Confidentiality and its limits', 'Privacy & confidentiality', 'Limits of confidentiality', "What's said here stays here", 'Confidentiality agreement:', '**Confidentiality:**'] },
  'contract.agency-stake': { kind: 'contract', sentence: 'The agency runs the circle as part of its carers\' programme, funded by the county, and reports attendance numbers (never content) in its annual report.',
    wordings: ['Agency stake', "The agency's role", 'Why the agency offers this group', 'Agency and community stake', 'Sponsoring agency', '**Stakeholders:**'] },
  'contract.norms': { kind: 'contract', sentence: '- One person talks at a time.\n- No put-downs.\n- Phones away.\n- You can always pass.',
    wordings: ['3. Ground rules', 'Group agreements', 'Our agreements', 'Group norms:', 'House rules', 'Code of conduct', '**Ground rules:**'] },
  'contract.decision-making': { kind: 'contract', sentence: 'We decide by consensus where we can and by a show of hands when we cannot; safety decisions stay with the worker.',
    wordings: ['How decisions are made', 'How we decide', 'Decision making:', 'Voting and consensus', 'How the group makes decisions', '**Decisions:**'] },
  'contract.feedback': { kind: 'contract', sentence: 'Members rate each session in the closing round, and in sessions 4 and 8 fill in an anonymous form about the group and the worker.',
    wordings: ['Giving feedback', 'Feedback and evaluation', 'Reviewing progress', 'Feedback to the facilitators', "How we'll give feedback", '**Feedback:**'] },
  'contract.membership': { kind: 'contract', group: OPEN_GROUP, sentence: 'New members can join at any session after a phone call with the worker, who goes over the purpose and the agreements with them.',
    wordings: ['Joining and leaving the group', 'New members', 'Who can join', 'Open membership', 'When new members join', '**Membership:**'] },
  'contract.mandated': { kind: 'contract', group: MANDATED, sentence: 'For members on probation the worker reports attendance and participation, not what is said, to the probation officer each month.',
    wordings: ['Mandated participation', 'Court-ordered attendance', 'Reporting to probation', 'If you are mandated to attend', 'Reports to the court', '**Mandated status:**'] },
  'contract.technology': { kind: 'contract', group: ONLINE, sentence: 'We meet on the agency\'s Zoom account with a passcode; join from a private space, no recording, and the worker will phone you if your connection drops.',
    wordings: ['Online sessions', 'Zoom etiquette', 'Joining online or by phone', 'Video call etiquette', 'Telehealth guidelines', '**Technology:**'] },

  // ---- session notes (Sections III–V); note.attendance is tested on its own below
  'note.focus': { kind: 'session-note', sentence: 'Family changes since the loss, and coping at home (#G2).',
    wordings: ['Session focus', "Today's focus", 'Agenda', "Focus of today's session", "This week's focus", 'Goal(s) for this session', '**Topic:**'] },
  'note.dynamics': { kind: 'session-note', sentence: 'Members spoke directly to each other for most of the session; M03 offered M01 practical ideas, a clear moment of mutual aid.',
    wordings: ['Group process', 'Interaction and mutual aid', 'Communication patterns', 'Observations of group process', 'Participation and interaction', '**Group dynamics:**'] },
  'note.goal-progress': { kind: 'session-note', sentence: 'M01 told a friend about his brother this week, so his goal is met (#M01-G1).',
    wordings: ['Progress towards goals', 'Goal progress', 'Member progress', 'Individual and group progress', 'Goals and progress', 'Clinical impressions', '**Progress:**'] },
  'note.interventions': { kind: 'session-note', sentence: 'Invited M03 to respond directly to M01; led a role-play on asking for space at home.',
    wordings: ['Worker interventions', 'Facilitator interventions', 'Skills used', 'Interventions used', 'Techniques used', '**My interventions:**'] },
  'note.obstacles': { kind: 'session-note', sentence: 'M02 may be avoiding school on group days, and the room is booked for exams next week.',
    wordings: ['Challenges', 'Barriers', 'What got in the way', 'Issues and concerns', 'Challenges/Concerns', '**Obstacles to progress:**'] },
  'note.summary': { kind: 'session-note', sentence: 'After the check-in we talked about how families change after a death and practised asking for space at home in pairs.',
    wordings: ['Session summary', 'Summary of the session', 'Narrative', 'What happened', 'Session overview:', 'Highlights', '**Summary:**'] },
  'note.next-steps': { kind: 'session-note', sentence: 'Anniversaries and special days next week; confirm the new room with the school office.',
    wordings: ['Plan for next session', 'Plans for next week', 'Follow-up', 'Homework', 'Action items', 'Next Steps:', '**Plan:**'] },
  'note.contracting': { kind: 'session-note', note: SESSION_1, sentence: 'We went through the purpose and agreed ground rules; I explained the limits of confidentiality and answered M02\'s question about teachers.',
    wordings: ['Contract', 'Contracting and confidentiality', 'Ground rules', 'Setting ground rules', 'Purpose of the group and confidentiality', '**Group agreement:**'] },
  'note.cohesion': { kind: 'session-note', note: BEGINNING, sentence: 'All three said the evenings are hardest; I linked M01\'s and M03\'s stories and M03 asked M01 a question directly.',
    wordings: ['Building cohesion', 'Linking members', 'Commonalities', 'Icebreaker', 'Getting to know each other', '**Common ground:**'] },
  'note.new-member': { kind: 'session-note', group: NEW_MEMBER, note: { attendance: '{ present: [M01, M02, M03, M04], absent: [] }' },
    sentence: 'M04 joined today; I went over the purpose and ground rules with her before the session, and the others each said what they wish they had known at their first session.',
    wordings: ['New member orientation', 'Welcoming a new member', 'Orientation of new member', 'Newcomer', 'A new member joins', '**New member:**'] },
  'note.special-needs': { kind: 'session-note', group: NEEDS, sentence: 'A Spanish interpreter sat beside M02 throughout; I paused after each round and gave the handout in Spanish.',
    wordings: ['Accommodations', 'Accessibility', 'Interpreter', 'Access needs:', 'Reasonable adjustments', '**Accommodations made:**'] },
  'note.ending-preparation': { kind: 'session-note', note: ENDING, sentence: 'I reminded the group that next week is our last session, and we planned the celebration together.',
    wordings: ['Preparing for termination', 'Termination', 'Upcoming ending', 'Sessions remaining', 'Countdown to the last session', 'Two sessions left', 'Anticipating the ending', '**Ending preparation:**'] },

  // ---- ending summary (Section V)
  'ending.preparation': { kind: 'ending-summary', sentence: 'The end date was in the contract; from session 7 I reminded the group each week how many sessions were left.',
    wordings: ['Preparing for the ending', 'How members were prepared for ending', 'Termination process', 'Lead-up to the ending', 'Preparation for termination:', '**Notice of ending:**'] },
  'ending.gains': { kind: 'ending-summary', sentence: 'M01 talks about his brother with friends now; M02 uses a grounding skill in class; M03 went back to football.',
    wordings: ['Gains and changes', 'Member gains', 'What members learned', 'Achievements', 'Growth and change', '**What members gained:**'] },
  'ending.outside-impact': { kind: 'ending-summary', sentence: 'Form tutors report better attendance for M01 and M02, and the school has asked for the group to run again.',
    wordings: ['Impact beyond the group', 'Impact on families', 'Wider impact', 'Impact on the community', 'Ripple effects', '**Impact outside the group:**'] },
  'ending.movement': { kind: 'ending-summary', sentence: 'From cautious, worker-centred talk, through testing around session 3, to strong mutual aid from session 5.',
    wordings: ['Group development', 'Stages of group development', 'How the group changed over time', 'Looking back', "The group's journey", '**Evolution of the group:**'] },
  'ending.reactions': { kind: 'ending-summary', sentence: 'M01 said the ending felt different "because we chose it"; M03 was sad and nearly stayed away from the last session.',
    wordings: ['Reactions to ending', "Members' reactions", "Members' feelings about ending", 'Saying goodbye', 'Emotional responses to ending', '**Feelings about the ending:**'] },
  'ending.worker-feelings': { kind: 'ending-summary', sentence: 'I felt sad and proud, and noticed I wanted to offer M03 an extra session; I took that to supervision.',
    wordings: ["Worker's reflections", 'Facilitator reflections', 'Self-reflection', 'Use of self', 'Countertransference', "**Worker's feelings:**"] },
  'ending.evaluation': { kind: 'ending-summary', sentence: '#G1 and #G2 met; #M01-G1 met, #M02-G1 largely met, #M03-G1 met; checklist scores improved for all three.',
    wordings: ['Evaluation of goals', 'Goal attainment', 'Goals achieved', 'Outcome evaluation', 'Review of goals', '**Evaluation:**'] },
  'ending.referrals': { kind: 'ending-summary', sentence: 'M03 is referred to the school counsellor; all members have the details of the young people\'s bereavement service.',
    wordings: ['Referrals and connections', 'Onward referrals', 'Aftercare', 'Community resources', 'Signposting', '**Referrals made:**'] },
  'ending.application': { kind: 'ending-summary', sentence: 'Members made a coping card for their school bag; M02 will teach her sister the grounding skill.',
    wordings: ['Applying new skills', 'Maintaining gains', 'Transfer of learning', 'Generalisation of skills', 'Relapse prevention', '**Applying what was learned:**'] },
  'ending.worker-feedback': { kind: 'ending-summary', sentence: 'Members said the facilitators "listened properly"; one wanted more open talk and fewer structured activities.',
    wordings: ['Feedback on facilitation', 'Member feedback', "Members' feedback on the facilitator", 'Participant feedback', 'Client satisfaction', '**Feedback on the worker:**'] },
  'ending.records': { kind: 'ending-summary', sentence: 'A closing note in each member\'s file, a letter to the school counsellor about M03, and certificates; kept in the agency\'s secure system.',
    wordings: ['Records prepared', 'Documentation', 'Record keeping', 'Closing documentation', 'Case notes and records', '**Records:**'] },
};

/** Wordings found unrecognised by a review of the catalogue and then added to it (regression cases). */
export const PENDING_WORDINGS: Record<string, string[]> = {
  'plan.purpose': ['What the group is for'],
  'plan.needs': ['Why this group is needed', 'Client population', 'Target group'],
  'plan.agency-support': ['Support from management', 'Institutional support'],
  'plan.structure': ['Length and frequency of sessions'],
  'plan.recruitment': ['Promoting the group'],
  'plan.member-goals': ['Proposed goals', 'Measurable objectives'],
  'plan.logistics': ["Where and when we'll meet", 'Physical setting'],
  'plan.evaluation': ['How progress will be measured'],
  'contract.purpose': ['What this group is for'],
  'contract.goals': ['What we want to get out of the group'],
  'contract.tasks': ["What we'll work on"],
  'contract.process': ["How we'll work together"],
  'contract.roles': ['What the facilitator will do', 'What you can expect from the facilitators'],
  'contract.confidentiality': ['What stays in the room'],
  'contract.norms': ['Guidelines for the group', 'Behaviour expectations'],
  'contract.feedback': ['Feedback on the group and the facilitator'],
  'contract.mandated': ['What we report and to whom', 'Reporting requirements'],
  'contract.technology': ['Tech guidelines'],
  'note.focus': ['Theme of the session', "Aim of today's session", 'Plan for the session'],
  'note.dynamics': ['Group atmosphere', 'Mood of the group', 'How members interacted'],
  'note.interventions': ["Facilitator's actions"],
  'note.goal-progress': ['Progress on individual and group goals', "Worker's assessment of progress", 'Progress made'],
  'note.obstacles': ['Problems encountered', 'Sticking points'],
  'note.summary': ['What we talked about'],
  'note.next-steps': ["Worker's plan"],
  'note.cohesion': ['Building connections'],
  'note.new-member': ['New group member'],
  'note.special-needs': ['Language access'],
  'note.ending-preparation': ['Approaching the end of the group'],
  'ending.preparation': ['Preparing members for termination', 'How we prepared for the ending'],
  'ending.gains': ['Changes members noticed', 'Outcomes for members'],
  'ending.outside-impact': ['Impact on other systems', 'Impact on the agency', 'Effects on home and school'],
  'ending.reactions': ['How members responded to the ending', "Members' responses"],
  'ending.worker-feelings': ['My feelings about the ending'],
  'ending.evaluation': ['Pre/post measures', 'Were goals met?'],
  'ending.referrals': ['Continuing care'],
  'ending.application': ['Using skills outside the group'],
};

/** The element ids of spec §5. */
const SPEC_ELEMENTS = [
  'plan.purpose', 'plan.needs', 'plan.agency-support', 'plan.structure', 'plan.recruitment', 'plan.consent', 'plan.member-goals', 'plan.logistics',
  'plan.preparation', 'plan.composition', 'plan.context', 'plan.content', 'plan.evaluation', 'plan.supervision',
  'contract.purpose', 'contract.goals', 'contract.tasks', 'contract.process', 'contract.roles', 'contract.confidentiality', 'contract.agency-stake',
  'contract.norms', 'contract.decision-making', 'contract.feedback', 'contract.membership', 'contract.mandated', 'contract.technology',
  'note.attendance', 'note.focus', 'note.dynamics', 'note.goal-progress', 'note.interventions', 'note.obstacles', 'note.summary', 'note.next-steps',
  'note.contracting', 'note.cohesion', 'note.new-member', 'note.special-needs', 'note.ending-preparation',
  'ending.preparation', 'ending.gains', 'ending.outside-impact', 'ending.movement', 'ending.reactions', 'ending.worker-feelings', 'ending.evaluation',
  'ending.referrals', 'ending.application', 'ending.worker-feedback', 'ending.records',
];

const TITLES: Record<Kind, string> = {
  plan: 'Group Plan — Fixture Group',
  contract: 'Group Contract — Fixture Group',
  'session-note': 'Session 6 — Fixture Group',
  'ending-summary': 'Ending Summary — Fixture Group',
};
const DATES: Record<Kind, string> = { plan: '2026-12-01', contract: '2027-01-10', 'session-note': '2027-02-14', 'ending-summary': '2027-03-20' };

function frontMatter(kind: Kind, s: Setting, extra: string[] = [], attendance = true): string {
  const n = s.note ?? {};
  const lines = ['---', `record: ${kind}`, 'group: fixture-group', `date: ${n.date ?? DATES[kind]}`, 'author: "A. Worker, MSW"'];
  if (kind === 'session-note') {
    lines.push(`session: ${n.session ?? 6}`, `phase: ${n.phase ?? 'middle'}`);
    if (attendance) lines.push(`attendance: ${n.attendance ?? '{ present: [M01, M02, M03], absent: [] }'}`);
  }
  return [...lines, ...extra, '---', ''].join('\n');
}

/** The wording as a `##` heading, or a `**…**` wording as a bold label in a neutral section. */
function section(wording: string, sentence: string): string {
  // `**Label:** text` on one line; `**Label**` alone on its line, then the text.
  if (wording.startsWith('**')) return `## Notes\n\n${wording}${wording.endsWith(':**') && !sentence.startsWith('- ') ? ' ' : '\n'}${sentence}\n`;
  return `## ${wording}\n\n${sentence}\n`;
}

/** A minimal record: title, a neutral opening section, and optionally the element's section. */
function record(kind: Kind, s: Setting, body?: string, opts: { extra?: string[]; attendance?: boolean } = {}): string {
  return `${frontMatter(kind, s, opts.extra, opts.attendance)}\n# ${TITLES[kind]}\n\n## Details\n\nWritten by A. Worker, MSW, for the fixture group.\n${body ? `\n${body}` : ''}`;
}

const reported = (text: string, groupYaml: string | undefined, id: string) => {
  const c = check(text, groupYaml ?? DEFAULT_GROUP);
  const messages = (rule: string) => codes(c, rule).map((f) => `${c.lines.lineOf(f.span.start) + 1}: ${f.message}`);
  return { element: messages(id), empty: messages('record.empty-section'), all: c.findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n') };
};

describe('heading wordings', () => {
  for (const [id, row] of Object.entries(WORDINGS)) {
    describe(id, () => {
      it('is reported when the record has no such section (control)', () => {
        const r = reported(record(row.kind, row), row.group, id);
        assert.equal(r.element.length, 1, r.all);
      });
      for (const wording of row.wordings) {
        it(`recognises “${wording}”`, () => {
          const r = reported(record(row.kind, row, section(wording, row.sentence)), row.group, id);
          assert.deepEqual(r.element, [], r.all);
          assert.deepEqual(r.empty, [], r.all);
        });
      }
      for (const wording of PENDING_WORDINGS[id] ?? []) {
        it(`recognises “${wording}” (added after review)`, () => {
          const r = reported(record(row.kind, row, section(wording, row.sentence)), row.group, id);
          assert.deepEqual(r.element, [], r.all);
        });
      }
    });
  }

  it('covers every element of spec §5 and of the catalogue', () => {
    const catalogue = [...cat().elements.keys()];
    for (const id of SPEC_ELEMENTS) assert.ok(catalogue.includes(id), `${id} is not in the catalogue`);
    for (const id of [...SPEC_ELEMENTS, ...catalogue]) {
      if (id === 'note.attendance') continue;
      assert.ok(WORDINGS[id], `no wordings for ${id}`);
      assert.ok(WORDINGS[id].wordings.length >= 3, `fewer than 3 wordings for ${id}`);
    }
  });

  describe('note.attendance', () => {
    const present = 'Present: M01, M02, M03. No apologies.';
    it('is satisfied by the front-matter attendance field', () => {
      const r = reported(record('session-note', {}), undefined, 'note.attendance');
      assert.deepEqual(r.element, [], r.all);
    });
    it('is satisfied by attendance written as block lists', () => {
      const text = record('session-note', {}, undefined, { attendance: false, extra: ['attendance:', '  present:', '    - M01', '    - M02', '  absent:', '    - M03'] });
      assert.deepEqual(reported(text, undefined, 'note.attendance').element, []);
    });
    it('is reported when there is no attendance at all', () => {
      const r = reported(record('session-note', {}, undefined, { attendance: false }), undefined, 'note.attendance');
      assert.equal(r.element.length, 1, r.all);
    });
    for (const wording of ['Attendance', 'Present', 'Members present', 'Who attended', 'Attendance and absences', '**Attendance:**']) {
      it(`is still reported with only a body section “${wording}”`, () => {
        const text = record('session-note', {}, section(wording, present), { attendance: false });
        const r = reported(text, undefined, 'note.attendance');
        assert.equal(r.element.length, 1, r.all);
        assert.deepEqual(r.empty, [], r.all);
        // The finding points at the body section, where the quick fix moves it from.
        const line = Number(r.element[0].split(':')[0]) - 1;
        assert.match(text.split('\n')[line], wording.startsWith('**') ? /\*\*Attendance/ : new RegExp(`^## ${wording}`));
      });
    }
    it('is not reported when a body “Attendance” section repeats the field', () => {
      const r = reported(record('session-note', {}, section('Attendance', present)), undefined, 'note.attendance');
      assert.deepEqual(r.element, [], r.all);
    });
  });
});

/**
 * Levels that depend on the group profile (spec §5). The fixture harness gives all records of a folder
 * one group.yaml, and compares rule ids and lines but not severities, so these are checked here.
 */
describe('element levels under their conditions', () => {
  const severities = (text: string, groupYaml: string, id: string) => codes(check(text, groupYaml), id).map((f) => f.severity);
  const plan = record('plan', {});
  const contract = (body = '') => record('contract', {}, body || undefined);
  const note = (s: Setting['note'], body = '') => record('session-note', { note: s }, body || undefined);

  it('plan.supervision is recommended with one worker and required with two', () => {
    assert.deepEqual(severities(plan, DEFAULT_GROUP, 'plan.supervision'), ['warning']);
    assert.deepEqual(severities(plan, CO_FACILITATED, 'plan.supervision'), ['error']);
  });
  it('plan.composition is required, but only recommended for a task group', () => {
    assert.deepEqual(severities(plan, DEFAULT_GROUP, 'plan.composition'), ['error']);
    assert.deepEqual(severities(plan, group({ type: 'task' }), 'plan.composition'), ['warning']);
  });
  it('contract.membership is recommended, and required for an open group', () => {
    assert.deepEqual(severities(contract(), DEFAULT_GROUP, 'contract.membership'), ['warning']);
    assert.deepEqual(severities(contract(), OPEN_GROUP, 'contract.membership'), ['error']);
  });
  it('contract.mandated is asked for only when a roster member is mandated', () => {
    assert.deepEqual(severities(contract(), DEFAULT_GROUP, 'contract.mandated'), []);
    assert.deepEqual(severities(contract(), MANDATED, 'contract.mandated'), ['error']);
  });
  it('contract.technology is asked for only online, by telephone or hybrid', () => {
    assert.deepEqual(severities(contract(), DEFAULT_GROUP, 'contract.technology'), []);
    for (const modality of ['online', 'telephone', 'hybrid']) {
      assert.deepEqual(severities(contract(), group({ modality }), 'contract.technology'), ['error'], modality);
    }
  });

  const groupGoalsOnly = section('Goals', '- G1: Agree the committee\'s three priorities for the housing estate.\n- G2: Present a safety plan to the council by June.');
  it('contract.goals: group goals alone are not enough for a support group', () => {
    assert.equal(severities(contract(groupGoalsOnly), DEFAULT_GROUP, 'contract.goals').length, 1);
  });
  for (const type of ['task', 'community-action']) {
    it(`contract.goals: group goals suffice for a ${type} group`, () => {
      assert.deepEqual(severities(contract(groupGoalsOnly), group({ type }), 'contract.goals'), []);
    });
  }
  it('contract.goals: a task group still needs group goals', () => {
    const individualOnly = section('Goals', '- M01-G1: Chair one meeting before the summer.\n- M02-G1: Take the minutes for the first three meetings.');
    assert.equal(severities(contract(individualOnly), group({ type: 'task' }), 'contract.goals').length, 1);
  });

  it('note.dynamics is required in the middle phase and recommended otherwise', () => {
    assert.deepEqual(severities(note({ phase: 'middle' }), DEFAULT_GROUP, 'note.dynamics'), ['error']);
    assert.deepEqual(severities(note(BEGINNING), DEFAULT_GROUP, 'note.dynamics'), ['warning']);
    assert.deepEqual(severities(note(ENDING), DEFAULT_GROUP, 'note.dynamics'), ['warning']);
  });
  it('note.goal-progress is required in the middle and ending phases and recommended in the beginning', () => {
    assert.deepEqual(severities(note({ phase: 'middle' }), DEFAULT_GROUP, 'note.goal-progress'), ['error']);
    assert.deepEqual(severities(note(ENDING), DEFAULT_GROUP, 'note.goal-progress'), ['error']);
    assert.deepEqual(severities(note(BEGINNING), DEFAULT_GROUP, 'note.goal-progress'), ['warning']);
  });
  it('note.obstacles is recommended in the middle phase only', () => {
    assert.deepEqual(severities(note({ phase: 'middle' }), DEFAULT_GROUP, 'note.obstacles'), ['warning']);
    assert.deepEqual(severities(note(BEGINNING), DEFAULT_GROUP, 'note.obstacles'), []);
    assert.deepEqual(severities(note(ENDING), DEFAULT_GROUP, 'note.obstacles'), []);
  });
  it('note.cohesion is recommended in the beginning phase only', () => {
    assert.deepEqual(severities(note(BEGINNING), DEFAULT_GROUP, 'note.cohesion'), ['warning']);
    assert.deepEqual(severities(note({ phase: 'middle' }), DEFAULT_GROUP, 'note.cohesion'), []);
  });
  it('note.contracting is required on session 1 only', () => {
    assert.deepEqual(severities(note(SESSION_1), DEFAULT_GROUP, 'note.contracting'), ['error']);
    assert.deepEqual(severities(note({ date: '2027-01-17', session: 2, phase: 'beginning' }), DEFAULT_GROUP, 'note.contracting'), []);
  });
  it('note.new-member is required when a present member joins at this session (session > 1)', () => {
    const withM04 = { attendance: '{ present: [M01, M02, M03, M04], absent: [] }' };
    assert.deepEqual(severities(note(withM04), NEW_MEMBER, 'note.new-member'), ['error']);
    assert.deepEqual(severities(note({ ...withM04, date: '2027-02-21', session: 7 }), NEW_MEMBER, 'note.new-member'), []);
    assert.deepEqual(severities(note(SESSION_1), DEFAULT_GROUP, 'note.new-member'), []);
  });
  it('note.special-needs is recommended when a present member has listed needs', () => {
    assert.deepEqual(severities(note({}), NEEDS, 'note.special-needs'), ['warning']);
    assert.deepEqual(severities(note({ attendance: '{ present: [M01, M03], absent: [M02] }' }), NEEDS, 'note.special-needs'), []);
    assert.deepEqual(severities(note({}), DEFAULT_GROUP, 'note.special-needs'), []);
  });
  it('note.ending-preparation is required in the ending phase only', () => {
    assert.deepEqual(severities(note(ENDING), DEFAULT_GROUP, 'note.ending-preparation'), ['error']);
    assert.deepEqual(severities(note({ phase: 'middle' }), DEFAULT_GROUP, 'note.ending-preparation'), []);
  });
});
