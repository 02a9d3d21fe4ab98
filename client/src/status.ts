import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

interface StatusData { text: string; detail: string; severity: 'information' | 'warning' | 'error'; trustNote?: string }

const SEVERITY = {
  information: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
} as const;

/** The LanguageStatusItem of a record: kind, phase and required elements present, from the server. */
export class StatusItem implements vscode.Disposable {
  readonly item = vscode.languages.createLanguageStatusItem('groupRecords.status', [{ language: 'markdown' }]);
  private readonly subs: vscode.Disposable[] = [];
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'Group Records';
    this.item.text = 'Group record';
    this.item.command = { title: 'Insert missing sections', command: 'groupRecords.insertMissingSections' };
    this.subs.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.languages.onDidChangeDiagnostics(() => this.schedule()),
    );
    this.schedule();
  }

  /** Diagnostics arrive in bursts while typing: one status request per burst. */
  private schedule(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.update(), 150);
  }

  private async update(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'markdown') return;
    let data: StatusData | null = null;
    try { data = await this.client.sendRequest<StatusData | null>('groupRecords/status', { uri: doc.uri.toString() }); } catch { data = null; }
    if (!data) { this.item.text = 'Not a group record'; this.item.detail = ''; this.item.severity = SEVERITY.information; return; }
    this.item.text = data.text;
    this.item.detail = data.trustNote ? `${data.detail} ${data.trustNote}` : data.detail;
    this.item.severity = SEVERITY[data.severity] ?? SEVERITY.information;
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.item.dispose();
    for (const s of this.subs) s.dispose();
  }
}
