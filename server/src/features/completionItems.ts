import { InsertTextFormat, MarkupKind, type CompletionItem, type CompletionItemKind } from 'vscode-languageserver';
import type { ParsedRecord } from '../core/record';
import { rangeOf } from './cursor';

/** Builds an item whose edit replaces exactly [start, end): the token typed so far, nothing else. */
export function item(
  rec: ParsedRecord,
  start: number,
  end: number,
  o: { label: string; kind: CompletionItemKind; newText: string; snippet?: boolean; detail?: string; description?: string; doc?: string; sortText?: string; filterText?: string; preselect?: boolean; retrigger?: boolean },
): CompletionItem {
  const it: CompletionItem = {
    label: o.label,
    kind: o.kind,
    textEdit: { range: rangeOf(rec, start, end), newText: o.newText },
    insertTextFormat: o.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (o.detail) it.detail = o.detail;
  if (o.description) it.labelDetails = { description: o.description };
  if (o.doc) it.documentation = { kind: MarkupKind.Markdown, value: o.doc };
  if (o.sortText) it.sortText = o.sortText;
  if (o.filterText) it.filterText = o.filterText;
  if (o.preselect) it.preselect = true;
  // Choosing a key goes straight on to its values.
  if (o.retrigger) it.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  return it;
}

export const pad = (n: number) => String(n).padStart(3, '0');

/** Snippet syntax gives `$`, `}` and `\` meaning; text from the user's files must not gain it. */
export function snippetEscape(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
}
