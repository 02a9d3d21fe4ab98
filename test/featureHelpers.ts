import type { CompletionItem, TextEdit } from 'vscode-languageserver';
import { checkRecord } from '../server/src/core/check';
import { parseRecord } from '../server/src/core/record';
import { LineIndex } from '../server/src/core/text';
import type { FeatureContext, WorkspaceFacts } from '../server/src/features/context';
import { parseProfile } from '../server/src/workspace/profile';
import { cat, DEFAULT_GROUP } from './helpers';
import type { CodeAction } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkRecordFile } from '../server/src/workspace/checkFile';
import { ProfileSet } from '../server/src/workspace/profiles';

/**
 * In-process editor-feature tests. A record is written with a cursor marker, `|` by default,
 * where the cursor is: `status: dr|`. The marker is removed before parsing; its position is
 * the offset passed to the feature. Pick another `marker` when the text needs a literal `|`.
 */
export interface FeatureCase {
  ctx: FeatureContext;
  offset: number;
  text: string;
}

export interface CaseOptions {
  /** group.yaml text governing the record; `null` for none. Defaults to DEFAULT_GROUP. */
  group?: string | null;
  workspace?: Partial<WorkspaceFacts>;
  marker?: string;
}

export function at(source: string, opts: CaseOptions = {}): FeatureCase {
  const marker = opts.marker ?? '|';
  const offset = source.indexOf(marker);
  if (offset < 0) throw new Error(`no cursor marker ${marker} in the test text`);
  const text = source.slice(0, offset) + source.slice(offset + marker.length);
  const catalogue = cat();
  const rec = parseRecord(text, catalogue);
  const group = opts.group === null ? undefined : parseProfile(opts.group ?? DEFAULT_GROUP).facts;
  const workspace: WorkspaceFacts = { groupIds: group ? [group.id] : [], reviewers: [], goals: [], ...opts.workspace };
  const ctx: FeatureContext = { uri: 'file:///virtual/group/record.md', rec, cat: catalogue, group, findings: checkRecord(rec, catalogue, { group }), workspace };
  return { ctx, offset, text };
}

/** The document after applying an item's edit (plain text: snippet syntax is left as is). */
export function applyItem(text: string, it: CompletionItem): string {
  const edit = it.textEdit as TextEdit;
  const lines = new LineIndex(text);
  const start = lines.offsetAt(edit.range.start);
  const end = lines.offsetAt(edit.range.end);
  return text.slice(0, start) + edit.newText + text.slice(end);
}

/** The text an item's edit replaces. */
export function replaced(text: string, it: CompletionItem): string {
  const edit = it.textEdit as TextEdit;
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(edit.range.start), lines.offsetAt(edit.range.end));
}

export const labels = (items: readonly CompletionItem[]) => items.map((i) => i.label);

/** Group profile with a roster name and needs, to prove names never surface. */
export const NAMED_GROUP = `id: named-group
name: Named Group
type: support
modality: online
open: true
workers: ["J. Rivera, MSW", "K. Chen"]
schedule: { start: 2027-02-07, end: 2027-05-02, sessions: 12 }
members:
  - { id: M01, initials: A.B., name: Alice Bobson, joined: 2027-02-07, consent: 2027-02-01, needs: [interpreter-spanish] }
  - { id: M02, initials: C.D., name: Carl Dobbins, joined: 2027-03-07, consent: 2027-03-01, mandated: true }
  - { id: M03, initials: E.F., name: Erin Fox, joined: 2027-02-07, left: 2027-02-21 }
`;

// ---- Code actions, symbols, status: records checked as the server checks them. ----

export interface RecordCase {
  ctx: FeatureContext;
  text: string;
  /** Offsets of the `⟨…⟩` range, or of the `‸` cursor (empty), or the whole document without a marker. */
  range: { start: number; end: number };
}

export interface RecordOptions {
  /** group.yaml text governing the record; `null` for none. Defaults to DEFAULT_GROUP. */
  group?: string | null;
  path?: string;
  docsBase?: string;
}

/**
 * A record with an optional cursor `‸` or range `⟨…⟩` (markers removed), its findings from
 * checkRecordFile (group findings included, as the server publishes them) and its FeatureContext.
 */
export function recordAt(source: string, opts: RecordOptions = {}): RecordCase {
  let text = source;
  let range: { start: number; end: number } | undefined;
  const open = text.indexOf('⟨');
  if (open >= 0) {
    text = text.slice(0, open) + text.slice(open + 1);
    const close = text.indexOf('⟩');
    if (close < 0) throw new Error('a ⟨ range without its ⟩');
    text = text.slice(0, close) + text.slice(close + 1);
    range = { start: open, end: close };
  } else {
    const caret = text.indexOf('‸');
    if (caret >= 0) { text = text.slice(0, caret) + text.slice(caret + 1); range = { start: caret, end: caret }; }
  }
  const ctx = contextOf(text, opts);
  return { ctx, text, range: range ?? { start: 0, end: text.length } };
}

/** The FeatureContext of a record text, its findings from checkRecordFile. */
export function contextOf(text: string, opts: RecordOptions = {}): FeatureContext {
  const catalogue = cat();
  const path = opts.path ?? '/virtual/group/record.md';
  const profiles = new ProfileSet();
  const groupText = opts.group === null ? undefined : opts.group ?? DEFAULT_GROUP;
  const group = groupText ? profiles.add('/virtual/group/group.yaml', groupText).parsed.facts : undefined;
  const checked = checkRecordFile(path, { text }, catalogue, profiles);
  return {
    uri: 'file:///virtual/group/record.md', rec: parseRecord(text, catalogue), cat: catalogue, group, findings: checked.findings,
    workspace: { groupIds: group ? [group.id] : [], reviewers: [], goals: [] }, docsBase: opts.docsBase,
  };
}

/** The text after a code action's edits, applied through LSP positions as an editor applies them. */
export function applyAction(text: string, action: CodeAction, uri = 'file:///virtual/group/record.md'): string {
  const edits = action.edit?.changes?.[uri] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), edits);
}

/** Front matter and title of the middle-phase session note several feature tests build on. */
export const SESSION6_HEAD = `---
record: session-note
group: fixture-group
date: 2027-02-14
session: 6
phase: middle
attendance: { present: [M01, M02, M03], absent: [] }
---

# Session 6 — Teen Grief Group
`;
