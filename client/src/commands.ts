import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerReport } from './report';
import { registerSupervisionCommands } from './supervision';

const KINDS = [
  { label: 'Session note', recordKind: 'session-note', description: 'a note of one group session' },
  { label: 'Contract', recordKind: 'contract', description: 'the working agreement of the beginning phase' },
  { label: 'Group plan', recordKind: 'plan', description: 'the pre-group plan' },
  { label: 'Ending summary', recordKind: 'ending-summary', description: 'the summary written as the group ends' },
] as const;

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  const reg = (id: string, fn: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  reg('groupRecords.newRecord', async (arg?: unknown) => {
    const picked = typeof arg === 'string' ? KINDS.find((k) => k.recordKind === arg) : await vscode.window.showQuickPick([...KINDS], { title: 'New group record', placeHolder: 'Which kind of record?' });
    if (!picked) return undefined;
    const folder = targetFolder();
    if (!folder) { void vscode.window.showWarningMessage('Open a folder with a group.yaml first.'); return undefined; }
    const r = await client.sendRequest<{ fileName: string; text: string; groupFolderUri: string } | null>('groupRecords/newRecord', { folderUri: folder.toString(), kind: picked.recordKind });
    if (!r) return undefined;
    const uri = await freeName(vscode.Uri.joinPath(vscode.Uri.parse(r.groupFolderUri), r.fileName));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(r.text));
    await vscode.window.showTextDocument(uri);
    return uri;
  });

  reg('groupRecords.insertMissingSections', async () => {
    await vscode.commands.executeCommand('editor.action.sourceAction', { kind: 'source.insertMissingSections', apply: 'first' });
  });

  reg('groupRecords.showRuleDocumentation', async (arg?: unknown) => {
    let id = typeof arg === 'string' ? arg : undefined;
    if (!id) {
      const docs = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
      const entries = await vscode.workspace.fs.readDirectory(docs);
      const ids = entries.map(([n]) => n.replace(/\.md$/, '')).sort();
      const here = vscode.window.activeTextEditor
        ? vscode.languages.getDiagnostics(vscode.window.activeTextEditor.document.uri).map((d) => String(typeof d.code === 'object' ? d.code.value : d.code))
        : [];
      const ordered = [...new Set([...here.filter((x) => ids.includes(x)), ...ids])];
      id = await vscode.window.showQuickPick(ordered, { title: 'Rule documentation', placeHolder: 'Rule id (those of this record first)' });
    }
    if (!id) return;
    const doc = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${id}.md`);
    await vscode.commands.executeCommand('markdown.showPreview', doc);
  });

  registerSupervisionCommands(context, client);
  registerReport(context, client);
}

/** The active file's folder, or the first workspace folder. */
function targetFolder(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file') return vscode.Uri.joinPath(active, '..');
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** Never overwrite: `name.md`, then `name-2.md`, `name-3.md` … */
async function freeName(uri: vscode.Uri): Promise<vscode.Uri> {
  for (let i = 1; i < 100; i++) {
    const candidate = i === 1 ? uri : uri.with({ path: uri.path.replace(/\.md$/, `-${i}.md`) });
    try { await vscode.workspace.fs.stat(candidate); } catch { return candidate; }
  }
  return uri.with({ path: uri.path.replace(/\.md$/, `-${Date.now()}.md`) });
}
