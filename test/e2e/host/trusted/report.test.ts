import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, NOTE_05, open, poll, workspaceUri } from '../helpers';

interface ReportResponse { html: string; title: string; groups: number }

const reportTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
  .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('groupRecords.report'));

describe('group report', () => {
  before(async () => { await open(NOTE_05); await activated(); });

  it('the server answers groupRecords/report with the group of a record, under the strict policy, linking through the open command', async () => {
    const api = await activated();
    const r = await poll(async () => {
      const x = await api.client.sendRequest<ReportResponse | null>('groupRecords/report', { uri: workspaceUri(NOTE_05).toString(), linkCommand: 'groupRecords.openReportLink' });
      return x && x.html.includes('Session 9') ? x : undefined;
    }, 'a report of the indexed sample group');
    assert.equal(r.groups, 1);
    assert.equal(r.title, 'Group report: Teen Grief Support Group');
    assert.ok(r.html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`));
    assert.ok(!/https?:|<script/i.test(r.html));
    assert.match(r.html, /href="command:groupRecords\.openReportLink\?%5B%22file%3A/);
  });

  it('Show Group Report opens the report in a webview panel', async () => {
    await open(NOTE_05);
    const groups = await vscode.commands.executeCommand<number | undefined>('groupRecords.showGroupReport');
    assert.equal(groups, 1);
    const tab = await poll(reportTab, 'the report tab');
    assert.equal(tab.label, 'Group report: Teen Grief Support Group');
    // Shown again, the one panel is reused.
    await vscode.commands.executeCommand('groupRecords.showGroupReport');
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('groupRecords.report')).length, 1);
    await vscode.window.tabGroups.close(tab);
  });

  it('a report link opens the record at the review', async () => {
    await vscode.commands.executeCommand('groupRecords.openReportLink', workspaceUri(NOTE_05).toString(), 23);
    await poll(() => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.path.endsWith('session-05.md') && e.selection.active.line === 23;
    }, 'session 5 open at line 24');
  });

  it('ignores links that are not files', async () => {
    await vscode.commands.executeCommand('groupRecords.openReportLink', 'https://example.org/', 0);
    await vscode.commands.executeCommand('groupRecords.openReportLink', { not: 'a string' });
  });
});
