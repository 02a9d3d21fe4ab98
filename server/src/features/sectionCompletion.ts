import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { levelLabel } from '../core/context';
import { ruleDocUrl } from '../core/docs';
import type { FeatureContext } from './context';
import { eolOf, inCode, type CursorLine } from './cursor';
import { item, pad, snippetEscape } from './completionItems';
import { shiftHeadings } from '../core/sectionInsert';
import { missingSections, sectionDepth, type MissingSection } from './missingSections';

// An empty line, a heading being typed (`##`, `## Sess`), or one word at the start of a line.
const EMPTY = /^[ \t]{0,3}$/;
const HASHES = /^[ \t]{0,3}(#{1,6}(?:[ \t][^#]*)?)$/;
const WORD = /^[ \t]{0,3}([A-Za-z][\w'’-]*)$/;

/** At the start of a line in the body: the sections this record still lacks, inserted as their skeletons. */
export function sectionCompletions(ctx: FeatureContext, cur: CursorLine, docsBase?: string): CompletionItem[] {
  const { rec } = ctx;
  if (cur.offset < rec.bodyStart || !/^[ \t]*$/.test(cur.after) || inCode(rec, cur.start)) return [];
  const typed = EMPTY.test(cur.before) ? '' : (HASHES.exec(cur.before)?.[1] ?? WORD.exec(cur.before)?.[1]);
  if (typed === undefined) return [];
  const missing = missingSections(ctx);
  if (!missing.length) return [];
  const start = cur.offset - typed.length;
  const eol = eolOf(rec.text);
  const depth = sectionDepth(rec);
  // Blank lines around the new section keep it from merging with the paragraphs beside it.
  const prev = cur.line > 0 ? rec.text.slice(rec.lines.lineStart(cur.line - 1), rec.lines.lineEnd(cur.line - 1)) : '';
  const lead = prev.trim() ? eol : '';
  const hasNext = cur.line + 1 < rec.lines.lineCount;
  const next = hasNext ? rec.text.slice(rec.lines.lineStart(cur.line + 1), rec.lines.lineEnd(cur.line + 1)) : '';
  const trail = next.trim() ? eol : '';
  return missing.map((m, i) => {
    const { label, body, detail, doc, sort } = describe(m, depth, eol, docsBase);
    const heading = `${'#'.repeat(depth)} ${label}`;
    return item(rec, start, cur.offset, {
      label, kind: CompletionItemKind.Snippet, snippet: true,
      newText: lead + body + trail,
      detail, doc, description: m.type === 'element' ? levelLabel(m.applies.level) : 'format section',
      sortText: `${sort}-${pad(i)}`,
      filterText: typed.startsWith('#') ? heading : label,
    });
  });
}

function describe(m: MissingSection, depth: number, eol: string, docsBase?: string) {
  if (m.type === 'format') {
    return {
      label: m.title,
      body: `${'#'.repeat(depth)} ${snippetEscape(m.title)}${eol}${eol}$1`,
      detail: `${m.format.toUpperCase()} section`,
      doc: `A section of the ${m.format.toUpperCase()} note format; it stands for ${m.satisfies.map((s) => `\`${s}\``).join(', ')}.`,
      sort: '0',
    };
  }
  const e = m.element;
  const level = levelLabel(m.applies.level);
  const why = m.applies.because ? ` ${m.applies.because}` : '';
  const doc = [
    `**${e.title}** · \`${e.id}\` · ${e.cite.join(', ')}`,
    `${cap(level)} here${why}.`,
    e.guidance.trim(),
    ...(docsBase ? [`[Rule \`${e.id}\`](${ruleDocUrl(e.id, docsBase)})`] : []),
  ].join('\n\n');
  return { label: e.title, body: shiftHeadings(e.skeleton.replace(/\r\n?/g, '\n').replace(/\n+$/, ''), depth, eol), detail: `${level}${why} · ${e.cite.join(', ')}`, doc, sort: String(1 + ['required', 'recommended', 'guidance'].indexOf(m.applies.level)) };
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
