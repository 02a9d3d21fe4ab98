import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import type { MemberFacts } from '../core/context';
import type { FeatureContext } from './context';
import type { CursorLine } from './cursor';
import { item, pad } from './completionItems';
import { featureFacts } from './facts';
import { fieldInfo, fieldMarkdown, isBaseField, validKeys, valueText } from './fieldDocs';
import { effectiveKind, owningEntry, presentKeys } from './frontMatterScan';
import { currentOn, memberDetail, memberMarkdown } from './memberDocs';

/** Keys, values and attendance ids inside the front matter. */
export function frontMatterCompletions(ctx: FeatureContext, cur: CursorLine, today: string): CompletionItem[] {
  // Completing in the middle of a word would leave its tail behind.
  if (/^[\w-]/.test(cur.after)) return [];
  const attendance = attendanceCompletions(ctx, cur);
  if (attendance) return attendance;
  const key = /^([A-Za-z_][\w-]*)?$/.exec(cur.before);
  if (key) {
    if (/^[ \t]*$/.test(cur.after)) return keyCompletions(ctx, cur, true);
    if (/^[ \t]*:/.test(cur.after)) return keyCompletions(ctx, cur, false);
    return [];
  }
  const value = /^([A-Za-z_][\w-]*)[ \t]*:([ \t]*)(["']?)([\w.-]*)$/.exec(cur.before);
  if (value) return valueCompletions(ctx, cur, value[1], value[4], !value[2] && !value[3], today);
  const item_ = /^[ \t]*-[ \t]+([\w.-]*)$/.exec(cur.before);
  if (item_) {
    const owner = owningEntry(ctx.rec, cur.line);
    if (owner?.key.key === 'author') return valueCompletions(ctx, cur, 'author', item_[1], false, today);
  }
  return [];
}

/** Order in the list: what this kind of record needs first, what the approve command writes last. */
function keyRank(key: string, kind: string | undefined, isElementField: boolean): number {
  if (key === 'record') return 0;
  if (key === 'date' || (kind === 'session-note' && ['session', 'phase', 'attendance'].includes(key))) return 1;
  if (key.startsWith('approved_')) return 4;
  return isElementField ? 3 : 2;
}

function keyCompletions(ctx: FeatureContext, cur: CursorLine, withColon: boolean): CompletionItem[] {
  const { rec, cat } = ctx;
  const kind = effectiveKind(rec);
  const present = presentKeys(rec);
  const start = cur.offset - cur.before.length;
  const out: CompletionItem[] = [];
  validKeys(cat, kind).forEach((key, i) => {
    if (present.has(key)) return;
    const info = fieldInfo(cat, key, kind);
    if (!info) return;
    const rank = keyRank(key, kind, !isBaseField(key));
    const hasValues = !!info.values || key === 'date' || key === 'approved_on' || (key === 'group' && ctx.workspace.groupIds.length > 0)
      || (key === 'session' && ctx.workspace.nextSession !== undefined) || (key === 'author' && (ctx.group?.workers.length ?? 0) > 0);
    const attendance = key === 'attendance' && withColon;
    out.push(item(rec, start, cur.offset, {
      label: key,
      kind: CompletionItemKind.Property,
      newText: attendance ? 'attendance: { present: [$1], absent: [$2] }' : withColon ? `${key}: ` : key,
      snippet: attendance,
      detail: isBaseField(key) ? info.description : `satisfies “${info.element?.title ?? key}”`,
      doc: fieldMarkdown(info),
      sortText: `${rank}-${pad(i)}`,
      retrigger: withColon && (hasValues || attendance),
    }));
  });
  return out;
}

function valueCompletions(ctx: FeatureContext, cur: CursorLine, key: string, typed: string, needSpace: boolean, today: string): CompletionItem[] {
  const { rec, cat } = ctx;
  const start = cur.offset - typed.length;
  const sp = needSpace ? ' ' : '';
  const kind = effectiveKind(rec);
  const facts = featureFacts(ctx);
  const make = (label: string, o: { detail?: string; doc?: string; preselect?: boolean; text?: string } = {}, i = 0) =>
    item(rec, start, cur.offset, { label, kind: CompletionItemKind.Value, newText: sp + (o.text ?? label), detail: o.detail, doc: o.doc, preselect: o.preselect, sortText: pad(i), filterText: label });
  const info = fieldInfo(cat, key, kind);
  if (info?.values) {
    const preferred = key === 'phase' && facts.session === 1 ? 'beginning' : key === 'format' ? 'narrative' : key === 'status' ? 'draft' : undefined;
    return info.values.map((v, i) => make(v, { detail: valueText(cat, key, v)?.split(/(?<=[.:])\s/)[0], doc: valueText(cat, key, v), preselect: v === preferred }, i));
  }
  switch (key) {
    case 'group':
      return ctx.workspace.groupIds.map((id, i) => make(id, { detail: id === ctx.group?.id ? 'the group of this folder' : 'group profile', preselect: id === ctx.group?.id }, i));
    case 'date':
    case 'approved_on': {
      const next = key === 'date' ? ctx.workspace.nextSessionDate : undefined;
      const items = [make(today, { detail: next === today ? 'today — the next session date' : 'today', preselect: !next || next === today }, 1)];
      if (next && next !== today) items.unshift(make(next, { detail: 'the date of the group’s next session', preselect: true }, 0));
      return items;
    }
    case 'session':
      return ctx.workspace.nextSession !== undefined ? [make(String(ctx.workspace.nextSession), { detail: 'the next session number of this group', preselect: true })] : [];
    case 'author':
      return (ctx.group?.workers ?? []).map((w, i) => make(w, { detail: 'a worker of this group', text: yamlScalar(w) }, i));
    default:
      return [];
  }
}

/** A plain scalar when YAML reads it back unchanged, else a quoted one. */
function yamlScalar(s: string): string {
  return /^[\s\-?:,[\]{}#&*!|>'"%@`]|: | #|\s$/.test(s) || s === '' ? JSON.stringify(s) : s;
}

/** Member ids in `attendance` lists: `present: [M01, ` and `  - ` under `present:`/`absent:`. */
function attendanceCompletions(ctx: FeatureContext, cur: CursorLine): CompletionItem[] | undefined {
  const { rec } = ctx;
  const owner = owningEntry(rec, cur.line);
  if (owner?.key.key !== 'attendance') return undefined;
  const slice = rec.text.slice(owner.key.lineStart, cur.offset);
  let typed: string | undefined;
  const open = slice.lastIndexOf('[');
  if (open >= 0 && slice.indexOf(']', open) < 0 && /\b(?:present|absent)[ \t]*:[ \t]*$/.test(slice.slice(0, open))) {
    typed = /(?:^|[\s,])([\w-]*)$/.exec(slice.slice(open + 1))?.[1];
  } else {
    const block = /^[ \t]*-[ \t]+([\w-]*)$/.exec(cur.before);
    if (block && listKeyAbove(ctx, cur.line, owner.key.line)) typed = block[1];
  }
  if (typed === undefined) return /^[ \t]/.test(cur.before) || /\[/.test(cur.before) ? [] : undefined;
  const start = cur.offset - typed.length;
  // Ids listed elsewhere in this attendance entry are not offered again.
  const entry = rec.text.slice(owner.key.end, start) + rec.text.slice(cur.offset, owner.end);
  const listed = new Set(entry.match(/[A-Za-z][\w]*/g) ?? []);
  const date = featureFacts(ctx).date;
  const members: MemberFacts[] = ctx.group?.members ?? [];
  return members
    .filter((m) => !listed.has(m.id))
    .map((m, i) => item(rec, start, cur.offset, {
      label: m.id,
      kind: CompletionItemKind.Value,
      newText: m.id,
      detail: memberDetail(m),
      description: m.initials,
      doc: memberMarkdown(m, date),
      sortText: `${currentOn(m, date) ? 0 : 1}-${pad(i)}`,
    }));
}

/** Whether the block list the cursor's `- ` item is in hangs under `present:` or `absent:`. */
function listKeyAbove(ctx: FeatureContext, line: number, ownerLine: number): boolean {
  const { rec } = ctx;
  for (let l = line - 1; l >= ownerLine; l--) {
    const t = rec.text.slice(rec.lines.lineStart(l), rec.lines.lineEnd(l));
    if (/^[ \t]*(?:-[ \t]|-$|#|$)/.test(t)) continue;
    return /^[ \t]+(?:present|absent)[ \t]*:[ \t]*(?:#.*)?$/.test(t);
  }
  return false;
}
