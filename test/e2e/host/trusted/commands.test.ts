import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, diagnostics, editing, having, NOTE_06, NOTE_09, open, poll, without, workspaceUri } from '../helpers';

const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

describe('commands', () => {
  before(async () => { await open(NOTE_09); await activated(); });

  it('New Record… (session-note) writes a note with its front matter and opens it', async () => {
    await open(NOTE_09);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('groupRecords.newRecord', 'session-note');
    assert.ok(uri, 'returns the new file');
    try {
      const text = await read(uri);
      assert.match(text, /^record: session-note$/m);
      assert.match(text, /^group: teen-grief-spring-2027$/m);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'opened in the editor');
      // A new note is a record like any other: checked at once (dated today, it is at least out of order with the sample's 2027 sessions).
      await diagnostics(uri, (ds) => ds.length > 0, 'findings for the new note');

      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('Insert Missing Sections adds the required sections a record lacks', () => editing(NOTE_09, async (editor) => {
    const doc = editor.document;
    await diagnostics(doc.uri, having('note.next-steps'), 'note.next-steps');
    await vscode.commands.executeCommand('groupRecords.insertMissingSections');
    await poll(() => /^#+ Next steps$/m.test(doc.getText()), 'a Next steps section to be inserted');
    await diagnostics(doc.uri, without('note.next-steps'), 'note.next-steps to go');
  }));

  it('Approve Record sets status, approver, date and hash in the front matter and saves', async function () {
    if (!(await vscode.commands.getCommands(true)).includes('groupRecords.approveRecord')) {
      this.skip(); // the command is not in this build yet: shows as pending, not as passed
    }
    await editing(NOTE_06, async (editor) => {
      const uri = editor.document.uri;
      // The approver's name as the argument skips the input box, as New Record…'s kind does.
      const run = vscode.commands.executeCommand('groupRecords.approveRecord', 'K. Chen');
      try {
        const text = await poll(async () => { const t = await read(uri); return /^approved_by:/m.test(t) ? t : undefined; },
          'approved_by in the saved file (if an input box is open, the command did not take the approver as its argument)', 20_000);
        await run;
        assert.match(text, /^status: approved$/m);
        assert.match(text, /^approved_by: "?K\. Chen"?$/m);
        assert.match(text, /^approved_on: "?\d{4}-\d{2}-\d{2}"?$/m);
        assert.match(text, /^approved_hash: /m);
        assert.equal(editor.document.isDirty, false, 'saved');
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      }
    });
  });

  it('Show Rule Documentation opens the rule\'s page', async () => {
    await vscode.commands.executeCommand('groupRecords.showRuleDocumentation', 'note.next-steps');
    await poll(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label.includes('note.next-steps')),
      () => `a tab for note.next-steps.md (tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', ')})`);
    assert.ok(await vscode.workspace.fs.stat(workspaceUri(NOTE_09)));
  });
});
