import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, extension, NOTE_09, open } from '../helpers';

describe('activation', () => {
  it('activates by itself when a record is opened, and starts its language server', async () => {
    assert.ok(vscode.workspace.isTrusted, 'the trusted suite runs in a trusted folder');
    await open(NOTE_09);
    const api = await activated();
    assert.equal(extension().isActive, true);
    assert.ok(api.client.isRunning(), 'language client running');
    assert.ok(api.client.initializeResult?.capabilities.diagnosticProvider, 'VS Code pulls diagnostics: the server announced a diagnostic provider');
  });
});
