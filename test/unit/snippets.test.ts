import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildSnippets, elementPrefix, SNIPPETS_PATH, templates, type Snippet } from '../../scripts/snippets';
import { expandSnippetText, parseSnippet, renumber, SnippetSyntaxError, tabStops, type ExpandOptions } from '../../scripts/snippetSyntax';
import { parseRecord } from '../../server/src/core/record';
import type { Condition, Element } from '../../server/src/core/schema/catalogue';
import { expandSnippet } from '../../server/src/core/skeleton';
import { cat, check, DEFAULT_GROUP } from '../helpers';

// A fixed "today" after the fixture members' consent, so consent checks stay quiet and results stable.
const TODAY = { CURRENT_YEAR: '2027', CURRENT_MONTH: '03', CURRENT_DATE: '14' };
const DATE = '2027-03-14';
const asUser: ExpandOptions = { variables: TODAY, fill: (_, text) => (text === 'group-id' ? 'fixture-group' : undefined) };
const insert = (s: Snippet, opts: ExpandOptions = asUser) => expandSnippetText(s.body.join('\n'), opts);

const committed = JSON.parse(readFileSync(SNIPPETS_PATH, 'utf8')) as Record<string, Snippet>;
const all = buildSnippets(cat());
const elementIdsOf = (kind: string) => cat().kinds.get(kind as never)!.elements.map((e) => e.id);

describe('snippets: the generated file', () => {
  it('is valid JSON and what the catalogue generates (npm run gen)', () => {
    assert.deepEqual(committed, all);
  });

  it('has a short, unique gr- prefix, a body and a description for every snippet', () => {
    const prefixes = Object.values(all).map((s) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length);
    for (const [name, s] of Object.entries(all)) {
      assert.match(s.prefix, /^gr-[a-z0-9-]+$/, name);
      assert.ok(Array.isArray(s.body) && s.body.length > 0 && s.body.every((l) => typeof l === 'string'), name);
      assert.ok(s.description.length > 20 && !s.description.includes('\n'), name);
    }
  });

  it('has one template per record kind and note format, with the documented prefixes', () => {
    assert.deepEqual(templates(cat()).map((t) => t.snippet.prefix), ['gr-plan', 'gr-contract', 'gr-note', 'gr-note-girp', 'gr-note-dap', 'gr-note-soap', 'gr-note-birp', 'gr-ending']);
  });

  it('has one snippet per element, inserting the text of its quick fix', () => {
    for (const e of cat().elements.values()) {
      const s = Object.values(all).find((x) => x.prefix === elementPrefix(e.id));
      assert.ok(s, e.id);
      assert.ok(s.description.startsWith(`${e.title} (${e.cite.join(', ')}): `), s.description);
      assert.equal(insert(s, { variables: TODAY }), expandSnippet(e.skeleton).replace(/\s+$/, ''));
    }
  });

  for (const [name, s] of Object.entries(all)) {
    it(`numbers the tab stops of “${name}” 1, 2, 3… each once`, () => {
      const stops = tabStops(parseSnippet(s.body.join('\n'))).map((t) => t.index).filter((n) => n !== 0);
      assert.deepEqual(stops.slice().sort((a, b) => a - b), stops.map((_, i) => i + 1));
    });
  }
});

describe('snippets: templates make complete records', () => {
  for (const t of templates(cat())) {
    describe(`${t.snippet.prefix} (${t.name})`, () => {
      const text = insert(t.snippet);
      const kindElements = new Set(elementIdsOf(t.kind));

      it('checks with no error and no missing or empty element for the profile it is written for', () => {
        const found = check(text, DEFAULT_GROUP).findings;
        const bad = found.filter((f) => f.severity === 'error' || kindElements.has(f.ruleId) || f.ruleId === 'record.empty-section');
        assert.deepEqual(bad.map((f) => `${f.ruleId}: ${f.message}`), []);
      });

      it('is read as the intended kind and format, every heading naming its section', () => {
        const rec = parseRecord(text, cat());
        assert.equal(rec.kind, t.kind);
        assert.equal(rec.format ?? 'narrative', t.format ?? 'narrative');
        const fmt = t.format ? cat().formats.get(t.format) : undefined;
        const sections = rec.sections.filter((s) => s.heading.depth === 2);
        assert.ok(sections.length > 0);
        for (const s of sections) {
          assert.ok(s.hasContent, s.heading.text);
          // "Exactly one" would be stricter, but the catalogue lets some wordings name two elements.
          assert.ok(fmt ? s.formatSections.length === 1 : s.elements.length >= 1, `${s.heading.text}: ${s.elements} ${s.formatSections}`);
        }
        if (fmt) fmt.sections.forEach((fs, i) => assert.ok(sections.some((s) => s.formatSections.includes(i)), fs.title));
      });

      if (t.kind === 'session-note') {
        it('names in its description every section another phase asks for', () => {
          for (const phase of ['beginning', 'middle', 'ending']) {
            const found = check(insert(t.snippet, { ...asUser, fill: (n, d) => (d === 'middle' ? phase : asUser.fill!(n, d)) }), DEFAULT_GROUP).findings;
            for (const f of found.filter((x) => kindElements.has(x.ruleId) && x.message.startsWith('Missing'))) {
              assert.ok(t.snippet.description.includes(elementPrefix(f.ruleId)), `${phase}: ${f.ruleId} is not named in “${t.snippet.description}”`);
            }
          }
        });
      }
    });
  }
});

/** A group profile and note facts under which the element is asked for (its first level rule). */
function situation(e: Element): { group: string; fm: Record<string, string> } {
  const c: Condition = e.levels.find((r) => r.level !== 'none')?.when ?? {};
  const m01 = [
    'id: M01', 'initials: A.A.', `joined: ${c.newMember ? DATE : '2027-01-10'}`, 'consent: 2027-01-03',
    `mandated: ${!!c.mandatedMembers}`, `needs: [${c.memberNeeds ? 'interpreter-spanish' : ''}]`,
  ];
  const group = [
    'id: fixture-group', 'name: Fixture Group', `type: ${c.groupType?.[0] ?? 'support'}`, `modality: ${c.modality?.[0] ?? 'in-person'}`,
    `open: ${!!c.open}`, `workers: [${c.coFacilitated ? '"A. Worker", "B. Worker"' : '"A. Worker"'}]`,
    'members:', `  - { ${m01.join(', ')} }`,
    '  - { id: M02, initials: B.B., joined: 2027-01-10, consent: 2027-01-03 }',
  ].join('\n') + '\n';
  const fm: Record<string, string> = {};
  if (c.phase) fm.phase = c.phase[0];
  if (c.firstSession !== undefined) fm.session = c.firstSession ? '1' : '2';
  return { group, fm };
}

describe('snippets: each element snippet supplies its missing element', () => {
  const byKind = new Map(templates(cat()).filter((t) => !t.format || t.format === 'narrative').map((t) => [t.kind, t]));
  for (const e of cat().elements.values()) {
    it(`${elementPrefix(e.id)} adds ${e.id}`, () => {
      const { group, fm } = situation(e);
      let text = insert(byKind.get(e.kind)!.snippet);
      for (const [k, v] of Object.entries(fm)) text = text.replace(new RegExp(`^${k}: .*$`, 'm'), `${k}: ${v}`);
      const section = expandSnippet(e.skeleton).replace(/\s+$/, '');
      text = text.replace(`${section}\n\n`, '').replace(`\n\n${section}`, '').replace(`${section}\n`, '');
      assert.ok(!text.includes(section), 'the template without the element');
      // Other sections whose heading also names the element go too ("How we will work" names contract.tasks as well).
      for (const s of parseRecord(text, cat()).sections.filter((x) => x.heading.depth === 2 && x.elements.includes(e.id)).reverse()) {
        text = text.slice(0, s.heading.start) + text.slice(s.end);
      }
      const about = (t: string) => check(t, group).findings.filter((f) => f.ruleId === e.id || f.ruleId.startsWith(`${e.id}-`));
      assert.ok(about(text).some((f) => f.ruleId === e.id), `${e.id} should be missing before the snippet`);

      const snippet = Object.values(all).find((s) => s.prefix === elementPrefix(e.id))!;
      const added = insert(snippet);
      const after = e.frontMatterOnly ? text.replace(/\n---\n/, `\n${added}\n---\n`) : `${text}\n\n${added}\n`;
      assert.deepEqual(about(after).map((f) => f.message), []);
    });
  }
});

describe('snippets: snippet syntax', () => {
  it('renumbers tab stops from a start, keeping mirrors, order and $0', () => {
    assert.deepEqual(renumber('${2:b} ${1:a} $1 ${3|x,y|} $0', 5), { text: '${6:b} ${5:a} $5 ${7|x,y|} $0', next: 8 });
    assert.deepEqual(renumber('${1:outer ${2:inner}}', 3), { text: '${3:outer ${4:inner}}', next: 5 });
    assert.deepEqual(renumber('no stops, \\$1 escaped', 3), { text: 'no stops, \\$1 escaped', next: 3 });
  });

  it('expands placeholders, choices, mirrors, variables and escapes as the editor inserts them', () => {
    assert.equal(expandSnippetText('${1:a ${2:b}} ${3|x,y|} $1 \\$4 \\} ${CURRENT_YEAR} $CURRENT_MONTH ${TM_FILENAME:new.md} $ 5', { variables: TODAY }), 'a b x a b $4 } 2027 03 new.md $ 5');
    assert.equal(expandSnippetText('${1:a}-${2:b}', { fill: (n) => (n === 2 ? 'B' : undefined) }), 'a-B');
  });

  it('rejects what the editor would insert as literal text', () => {
    for (const bad of ['${1:unterminated', '${1|a,b}', '${', '${CURRENT_YEAR/x/y/}']) assert.throws(() => parseSnippet(bad), SnippetSyntaxError, bad);
    assert.throws(() => expandSnippetText('$NOT_A_VARIABLE'), SnippetSyntaxError);
  });
});
