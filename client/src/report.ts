import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Opens `[uri, line]` from a report link; the only command the report's webview may run. */
const OPEN_LINK = 'groupRecords.openReportLink';

interface ReportResponse { html: string; title: string; groups: number }

/**
 * *Show Group Report*: the server's HTML in a webview with scripts off, no local resources, and
 * command links limited to opening a record, so record text can never act in the page.
 */
export function registerReport(context: vscode.ExtensionContext, client: LanguageClient): void {
  let panel: vscode.WebviewPanel | undefined;

  context.subscriptions.push(vscode.commands.registerCommand('groupRecords.showGroupReport', async () => {
    const active = vscode.window.activeTextEditor?.document.uri;
    let r: ReportResponse | null = null;
    try {
      r = await client.sendRequest<ReportResponse | null>('groupRecords/report', {
        uri: active?.scheme === 'file' ? active.toString() : undefined, linkCommand: OPEN_LINK, generated: new Date().toLocaleString(),
      });
    } catch (err) {
      void vscode.window.showErrorMessage(`Group Records: the report could not be made (${(err as Error)?.message ?? String(err)}).`);
      return undefined;
    }
    if (!r) { void vscode.window.showWarningMessage('Group Records: the report could not be made; see the Group Records output.'); return undefined; }
    if (!panel) {
      panel = vscode.window.createWebviewPanel('groupRecords.report', r.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: false, enableForms: false, enableCommandUris: [OPEN_LINK], localResourceRoots: [], enableFindWidget: true,
      });
      panel.onDidDispose(() => { panel = undefined; }, undefined, context.subscriptions);
    } else panel.reveal(undefined, true);
    panel.title = r.title;
    panel.webview.html = r.html;
    return r.groups;
  }));

  context.subscriptions.push(vscode.commands.registerCommand(OPEN_LINK, async (uri?: unknown, line?: unknown) => {
    if (typeof uri !== 'string') return;
    let target: vscode.Uri;
    try { target = vscode.Uri.parse(uri, true); } catch { return; }
    if (target.scheme !== 'file') return;
    const at = typeof line === 'number' && Number.isInteger(line) && line >= 0 ? new vscode.Position(line, 0) : undefined;
    await vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.One, ...(at ? { selection: new vscode.Range(at, at) } : {}) });
  }));
}
