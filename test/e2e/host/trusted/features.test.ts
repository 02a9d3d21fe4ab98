import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, codeOf, diagnostics, editing, having, hoverText, labelOf, NOTE_02, NOTE_09, open, without } from '../helpers';

/** Appends `text` to the document and returns the position after it. */
async function append(editor: vscode.TextEditor, text: string): Promise<vscode.Position> {
  const doc = editor.document;
  await editor.edit((e) => e.insert(doc.lineAt(doc.lineCount - 1).range.end, text));
  return doc.lineAt(doc.lineCount - 1).range.end;
}

/** The language features as VS Code itself calls them: through its provider commands. */
describe('completion, hover and code actions', () => {
  before(async () => { await open(NOTE_09); await activated(); });

  it('completes member ids after @', () => editing(NOTE_02, async (editor) => {
    const pos = await append(editor, '\n\nCheck in with @');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, pos, '@');
    const labels = list.items.map(labelOf);
    for (const id of ['M01', 'M07']) assert.ok(labels.some((l) => l.startsWith(id)), `${id} in ${JSON.stringify(labels)}`);
  }));

  it('completes a section heading the record still lacks', () => editing(NOTE_09, async (editor) => {
    const pos = await append(editor, '\n\n## ');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, pos);
    const labels = list.items.map(labelOf);
    assert.ok(labels.some((l) => /^next steps$/i.test(l)), `Next steps in ${JSON.stringify(labels.slice(0, 40))}`);
  }));

  it('explains a section heading on hover, citing the standard', async () => {
    const { document: doc } = await open(NOTE_09);
    const line = doc.getText().split('\n').findIndex((l) => l === '## Group dynamics');
    assert.ok(line > 0);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 5));
    const text = hoverText(hovers);
    assert.match(text, /\b[IV]+\.[A-Z]\.\d/, text);
  });

  it('offers the quick fix for a missing required section and applying it settles the finding', () => editing(NOTE_09, async (editor) => {
    const doc = editor.document;
    const d = (await diagnostics(doc.uri, having('note.next-steps'), 'note.next-steps')).find((x) => codeOf(x) === 'note.next-steps')!;
    // Items resolved as the light bulb would (the 5th argument): an edit may come from codeAction/resolve.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value, 10);
    const fix = actions.find((a) => /next steps/i.test(a.title));
    assert.ok(fix?.edit, `a quick fix with an edit among ${JSON.stringify(actions)}`);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(fix.isPreferred, true, 'preferred, so Ctrl+. / auto-fix pick it');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.match(doc.getText(), /^#+ Next steps$/m);
    await diagnostics(doc.uri, without('note.next-steps'), 'note.next-steps to go after the fix');
  }));
});
