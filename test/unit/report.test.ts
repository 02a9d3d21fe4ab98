import assert from 'node:assert/strict';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkspace } from '../../server/src/cli/loadWorkspace';
import type { MemberFacts } from '../../server/src/core/context';
import { scanWorkspace } from '../../server/src/lsp/scan';
import { sessionReport } from '../../server/src/lsp/report';
import { Session } from '../../server/src/lsp/session';
import { readSettings } from '../../server/src/lsp/settings';
import { attendanceMatrix } from '../../server/src/report/attendance';
import { escapeHtml } from '../../server/src/report/escape';
import { REPORT_CSP, renderReportHtml } from '../../server/src/report/html';
import { isSafeHref, relativeHref } from '../../server/src/report/links';
import { buildReportModel } from '../../server/src/report/model';
import type { GroupReport, ReportModel } from '../../server/src/report/types';
import { cat, ROOT } from '../helpers';
import { HOSTILE, hostileCopy, ROSTER_NAME, SAMPLE_GROUP } from '../reportFixture';

const CLI = join(ROOT, 'out/cli.js');

function modelOf(paths: string[], base: string): ReportModel {
  const c = cat();
  const w = loadWorkspace(paths, c);
  return buildReportModel({ index: w.index, cat: c, source: w.source, base, paths: w.found.records, generated: '2027-05-01 09:00' });
}

function only(m: ReportModel): GroupReport {
  assert.equal(m.groups.length, 1);
  return m.groups[0];
}

/** Every attribute value that names something to load or follow. */
function urlAttributes(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src|srcset|action|formaction|xlink:href|poster|data)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);
}

describe('group report', () => {
  describe('escapeHtml', () => {
    it('escapes the five characters that can change HTML structure, in text and in attributes', () => {
      assert.equal(escapeHtml(`<script>alert("x") & 'y'</script>`), '&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;');
    });
    it('escapes an entity again, so `&amp;` in a record shows as written', () => {
      assert.equal(escapeHtml('&amp;'), '&amp;amp;');
    });
    it('takes any value without throwing', () => {
      assert.equal(escapeHtml(undefined), '');
      assert.equal(escapeHtml(null), '');
      assert.equal(escapeHtml(42), '42');
    });
  });

  describe('renderer, with any text in every field', () => {
    const TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'h4', 'p', 'nav', 'ul', 'li', 'a', 'main', 'section', 'span', 'strong', 'code', 'br',
      'table', 'thead', 'tbody', 'tr', 'th', 'td', 'div', 'svg', 'g', 'rect', 'circle', 'path', 'line', 'text']);
    const ATTRS = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'id', 'href', 'aria-label', 'aria-labelledby', 'aria-hidden', 'role', 'scope',
      'width', 'height', 'viewBox', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'd', 'transform', 'text-anchor']);

    function modelOfText(t: string[]): ReportModel {
      const at = (i: number) => t[i % t.length];
      const rec = (i: number) => ({
        path: `/w/${at(i)}.md`, rel: at(i + 1), kind: 'session-note' as const, label: at(i + 2), title: at(i + 3), session: i + 1, date: '2027-02-07', phase: 'middle' as const,
        status: 'approved' as const, approval: { by: at(i + 4), on: at(i + 5), hashed: true, incomplete: true, changedAfter: true },
        findings: { error: 1, warning: 0, information: 2, hint: 0 }, openReviews: 1, gist: at(i + 6), problem: at(i + 7),
      });
      const records = [rec(0), rec(1)];
      return {
        generated: at(8), ungrouped: [at(9)],
        groups: [{
          key: `/w/${at(10)}/group.yaml`, id: at(11), name: at(12), profileRel: at(13), records,
          heatmaps: [{ kind: 'session-note', kindTitle: at(14), columns: [{ id: at(15), label: at(16), title: at(17), cite: [at(18)] }],
            rows: records.map((r) => ({ path: r.path, cells: [{ state: 'missing' as const, level: 'required' as const }] })) }],
          findings: { error: 2, warning: 0, information: 4, hint: 1 }, profileFindings: { error: 0, warning: 1, information: 0, hint: 0 },
          findingsByRule: [{ ruleId: at(19), severity: 'error', count: 2 }],
          reviews: [{ path: records[0].path, rel: at(20), recordLabel: at(21), line: 3, reviewer: at(22), date: at(23), text: at(24) }],
          attendance: {
            members: [{ id: at(25), initials: at(26), onRoster: false, attended: 1, expected: 2 }],
            sessions: records.map((r, i) => ({ path: r.path, rel: r.rel, label: at(27 + i), session: r.session, date: r.date, present: 1, recorded: true })),
            cells: [['present', 'unrecorded']],
          },
          timeline: records.map((r) => ({ path: r.path, rel: r.rel, kind: r.kind, label: r.label, date: r.date, session: r.session, phase: r.phase, status: r.status, present: 1, attendees: 2, gist: r.gist })),
          approval: { draft: 0, submitted: 0, approved: 2, changedAfter: 2 },
        }],
      };
    }

    it('makes only its own elements and attributes, and no URL it did not make', () => {
      const text = fc.string({ unit: fc.constantFrom('<', '>', '"', "'", '&', '=', '/', ' ', 'a', 's', 'script', 'on', 'href', ':', 'http', '#', '\\', '\n', 'é', '\u2028') });
      fc.assert(fc.property(fc.array(text, { minLength: 30, maxLength: 30 }), (t) => {
        const html = renderReportHtml(modelOfText(t), { href: relativeHref('/w') }).replace(/<style>[\s\S]*?<\/style>/, '<style></style>');
        for (const m of html.matchAll(/<\/?([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g)) {
          assert.ok(TAGS.has(m[1].toLowerCase()), `tag <${m[1]}>`);
          for (const a of m[2].matchAll(/([\w:-]+)(?:="[^"]*")?/g)) assert.ok(ATTRS.has(a[1]), `attribute ${a[1]} on <${m[1]}>`);
        }
        // Every "<" opens one of those tags: none comes from the text.
        const tags = [...html.matchAll(/<\/?[a-zA-Z][\w-]*(?:\s+[\w:-]+(?:="[^"]*")?)*\s*\/?>/g)].length;
        assert.equal(tags, (html.match(/</g) ?? []).length - 1 /* <!doctype */);
        for (const u of urlAttributes(html)) assert.match(u, /^(\.\/|\.\.\/|#group-)/, u);
      }), { numRuns: 150 });
    });
  });

  describe('links', () => {
    it('keeps file names that look like schemes or fragments as file names', () => {
      const href = relativeHref('/w/out');
      assert.equal(href('/w/out/notes/a b.md'), './notes/a%20b.md');
      assert.equal(href('/w/out/javascript:alert(1).md'), './javascript%3Aalert(1).md');
      assert.equal(href('/w/out/x#y.md'), './x%23y.md');
      assert.equal(href('/w/group/n.md'), '../group/n.md');
    });
    it('lets only links that stay on the machine through', () => {
      for (const ok of ['./a.md', '../a.md', 'a.md', 'file:///a.md', 'command:groupRecords.openReportLink?%5B%5D']) assert.ok(isSafeHref(ok), ok);
      for (const bad of ['https://example.org/', 'http://x', '//example.org/a', '\\\\host\\share', 'javascript:alert(1)', 'data:text/html,x', 'JavaScript:alert(1)']) assert.ok(!isSafeHref(bad), bad);
    });
  });

  describe('attendance matrix', () => {
    const roster: MemberFacts[] = [
      { id: 'M01', initials: 'A.A.', name: 'Secret Name', joined: '2027-01-10', mandated: false, needs: [] },
      { id: 'M02', initials: 'B.B.', joined: '2027-01-10', left: '2027-01-20', mandated: false, needs: [] },
      { id: 'M03', joined: '2027-01-24', mandated: false, needs: [] },
    ];
    const notes = [
      { path: '/g/1.md', rel: '1.md', label: 'Session 1', session: 1, date: '2027-01-10', present: ['M01', 'M02'], absent: [] },
      { path: '/g/2.md', rel: '2.md', label: 'Session 2', session: 2, date: '2027-01-17', present: ['M02'], absent: ['M01'] },
      { path: '/g/3.md', rel: '3.md', label: 'Session 3', session: 3, date: '2027-01-24', present: ['M03', 'M09'] },
      { path: '/g/4.md', rel: '4.md', label: 'Session 4', session: 4, date: '2027-01-31' },
    ];
    const m = attendanceMatrix(roster, notes);

    it('marks present, absent, not yet joined, left and unrecorded', () => {
      assert.deepEqual(m.members.map((x) => x.id), ['M01', 'M02', 'M03', 'M09']);
      assert.deepEqual(m.cells[0], ['present', 'absent', 'absent', 'unrecorded']);
      assert.deepEqual(m.cells[1], ['present', 'present', 'left', 'left']);
      assert.deepEqual(m.cells[2], ['not-joined', 'not-joined', 'present', 'unrecorded']);
    });
    it('adds ids the notes use that the roster lacks, marked as such', () => {
      assert.deepEqual(m.members[3], { id: 'M09', onRoster: false, attended: 1, expected: 1 });
      assert.deepEqual(m.cells[3], ['unrecorded', 'unrecorded', 'present', 'unrecorded']);
    });
    it('counts sessions attended of those held while a member, and heads per session', () => {
      assert.deepEqual(m.members.slice(0, 3).map((x) => [x.attended, x.expected]), [[1, 4], [2, 2], [1, 2]]);
      assert.deepEqual(m.sessions.map((s) => [s.present, s.recorded]), [[2, true], [1, true], [2, true], [0, false]]);
    });
    it('keeps ids and initials only, never a roster name', () => {
      assert.deepEqual(m.members[0], { id: 'M01', initials: 'A.A.', onRoster: true, attended: 1, expected: 4 });
      assert.ok(!JSON.stringify(m).includes('Secret'));
    });
  });

  describe('model of the sample group', () => {
    const g = only(modelOf([SAMPLE_GROUP], SAMPLE_GROUP));

    it('lists every record with kind, session, date and status, plan first and notes in session order', () => {
      assert.equal(g.id, 'teen-grief-spring-2027');
      assert.equal(g.name, 'Teen Grief Support Group');
      assert.deepEqual(g.records.map((r) => [r.rel, r.kind, r.session, r.date, r.status]), [
        ['plan.md', 'plan', undefined, '2027-01-15', 'submitted'],
        ['contract.md', 'contract', undefined, '2027-02-07', 'submitted'],
        ['notes/2027-02-07-session-01.md', 'session-note', 1, '2027-02-07', 'submitted'],
        ['notes/2027-02-14-session-02.md', 'session-note', 2, '2027-02-14', 'submitted'],
        ['notes/2027-03-07-session-05.md', 'session-note', 5, '2027-03-07', 'submitted'],
        ['notes/2027-03-14-session-06.md', 'session-note', 6, '2027-03-14', 'submitted'],
        ['notes/2027-04-04-session-09.md', 'session-note', 9, '2027-04-04', 'draft'],
        ['ending-summary.md', 'ending-summary', undefined, '2027-04-16', 'draft'],
      ]);
      assert.deepEqual(g.approval, { draft: 2, submitted: 6, approved: 0, changedAfter: 0 });
    });

    it('builds one heat-map per kind, with present, empty and missing cells as the checks see them', () => {
      assert.deepEqual(g.heatmaps.map((h) => h.kind), ['plan', 'contract', 'session-note', 'ending-summary']);
      const notes = g.heatmaps[2];
      const cell = (session: number, id: string) => {
        const row = notes.rows.find((r) => r.path.endsWith(`session-0${session}.md`))!;
        return row.cells[notes.columns.findIndex((c) => c.id === id)];
      };
      assert.deepEqual(cell(9, 'note.next-steps'), { state: 'missing', level: 'required' });
      assert.deepEqual(cell(9, 'note.goal-progress'), { state: 'empty', level: 'required' });
      assert.deepEqual(cell(5, 'note.dynamics'), { state: 'present', level: 'required' });
      assert.deepEqual(cell(1, 'note.contracting'), { state: 'present', level: 'required' });
      assert.deepEqual(cell(2, 'note.contracting'), { state: 'not-asked' });
      // Session 6 is SOAP: the narrative focus is not asked, and its complete sections are its summary.
      assert.deepEqual(cell(6, 'note.focus'), { state: 'not-asked' });
      assert.equal(cell(6, 'note.summary').state, 'present');
      assert.equal(cell(1, 'note.focus').level, 'recommended');
      const columns = notes.columns.find((c) => c.id === 'note.dynamics')!;
      assert.equal(columns.label, 'dynamics');
      assert.deepEqual(columns.cite, ['IV.A.2']);
    });

    it('agrees with the findings: every missing or empty required cell has its finding', () => {
      const c = cat();
      const w = loadWorkspace([SAMPLE_GROUP], c);
      for (const h of g.heatmaps) {
        for (const row of h.rows) {
          const found = w.index.findingsFor(row.path).map((f) => f.ruleId);
          row.cells.forEach((cell, j) => {
            if (cell.level !== 'required') return;
            const id = h.columns[j].id;
            if (cell.state === 'missing') assert.ok(found.includes(id), `${row.path}: ${id} missing without a finding`);
            if (cell.state === 'empty') assert.ok(found.includes('record.empty-section'), `${row.path}: ${id} empty without a finding`);
            if (cell.state === 'present') assert.ok(!found.includes(id) || id === 'contract.goals', `${row.path}: ${id} present but reported`);
          });
        }
      }
    });

    it('counts findings by severity per record and for the group', () => {
      const s9 = g.records.find((r) => r.session === 9)!;
      assert.ok(s9.findings.error >= 1);
      const sum = (k: 'error' | 'warning' | 'information') => g.records.reduce((n, r) => n + r.findings[k], 0) + g.profileFindings[k];
      assert.deepEqual([g.findings.error, g.findings.warning, g.findings.information], [sum('error'), sum('warning'), sum('information')]);
      assert.equal(g.findingsByRule.reduce((n, r) => n + r.count, 0), g.findings.error + g.findings.warning + g.findings.information + g.findings.hint);
      assert.ok(g.findingsByRule.some((r) => r.ruleId === 'note.next-steps' && r.severity === 'error'));
    });

    it('lists the open review with reviewer, date, first line and the record', () => {
      assert.equal(g.reviews.length, 1);
      const r = g.reviews[0];
      assert.equal(r.reviewer, 'kchen');
      assert.equal(r.date, '2027-03-09');
      assert.equal(r.rel, 'notes/2027-03-07-session-05.md');
      assert.equal(r.recordLabel, 'Session 5');
      assert.equal(r.line, 23);
      assert.match(r.text, /^Please add more detail on how the group took @M07's arrival/);
      assert.ok(!r.text.includes('Also record what was said'), 'first line only');
      assert.equal(g.records.find((x) => x.session === 5)!.openReviews, 1);
    });

    it('builds attendance from the notes: M07 had not joined before session 5', () => {
      const a = g.attendance;
      assert.deepEqual(a.sessions.map((s) => s.session), [1, 2, 5, 6, 9]);
      assert.deepEqual(a.members.map((m) => `${m.id} ${m.initials}`), ['M01 A.R.', 'M02 T.K.', 'M03 J.L.', 'M04 E.M.', 'M05 D.W.', 'M06 S.P.', 'M07 K.O.']);
      assert.deepEqual(a.cells[6], ['not-joined', 'not-joined', 'present', 'present', 'present']);
      assert.deepEqual(a.cells[4], ['present', 'absent', 'present', 'present', 'present']);
      assert.deepEqual(a.cells[5], ['present', 'present', 'absent', 'present', 'present']);
      assert.deepEqual(a.sessions.map((s) => s.present), [6, 5, 6, 6, 6]);
      assert.deepEqual([a.members[6].attended, a.members[6].expected], [3, 3]);
    });

    it('puts the records on a timeline by date, with each note\'s focus and head count', () => {
      assert.deepEqual(g.timeline.map((e) => e.date), ['2027-01-15', '2027-02-07', '2027-02-07', '2027-02-14', '2027-03-07', '2027-03-14', '2027-04-04', '2027-04-16']);
      assert.deepEqual(g.timeline.map((e) => e.kind)[1], 'contract');
      const s5 = g.timeline.find((e) => e.session === 5)!;
      assert.equal(s5.phase, 'middle');
      assert.deepEqual([s5.present, s5.attendees], [6, 7]);
      assert.match(s5.gist!, /^Memory boxes/);
      assert.deepEqual([g.timeline[2].present, g.timeline[2].attendees], [6, 6]);
    });
  });

  describe('HTML of a group with hostile record text', () => {
    let dir: { root: string; group: string; note: string };
    let html: string;
    let model: ReportModel;
    before(() => {
      dir = hostileCopy();
      model = modelOf([dir.root], dir.root);
      html = renderReportHtml(model, { href: relativeHref(dir.root) });
    });
    after(() => rmSync(dir.root, { recursive: true, force: true }));

    it('carries the text into the model unchanged', () => {
      const g = only(model);
      assert.ok(g.reviews[0].text.startsWith(HOSTILE), g.reviews[0].text);
      assert.ok(g.timeline.find((e) => e.session === 5)!.gist!.startsWith(HOSTILE));
    });

    it('shows the text escaped, in the review and in the timeline', () => {
      const escaped = '&lt;script&gt;alert(1)&lt;/script&gt; &quot;quotes&quot; &amp;amp; it&#39;s';
      assert.ok(html.split(escaped).length - 1 >= 2, 'review and focus both shown');
      assert.ok(!/<script/i.test(html), 'no script element');
      assert.ok(!html.includes('"quotes"'));
    });

    it('declares the strict content security policy and loads nothing', () => {
      assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`));
      assert.equal(REPORT_CSP, "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      assert.ok(!/https?:/i.test(html), 'no http: or https: anywhere');
      assert.ok(!/<(img|link|iframe|object|embed|image|use|foreignObject|base|form)\b/i.test(html));
      assert.ok(!/url\(|@import/i.test(html));
      assert.ok(!/\son[a-z]+\s*=/i.test(html), 'no event handler attributes');
      for (const u of urlAttributes(html)) assert.match(u, /^(\.\.?\/|#group-)/, u);
    });

    it('links each record relatively', () => {
      assert.ok(html.includes('href="./teen-grief-spring-2027/notes/2027-03-07-session-05.md"'));
    });

    it('has the heat-map, attendance chart, reviews, approval table and timeline, with legends', () => {
      for (const cls of ['chart heatmap', 'chart attendance', 'chart timeline', 'class="reviews"', 'aria-label="Heat-map legend"', 'aria-label="Attendance legend"', 'Records and approval status']) {
        assert.ok(html.includes(cls), cls);
      }
      assert.ok(html.includes('M07 K.O.'));
      assert.ok(html.includes('@kchen'));
    });

    it('never shows a roster name', () => {
      assert.ok(readFileSync(join(dir.group, 'group.yaml'), 'utf8').includes(ROSTER_NAME));
      assert.ok(!html.includes(ROSTER_NAME));
      assert.ok(!html.includes('Zelda'));
    });

    it('is well nested: every opened element closes', () => {
      const body = html.replace(/<style>[\s\S]*?<\/style>/, '');
      const stack: string[] = [];
      const voids = new Set(['meta', 'br', 'rect', 'circle', 'path', 'line']);
      for (const m of body.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
        const [, close, name, self] = m;
        if (self || voids.has(name.toLowerCase()) && !close) continue;
        if (close) assert.equal(stack.pop(), name, `</${name}> at ${m.index}`);
        else stack.push(name);
      }
      assert.deepEqual(stack, []);
    });
  });

  describe('editor request', () => {
    it('builds the report from the server index with command links and the same policy', async () => {
      const dir = hostileCopy();
      try {
        const session = new Session([dir.root], readSettings({}));
        await scanWorkspace(session);
        const r = sessionReport(session, { uri: `file://${dir.note}`, linkCommand: 'groupRecords.openReportLink' });
        assert.equal(r.groups, 1);
        assert.equal(r.title, 'Group report: Teen Grief Support Group');
        assert.ok(r.html.includes('Content-Security-Policy'));
        assert.ok(!/https?:/i.test(r.html));
        assert.ok(!/<script/i.test(r.html));
        const links = urlAttributes(r.html).filter((u) => !u.startsWith('#'));
        assert.ok(links.length > 0);
        for (const u of links) assert.match(u, /^command:groupRecords\.openReportLink\?%5B%22file%3A%2F%2F/, u);
        const review = decodeURIComponent(links.find((u) => u.includes('session-05'))!.replace(/&amp;/g, '&').split('?')[1]);
        assert.ok(JSON.parse(review)[0].endsWith('session-05.md'));
        const plain = sessionReport(session, { linkCommand: 'x" onclick="alert(1)' });
        assert.equal(urlAttributes(plain.html).filter((u) => !u.startsWith('#')).length, 0, 'an odd command name gives no links');
      } finally {
        rmSync(dir.root, { recursive: true, force: true });
      }
    });
  });

  describe('group-records report (command line)', () => {
    let out: string;
    beforeEach(() => { out = mkdtempSync(join(tmpdir(), 'gr-report-out-')); });
    afterEach(() => rmSync(out, { recursive: true, force: true }));
    const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

    it('writes the file, prints its path and a one-line summary, and exits 0', () => {
      const file = join(out, 'report.html');
      const r = run(['report', 'sample', '--out', file]);
      assert.equal(r.status, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines[0], file);
      assert.match(lines[1], /^1 group, 8 records \(0 approved\): \d+ errors?, \d+ warnings?, \d+ information, 1 open review$/);
      const html = readFileSync(file, 'utf8');
      assert.ok(html.startsWith('<!doctype html>'));
      assert.ok(html.includes('Teen Grief Support Group'));
      assert.deepEqual(readdirSync(out), ['report.html'], 'no temporary file left');
    });

    it('exits 2 without --out, with a usage message', () => {
      const r = run(['report', 'sample']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /report needs --out FILE\.html/);
      assert.match(r.stderr, /Usage:/);
    });

    it('exits 2 for a missing path, an unknown group or an unwritable target, and writes nothing', () => {
      const file = join(out, 'r.html');
      assert.equal(run(['report', 'no-such-folder', '--out', file]).status, 2);
      const g = run(['report', 'sample', '--group', 'nope', '--out', file]);
      assert.equal(g.status, 2);
      assert.match(g.stderr, /no group "nope".*teen-grief-spring-2027/);
      const w = run(['report', 'sample', '--out', join(out, 'missing-folder', 'r.html')]);
      assert.equal(w.status, 2);
      assert.match(w.stderr, /its folder does not exist/);
      assert.ok(!existsSync(file));
    });

    it('reports one group with --group', () => {
      const file = join(out, 'r.html');
      const r = run(['report', 'sample', '--group', 'teen-grief-spring-2027', '--out', file]);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(readFileSync(file, 'utf8').includes('teen-grief-spring-2027'));
    });
  });
});
