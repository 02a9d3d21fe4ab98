import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const EXTENSION_ID = 'group-records.group-records';
export const NOTE_09 = 'teen-grief-spring-2027/notes/2027-04-04-session-09.md';
export const NOTE_05 = 'teen-grief-spring-2027/notes/2027-03-07-session-05.md';
export const NOTE_06 = 'teen-grief-spring-2027/notes/2027-03-14-session-06.md';
export const NOTE_02 = 'teen-grief-spring-2027/notes/2027-02-14-session-02.md';
export const PLAN = 'teen-grief-spring-2027/plan.md';

/** What the extension's `activate` returns (client/src/extension.ts). */
export interface Api { client: LanguageClient; status?: vscode.LanguageStatusItem }

/** Polls `get` until it returns something truthy; editors answer asynchronously, never on a fixed delay. */
export async function poll<T>(get: () => T | Promise<T>, what: string | (() => string), timeoutMs = 30_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function extension(): vscode.Extension<Api> {
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this editor`);
  return ext;
}

/**
 * The extension's API once the editor has activated it by itself. Never calls `activate()`: a
 * broken activation event must fail the suite, not be papered over.
 */
export async function activated(): Promise<Api> {
  const ext = extension();
  await poll(() => ext.isActive, 'the extension to activate (activationEvents)', 20_000);
  return ext.exports;
}

export function workspaceUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

export const codes = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).map(codeOf);

/** Waits until the editor shows diagnostics for `uri` that satisfy `ok`, and returns them. */
export function diagnostics(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  return poll(() => {
    const ds = vscode.languages.getDiagnostics(uri);
    return ok(ds) ? ds : undefined;
  }, () => `${what} in ${uri.path.split('/').pop()} (now: ${JSON.stringify(codes(uri))})`, timeoutMs);
}

export const having = (...ids: string[]) => (ds: vscode.Diagnostic[]) => ids.every((id) => ds.some((d) => codeOf(d) === id));
export const without = (...ids: string[]) => (ds: vscode.Diagnostic[]) => !ds.some((d) => ids.includes(codeOf(d)));

/**
 * Runs `fn` on a record, then puts the file back as it was, saved and closed: the suites share one
 * workspace, and an editor may have saved the edits meanwhile (the web workbench auto-saves).
 */
export async function editing<T>(rel: string, fn: (editor: vscode.TextEditor) => Promise<T>): Promise<T> {
  const uri = workspaceUri(rel);
  const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const editor = await open(rel);
  try {
    return await fn(editor);
  } finally {
    const doc = editor.document;
    if (doc.getText() !== original) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
      await vscode.workspace.applyEdit(edit);
    }
    if (doc.isDirty) await doc.save();
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }
}

export const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}
