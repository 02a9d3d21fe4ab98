import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import type { GoalDef } from '../core/goals';
import { goalDefinitions } from '../core/goals';
import type { FeatureContext } from './context';
import { inCode, type CursorLine } from './cursor';
import { item, pad, snippetEscape } from './completionItems';
import { featureFacts } from './facts';
import { goalMarkdown } from './goalDocs';
import { currentOn, memberDetail, memberMarkdown } from './memberDocs';
import { reviewMarkdown } from './reviewDocs';

const REVIEWER_AT = /^[ \t]*>[ \t]*\\?\[!(?:REVIEW|RESOLVED)\\?\][ \t]+@([\w.-]*)$/i;
const MARKER_START = /^[ \t]*>([ \t]?)(\\?\[?!?[A-Za-z]*)$/;
// Not after a letter (an e-mail address), nor after `@` or `.`.
const MENTION = /(?:^|[^\w@.`])@(\w*)$/;
// `#` after a letter, `&`, `/` or `#` is a URL fragment, an entity or a heading, not a reference.
const GOAL_REF = /(?:^|[^\p{L}\p{N}_&/#`])#([A-Za-z0-9-]*)$/u;

/** Reviewer handles, review markers, `@` member ids and `#` goal ids in the body. */
export function bodyCompletions(ctx: FeatureContext, cur: CursorLine, today: string): CompletionItem[] {
  if (/^[\w-]/.test(cur.after) || inCode(ctx.rec, cur.offset)) return [];
  let m = REVIEWER_AT.exec(cur.before);
  if (m) return reviewerItems(ctx, cur, m[1]);
  m = MARKER_START.exec(cur.before);
  if (m && markerPrefix(m[2])) return markerItems(ctx, cur, m[2], m[1] ? '' : ' ', today);
  m = MENTION.exec(cur.before);
  if (m) return memberItems(ctx, cur, m[1]);
  m = GOAL_REF.exec(cur.before);
  if (m) return goalItems(ctx, cur, m[1]);
  return [];
}

function markerPrefix(typed: string): boolean {
  const t = typed.replace(/^\\/, '').toUpperCase();
  return '[!REVIEW]'.startsWith(t) || '[!RESOLVED]'.startsWith(t);
}

function reviewerItems(ctx: FeatureContext, cur: CursorLine, typed: string): CompletionItem[] {
  return ctx.workspace.reviewers.map((r, i) => item(ctx.rec, cur.offset - typed.length, cur.offset, {
    label: r, kind: CompletionItemKind.Value, newText: r, detail: 'reviewer in this workspace', sortText: pad(i),
  }));
}

function markerItems(ctx: FeatureContext, cur: CursorLine, typed: string, space: string, today: string): CompletionItem[] {
  const start = cur.offset - typed.length;
  const doc = reviewMarkdown(ctx.cat, false);
  const out = ctx.workspace.reviewers.map((r, i) => item(ctx.rec, start, cur.offset, {
    label: `[!REVIEW] @${r} ${today}`, kind: CompletionItemKind.Snippet, snippet: true,
    newText: `${space}[!REVIEW] @${snippetEscape(r)} ${today} $0`,
    detail: `open a review as @${r}, dated today`, doc, sortText: `0-${pad(i)}`, filterText: `[!REVIEW] @${r}`,
  }));
  out.push(item(ctx.rec, start, cur.offset, {
    label: '[!REVIEW] @reviewer YYYY-MM-DD', kind: CompletionItemKind.Snippet, snippet: true,
    newText: `${space}[!REVIEW] @\${1:reviewer} \${2:${today}} $0`,
    detail: 'open a review annotation', doc, sortText: '1', filterText: '[!REVIEW]',
  }));
  out.push(item(ctx.rec, start, cur.offset, {
    label: '[!RESOLVED]', kind: CompletionItemKind.Snippet, newText: `${space}[!RESOLVED] `,
    detail: 'a review that has been addressed', doc: reviewMarkdown(ctx.cat, true), sortText: '2', filterText: '[!RESOLVED]',
  }));
  return out;
}

function memberItems(ctx: FeatureContext, cur: CursorLine, typed: string): CompletionItem[] {
  const date = featureFacts(ctx).date;
  return (ctx.group?.members ?? []).map((m, i) => item(ctx.rec, cur.offset - typed.length, cur.offset, {
    label: m.id, kind: CompletionItemKind.Value, newText: m.id,
    detail: memberDetail(m), description: m.initials, doc: memberMarkdown(m, date),
    sortText: `${currentOn(m, date) ? 0 : 1}-${pad(i)}`,
  }));
}

/** The workspace's goals; a contract's own goals too, as typed, before the workspace has seen them. */
function goalItems(ctx: FeatureContext, cur: CursorLine, typed: string): CompletionItem[] {
  const goals = new Map<string, GoalDef>();
  if (ctx.rec.kind === 'contract') for (const g of goalDefinitions(ctx.rec)) if (!goals.has(g.id)) goals.set(g.id, g);
  for (const g of ctx.workspace.goals) if (!goals.has(g.id)) goals.set(g.id, g);
  return [...goals.values()].map((g, i) => item(ctx.rec, cur.offset - typed.length, cur.offset, {
    label: g.id, kind: CompletionItemKind.Reference, newText: g.id,
    detail: shorten(g.text, 80) || (g.member ? `a goal of ${g.member}` : 'a group goal'),
    doc: goalMarkdown(g), sortText: `${g.member ? 1 : 0}-${pad(i)}`,
  }));
}

function shorten(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
