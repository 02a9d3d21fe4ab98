import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { goalReferences } from '../../server/src/core/goals';
import { parseRecord } from '../../server/src/core/record';
import { cat } from '../helpers';

const PATH = 'syntaxes/group-records.injection.tmLanguage.json';

interface Rule { match?: string; begin?: string; end?: string; while?: string; patterns?: Rule[]; include?: string }
const grammar = JSON.parse(readFileSync(PATH, 'utf8')) as { scopeName: string; injectionSelector: string; patterns: Rule[]; repository: Record<string, Rule> };

function regexes(): Array<{ where: string; source: string }> {
  const out: Array<{ where: string; source: string }> = [];
  const walk = (r: Rule, where: string) => {
    for (const k of ['match', 'begin', 'end', 'while'] as const) if (r[k] !== undefined) out.push({ where: `${where}.${k}`, source: r[k]! });
    r.patterns?.forEach((p, i) => walk(p, `${where}.patterns[${i}]`));
  };
  grammar.patterns.forEach((p, i) => walk(p, `patterns[${i}]`));
  for (const [name, r] of Object.entries(grammar.repository)) walk(r, name);
  return out;
}

/** The bodies of the lookbehinds in a regex source, found by counting parentheses. */
function lookbehinds(src: string): string[] {
  const out: string[] = [];
  for (const m of src.matchAll(/(?<!\\)\(\?<[=!]/g)) {
    const at = m.index!;
    let depth = 0;
    let inClass = false;
    for (let i = at; i < src.length; i++) {
      const c = src[i];
      if (c === '\\') { i++; continue; }
      if (inClass) { if (c === ']') inClass = false; continue; }
      if (c === '[') inClass = true;
      else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) { out.push(src.slice(at + 4, i)); break; }
    }
  }
  return out;
}

/** What a repository pattern highlights in a line: the id it captures (or the whole match). */
function hits(name: string, line: string, group = 2): string[] {
  const re = new RegExp(grammar.repository[name].match!, 'gu');
  return [...line.matchAll(re)].map((m) => m[group] ?? m[0]);
}

describe('grammar: the injection grammar file', () => {
  it('loads as JSON and injects into Markdown, outside code and link targets', () => {
    assert.equal(grammar.scopeName, 'markdown.group-records.injection');
    assert.match(grammar.injectionSelector, /^L:text\.html\.markdown\b/);
    for (const excluded of ['markup.fenced_code', 'markup.inline.raw', 'markup.raw', 'markup.underline.link']) {
      assert.ok(grammar.injectionSelector.includes(` -${excluded}`), excluded);
    }
  });

  it('is the grammar package.json contributes to text.html.markdown, next to the snippets', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    const g = pkg.contributes.grammars.find((x: { path: string }) => x.path === `./${PATH}`);
    assert.deepEqual(g, { scopeName: grammar.scopeName, path: `./${PATH}`, injectTo: ['text.html.markdown'] });
    assert.ok(pkg.contributes.snippets.some((s: { language: string; path: string }) => s.language === 'markdown' && s.path === './snippets/group-records.code-snippets'));
  });

  it('resolves every include', () => {
    const includes = [...JSON.stringify(grammar).matchAll(/"include":\s*"#([^"]+)"/g)].map((m) => m[1]);
    for (const i of includes) assert.ok(grammar.repository[i], i);
  });

  for (const { where, source } of regexes()) {
    it(`${where} compiles as a JS RegExp and stays in the subset Oniguruma shares`, () => {
      assert.doesNotThrow(() => new RegExp(source), where);
      assert.doesNotThrow(() => new RegExp(source, 'u'), where);
      // Inline flags, \p{…}, \h, \A/\z/\Z, \G, atomic groups and possessive quantifiers mean something
      // else (or nothing) in one of the two engines.
      assert.doesNotMatch(source, /\(\?[imx]|\\[pPhHAzZG]|\(\?>|[*+?}][+]/, where);
      for (const body of lookbehinds(source)) {
        const bare = body.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'x');
        assert.doesNotMatch(bare, /[*+?{]/, `${where}: lookbehind (${body}) must be fixed-width`);
      }
    });
  }
});

describe('grammar: what it highlights', () => {
  const table: Record<string, Array<[string, string[]]>> = {
    'member-reference': [
      ['@M01 shared first.', ['M01']],
      ['M02 answered @M01, then @M03.', ['M01', 'M03']],
      ['(@M01) and **@M02** and @M1_b', ['M01', 'M02', 'M1_b']],
      ['jo@example.org', []],
      ['write to jo.smith@agency.org.', []],
      ['at @example.org', []],
      ['https://medium.com/@M01', []],
      ['M01@M02', []],
      ['@M01-G1', []],
      ['@1abc', []],
    ],
    'goal-reference': [
      ['Worked on #G1 and #M01-G1.', ['G1', 'M01-G1']],
      ['#G12, (#G2) and #G3: done', ['G12', 'G2', 'G3']],
      ['#GriefGroup #G #G1a #g1 #M01-G1-x', []],
      ['https://example.org/page#G1 and https://example.org/#G2', []],
      ['x#G1 ##G1 &#G1;', []],
    ],
    citation: [
      ['II.A, III.A.1, IV.A.2.b and VI.B', ['II.A', 'III.A.1', 'IV.A.2.b', 'VI.B']],
      ['(II.A.10) and IV.A.1–2, IV.A.2.a–i, I.B.3.g.', ['II.A.10', 'IV.A.1–2', 'IV.A.2.a–i', 'I.B.3.g']],
      ['see V.A.10, V.A.12.', ['V.A.10', 'V.A.12']],
      ['VI alone, I.e. this, I.E. that, II.C', []],
      ['CIV.A XIV.A.1 VII.A 3.IV.A II.A3 IV.A.2.bx', []],
    ],
  };
  for (const [name, rows] of Object.entries(table)) {
    for (const [line, want] of rows) {
      it(`${name}: ${JSON.stringify(line)} → ${want.length ? want.join(', ') : 'nothing'}`, () => {
        assert.deepEqual(hits(name, line, name === 'citation' ? 0 : 2), want);
      });
    }
  }

  it('review markers: marker, reviewer and date', () => {
    const re = new RegExp(grammar.repository['review-marker'].match!, 'u');
    const parts = (line: string) => { const m = re.exec(line); return m && [m[2] ?? m[3], m[6], m[7]]; };
    assert.deepEqual(parts('> [!REVIEW] @kchen 2027-03-15 Please state the limits.'), ['REVIEW', 'kchen', '2027-03-15']);
    assert.deepEqual(parts('> [!RESOLVED]'), ['RESOLVED', undefined, undefined]);
    assert.deepEqual(parts('> [!review] @k.chen'), ['review', 'k.chen', undefined]);
    assert.deepEqual(parts('> \\[!REVIEW\\] 2027-03-15'), ['REVIEW', undefined, '2027-03-15']);
    assert.equal(parts('> [!NOTE] and [!REVIEWED]'), null);
  });

  it('goal references: the same as the checker reads outside code', () => {
    const lines = table['goal-reference'].map(([l]) => l);
    const rec = parseRecord(`---\nrecord: session-note\n---\n\n${lines.join('\n\n')}\n`, cat());
    assert.deepEqual(goalReferences(rec).map((r) => r.id), lines.flatMap((l) => hits('goal-reference', l)));
  });

  it('citations: every citation in the catalogue', () => {
    const re = new RegExp(`^(?:${grammar.repository.citation.match})$`, 'u');
    const cites = [...cat().elements.values()].flatMap((e) => e.cite).concat([...cat().rules.values()].flatMap((r) => r.cite));
    assert.ok(cites.length > 50);
    for (const c of cites) assert.match(c, re);
  });
});
