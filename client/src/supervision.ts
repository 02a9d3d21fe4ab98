import * as vscode from 'vscode';
import type { LanguageClient, WorkspaceEdit } from 'vscode-languageclient/node';
import { localToday } from '../../server/src/core/dates';

/** The last approver's name, offered again next time (per user, not per workspace). */
const LAST_APPROVER = 'groupRecords.lastApprover';

type ApproveResponse = { ok: true; edit: WorkspaceEdit; changed: boolean } | { ok: false; reason: string; needsForce: boolean };
type AddendumResponse = { ok: true; edit: WorkspaceEdit; warning?: string } | { ok: false; reason: string };

/** *Approve Record* and *Add Addendum*: the server computes the edits, the client applies and saves. */
export function registerSupervisionCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  const reg = (id: string, fn: () => Promise<unknown>) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  // The approver's name may be passed as the argument (as New Record… takes the kind): no input box then.
  reg('groupRecords.approveRecord', async (arg?: unknown) => {
    const doc = recordEditor()?.document;
    if (!doc) return;
    const by = typeof arg === 'string' && arg.trim() ? arg : await vscode.window.showInputBox({
      title: 'Approve record', prompt: 'Approved by (as it should appear in approved_by)',
      value: context.globalState.get<string>(LAST_APPROVER) ?? '', ignoreFocusOut: true,
      validateInput: (v) => (!v.trim() ? 'Enter the approver\'s name.' : /[\u0000-\u001f\u007f]/.test(v) ? 'One line of text, please.' : undefined),
    });
    if (!by?.trim()) return;
    await context.globalState.update(LAST_APPROVER, by.trim());
    const on = localToday();
    const ask = (force: boolean) => client.sendRequest<ApproveResponse | null>('groupRecords/approve', { uri: doc.uri.toString(), by, on, force });
    const version = doc.version;
    let r = await ask(false);
    if (r && !r.ok && r.needsForce) {
      const go = await vscode.window.showWarningMessage(`This record has ${r.reason.replace(/; fix .*$/, '')}. Approve anyway?`, { modal: true }, 'Approve Anyway');
      if (go !== 'Approve Anyway') return;
      r = await ask(true);
    }
    if (!r) { void vscode.window.showErrorMessage('The record could not be approved (see the Group Records output).'); return; }
    if (!r.ok) { void vscode.window.showErrorMessage(`Not approved: ${r.reason}.`); return; }
    await applyAndSave(doc, version, r.edit, client);
    if (r.changed) void vscode.window.showInformationMessage(`Approved by ${by.trim()} on ${on}.`);
  });

  reg('groupRecords.addAddendum', async () => {
    const editor = recordEditor();
    if (!editor) return;
    const doc = editor.document;
    const version = doc.version;
    const r = await client.sendRequest<AddendumResponse | null>('groupRecords/addendum', { uri: doc.uri.toString(), date: localToday() });
    if (!r?.ok) { void vscode.window.showErrorMessage(`No addendum added: ${r?.reason ?? 'the server did not answer'}.`); return; }
    if (!(await applyEdit(doc, version, r.edit, client))) return;
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    editor.revealRange(new vscode.Range(end, end));
    if (r.warning) void vscode.window.showWarningMessage(r.warning);
  });
}

function recordEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'markdown') return editor;
  void vscode.window.showWarningMessage('Open a group record (a Markdown file) first.');
  return undefined;
}

/** Applies the server's edit only to the version it was computed for: a newer text would get it in the wrong place. */
async function applyEdit(doc: vscode.TextDocument, version: number, edit: WorkspaceEdit, client: LanguageClient): Promise<boolean> {
  if (doc.version !== version) { void vscode.window.showWarningMessage('The record changed meanwhile; run the command again.'); return false; }
  const ok = await vscode.workspace.applyEdit(await client.protocol2CodeConverter.asWorkspaceEdit(edit));
  if (!ok) void vscode.window.showErrorMessage('The edit could not be applied.');
  return ok;
}

async function applyAndSave(doc: vscode.TextDocument, version: number, edit: WorkspaceEdit, client: LanguageClient): Promise<void> {
  if (await applyEdit(doc, version, edit, client)) await doc.save();
}

