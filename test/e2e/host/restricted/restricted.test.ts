import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, codeOf, diagnostics, extension, having, NOTE_09, open, poll, workspaceUri } from '../helpers';
import { trustedCodes } from './trustedServer';

/**
 * The folder (made by scripts/e2e.mjs from test/e2e/fixtures/restricted) has a `.group-records.yaml`
 * naming ./extra.yaml, a pack whose extra phrase makes session 9's "Before we meet again" its
 * Next steps section. Untrusted, the pack must not be read, so note.next-steps stays.
 */
describe('Restricted Mode (untrusted folder)', () => {
  it('opens untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the folder must open in Restricted Mode');
  });

  it('activates and checks records against the built-in standards, ignoring the workspace pack', async () => {
    const editor = await open(NOTE_09);
    assert.match(editor.document.getText(), /^## Before we meet again$/m, 'fixture: the heading only the pack recognises');
    const api = await activated();
    assert.ok(api.client.isRunning());
    await diagnostics(editor.document.uri, having('note.next-steps', 'record.empty-section'), 'note.next-steps (the pack ignored)');
  });

  it('says on `standards:` that the pack was not loaded', async () => {
    const config = await vscode.workspace.openTextDocument(workspaceUri('.group-records.yaml'));
    await vscode.window.showTextDocument(config);
    const ds = await diagnostics(config.uri, having('config.invalid'), 'the Restricted Mode note');
    const note = ds.find((d) => codeOf(d) === 'config.invalid')!;
    assert.equal(note.severity, vscode.DiagnosticSeverity.Information);
    assert.match(note.message, /Restricted Mode/);
    assert.equal(note.range.start.line, config.getText().split('\n').findIndex((l) => l.startsWith('standards:')));
  });

  it('tells it in the status item', async () => {
    await open(NOTE_09);
    const api = await activated();
    assert.ok(api.status, 'activate() returns the status item');
    await poll(() => /Restricted Mode/.test(api.status!.detail ?? ''), () => `"Restricted Mode" in the status detail (now "${api.status!.detail}")`);
  });

  it('control: trusted, the same pack settles note.next-steps (so the test above means something)', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const found = await trustedCodes(extension().extensionPath, root, workspaceUri(NOTE_09).fsPath);
    assert.ok(!found.includes('note.next-steps'), `trusted server still reports note.next-steps: ${JSON.stringify(found)}`);
    assert.ok(found.includes('record.empty-section'), JSON.stringify(found));
  });
});
