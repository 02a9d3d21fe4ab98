import { MarkupKind, type Hover } from 'vscode-languageserver';
import { annotations } from '../core/checks/review';
import { goalDefinitions, goalReferences } from '../core/goals';
import type { FeatureContext } from './context';
import { cursorLine, inCode, inFrontMatter, rangeOf, wordAt } from './cursor';
import { featureFacts } from './facts';
import { fieldInfo, fieldMarkdown, valueText } from './fieldDocs';
import { effectiveKind, owningEntry, rawKeys } from './frontMatterScan';
import { goalMarkdown } from './goalDocs';
import { memberMarkdown, unknownMemberMarkdown } from './memberDocs';
import { reviewMarkdown } from './reviewDocs';
import { sectionMarkdown } from './sectionHover';

export interface HoverOptions {
  /** Base URL of the rule docs (docs/rules/); `ctx.docsBase` when not given; without either, no links. */
  docsBase?: string;
}

/**
 * What the thing under the cursor means: an element's heading (what the standard asks and why
 * it applies here), a front-matter key, a member id, a goal reference or a review marker.
 */
export function hover(ctx: FeatureContext, offset: number, opts: HoverOptions = {}): Hover | null {
  try {
    const at = cursorLine(ctx.rec, offset).offset;
    opts = { ...opts, docsBase: opts.docsBase ?? ctx.docsBase };
    return inFrontMatter(ctx.rec, at) ? frontMatterHover(ctx, at, opts) : ctx.rec.isRecord && at >= ctx.rec.bodyStart ? bodyHover(ctx, at, opts) : null;
  } catch {
    // Hovers are read while typing; an unforeseen shape of a half-written record shows nothing.
    return null;
  }
}

function result(ctx: FeatureContext, start: number, end: number, value: string): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: rangeOf(ctx.rec, start, end) };
}

function frontMatterHover(ctx: FeatureContext, offset: number, opts: HoverOptions): Hover | null {
  const { rec, cat } = ctx;
  const line = rec.lines.lineOf(offset);
  const kind = effectiveKind(rec);
  const key = rawKeys(rec).find((k) => k.line === line && offset >= k.start && offset <= k.end);
  if (key) {
    const info = fieldInfo(cat, key.key, kind);
    return info ? result(ctx, key.start, key.end, fieldMarkdown(info, opts.docsBase)) : null;
  }
  const word = wordAt(rec, offset);
  const owner = owningEntry(rec, line);
  if (!word || !owner || word.start < owner.key.end) return null;
  if (owner.key.key === 'attendance') {
    if (/^(?:present|absent)$/.test(word.text) && /^[ \t]*:/.test(rec.text.slice(word.end))) return null;
    return memberHover(ctx, word, true);
  }
  if (owner.key.line === line) {
    const value = valueWord(rec.text, word);
    const text = valueText(cat, owner.key.key, value.text);
    if (text) return result(ctx, value.start, value.end, `**${value.text}** — ${text}`);
    if (owner.key.key === 'group' && ctx.group && value.text === ctx.group.id) return result(ctx, value.start, value.end, groupMarkdown(ctx));
  }
  return null;
}

/** A value such as `session-note` or `ending-summary`: the word with its dashes. */
function valueWord(text: string, w: { start: number; end: number }): { start: number; end: number; text: string } {
  let s = w.start, e = w.end;
  while (s > 0 && /[\w-]/.test(text[s - 1])) s--;
  while (e < text.length && /[\w-]/.test(text[e])) e++;
  return { start: s, end: e, text: text.slice(s, e) };
}

function groupMarkdown(ctx: FeatureContext): string {
  const g = ctx.group!;
  const bits = [g.type, g.modality, g.open ? 'open-ended' : 'closed', `${g.members.length} member${g.members.length === 1 ? '' : 's'}`, `${g.workers.length} worker${g.workers.length === 1 ? '' : 's'}`];
  return `**${g.id}**${g.name ? ` — ${g.name}` : ''}\n\n${bits.filter(Boolean).join(' · ')}`;
}

function bodyHover(ctx: FeatureContext, offset: number, opts: HoverOptions): Hover | null {
  const { rec } = ctx;
  for (const a of annotations(rec)) {
    if (offset >= a.markerSpan.start && offset <= a.markerSpan.end) return result(ctx, a.markerSpan.start, a.markerSpan.end, reviewMarkdown(ctx.cat, a.resolved, opts.docsBase, a));
  }
  const ref = goalReferences(rec).find((r) => offset >= r.start && offset <= r.end);
  if (ref) return result(ctx, ref.start, ref.end, goalHoverMarkdown(ctx, ref.id));
  const word = wordAt(rec, offset);
  if (word && !inCode(rec, word.start)) {
    const mention = rec.text[word.start - 1] === '@' && !/[\w.]/.test(rec.text[word.start - 2] ?? '');
    const h = memberHover(ctx, word, mention);
    if (h) return mention ? { ...h, range: rangeOf(rec, word.start - 1, word.end) } : h;
  }
  for (const s of rec.sections) {
    const end = s.heading.kind.endsWith('label') ? s.heading.contentStart : s.heading.end;
    if (offset < s.heading.start || offset > end) continue;
    const md = sectionMarkdown(ctx, s, opts.docsBase);
    return md ? result(ctx, s.heading.start, end, md) : null;
  }
  return null;
}

/** A roster id: always in attendance and after `@`; elsewhere only when it is one. */
function memberHover(ctx: FeatureContext, word: { start: number; end: number; text: string }, anyId: boolean): Hover | null {
  const m = ctx.group?.members.find((x) => x.id === word.text);
  if (m) return result(ctx, word.start, word.end, memberMarkdown(m, featureFacts(ctx).date));
  if (!anyId || !/^[A-Za-z][A-Za-z0-9_]*$/.test(word.text)) return null;
  return result(ctx, word.start, word.end, unknownMemberMarkdown(word.text, ctx.group));
}

function goalHoverMarkdown(ctx: FeatureContext, id: string): string {
  const local = ctx.rec.kind === 'contract' ? goalDefinitions(ctx.rec).find((g) => g.id === id) : undefined;
  if (local) return `${goalMarkdown(local)}\n\nDefined in this contract, line ${ctx.rec.lines.lineOf(local.start) + 1}.`;
  const g = ctx.workspace.goals.find((x) => x.id === id);
  if (g) {
    const where = ctx.workspace.contractUri ? `[the group's contract](${ctx.workspace.contractUri})` : "the group's contract";
    return `${goalMarkdown(g)}\n\nDefined in ${where}.`;
  }
  return `**${id}** — no goal with this id is defined in the group's contract (\`goals.unknown\`). Goals are list items such as \`- G1: …\` or \`- M01-G1: …\` in the contract.`;
}
