import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { markdownFiles, ROOT, withGeneratedCorpus } from '../helpers';
import { outline } from '../../server/src/core/outline';
import { guardForParse } from '../../server/src/core/guard';
import { treeOutline } from '../treeOutline';

/**
 * The checker reads its outline from micromark's event stream; these tests hold it to what a walk
 * of remark's mdast tree of the same text gives (test/treeOutline.ts), on every Markdown file in
 * the repository, a generated corpus, hand-written edge cases and random documents.
 */

function same(raw: string, name = JSON.stringify(raw.slice(0, 200))): void {
  // record.ts hands the parser a space for a BOM; the tree walk would miscount offsets after one.
  const text = raw.replace(/^\uFEFF/, ' ');
  assert.deepEqual(outline(text), treeOutline(text), name);
  // Offsets pass through toOriginal in the same places (the guard shifts them on hostile input).
  const shift = (x: number) => x * 2 + 7;
  assert.deepEqual(outline(text, shift), treeOutline(text, shift), `${name} (mapped)`);
}

describe('outline from micromark events equals the remark tree walk', function () {
  it('on every Markdown file in the repository (fixtures, sample, docs)', function () {
    const files = ['test', 'sample', 'docs', 'standards'].flatMap((d) => (existsSync(join(ROOT, d)) ? markdownFiles(join(ROOT, d)) : [])).concat(join(ROOT, 'README.md'));
    assert.ok(files.length > 100, `only ${files.length} files`);
    for (const f of files) same(readFileSync(f, 'utf8'), f.slice(ROOT.length + 1));
  });

  it('on a generated corpus', function () {
    const ran = withGeneratedCorpus('outline', (files) => {
      assert.ok(files.length > 50);
      for (const f of files) same(readFileSync(f, 'utf8'), f);
    });
    if (!ran) this.skip();
  });

  const cases: Record<string, string> = {
    'atx, setext, empty and closed headings': '# One\n\nTwo\n===\n\nThree *x* `y`\nmore\n---\n\n#\n\n## Four ##\n   ### Indented\n',
    'bold labels in every form': '**Focus:** text\n\n**Goals**\nnext\n\n**Summary**: rest\n\n**Plan** — dash\n\n**Bold** opening a sentence\n\n**Hard**  \nbreak\n\n**Space** \nline\n\n**Empty:**\n\n**x** *y*\n',
    'plain labels': 'Summary: text\n\nNote:\nnext\n\nA very long label with many many words here: no\n\nlower: no\n\nSummary:*x*\n',
    'label lists': '- **Focus:** a\n- **Process:**\n  more\n\n  more still\n- plain item\n-\n- > quote\n\n1. **Plan** — x\n2. y\n',
    'plain lists and nested lists': '- a\n  - b\n    - c\n\n- d\n\n  para\n* e\n\n1) f\n',
    'blockquotes and annotations': '> [!REVIEW] check\n> more\n\n> plain quote\n\n- > [!RESOLVED] nested\n\n> > [!REVIEW] deep\n',
    'comments and html': '<!-- a -->\n\n<div>\nx\n</div>\n\ntext <!-- inline\nwrapped --> more\n\n- <!-- in list\n  two lines -->\n\n> <!-- quoted\n> comment -->\n',
    'code blocks and spans': '```\ncode\n```\n\n    indented\n\n~~~md\n# not a heading\n~~~\n\ntext `a\nb` and ``c``\n\n- ```\n  in list\n  ```\n',
    'tabs and CRLF': '#\tTab heading\r\n\r\n-\t**Focus:**\ttab\r\n\t- nested\r\n\r\n**Label:**\r\ntext\r\n',
    'front matter, thematic breaks, lazy lines': '---\nrecord: plan\n---\n\n***\n\n> quote\nlazy line\n\n- item\nlazy\n',
    'unclosed things': '```\nnever closed\n\n<!-- never closed\n\n**bold never closed\n',
    'empty and whitespace documents': '',
  };
  for (const [name, text] of Object.entries(cases)) it(name, () => { same(text); same(text.replace(/\n/g, '\r\n')); });
  it('whitespace only', () => { same('   \n\n\t\n'); same('\n'); });

  it('on random documents built from the constructs records use (fast-check)', function () {
    const inline = fc.constantFrom('text', '**Focus:**', '**Bold**', '*em*', '_u_', '`code`', '<!-- c -->', '<b>', 'Summary:', ':', ' — ', '  ', '\t', '[!REVIEW]', '**', '`', '<!--', '-->', 'é', '😀');
    const line = fc.tuple(
      fc.constantFrom('', '', '# ', '## ', '- ', '  - ', '    - ', '1. ', '> ', '> > ', '- > ', '   ', '    ', '\t', '```', '~~~', '===', '---', '***', '<!-- ', '<div>'),
      fc.array(inline, { maxLength: 5 }),
    ).map(([prefix, parts]) => prefix + parts.join(' '));
    const doc = fc.tuple(fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n', '\r')).map(([lines, eol]) => lines.join(eol));
    fc.assert(fc.property(doc, (text) => { same(text); }), { numRuns: Number(process.env.OUTLINE_RUNS ?? 1500) });
  });

  it('on hostile input after the parse guard', function () {
    for (const text of ['- '.repeat(3000) + 'x\n', '> '.repeat(2000) + 'y\n', '*'.repeat(5000) + '\n', '[' .repeat(4000) + '\n']) {
      const g = guardForParse(text);
      assert.deepEqual(outline(g.text, g.toOriginal), treeOutline(g.text, g.toOriginal));
    }
  });
});
