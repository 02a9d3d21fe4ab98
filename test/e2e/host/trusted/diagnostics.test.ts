import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, codeOf, diagnostics, having, NOTE_05, NOTE_09, open, PLAN, without } from '../helpers';

describe('diagnostics', () => {
  before(async () => { await open(NOTE_09); await activated(); });

  it('shows the sample group\'s findings with their rule ids, severities and documentation links', async () => {
    const note = (await open(NOTE_09)).document.uri;
    const ds = await diagnostics(note, having('note.next-steps', 'record.empty-section'), 'note.next-steps and record.empty-section');
    const next = ds.find((d) => codeOf(d) === 'note.next-steps')!;
    assert.equal(next.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(next.range.start.line, 13, 'at the title heading (14:1 in the CLI)');
    assert.ok(typeof next.code === 'object' && /note\.next-steps\.md$/.test(next.code.target.toString()), 'links to the rule documentation');
    assert.equal(ds.find((d) => codeOf(d) === 'record.empty-section')!.severity, vscode.DiagnosticSeverity.Warning);

    const plan = (await open(PLAN)).document.uri;
    const privacy = (await diagnostics(plan, having('privacy.identifier'), 'privacy.identifier')).find((d) => codeOf(d) === 'privacy.identifier')!;
    assert.equal(privacy.range.start.line, 40);

    const review = (await open(NOTE_05)).document.uri;
    const open05 = (await diagnostics(review, having('review.open'), 'review.open')).find((d) => codeOf(d) === 'review.open')!;
    assert.equal(open05.severity, vscode.DiagnosticSeverity.Information);
  });

  it('follows the groupRecords.rules setting: "off" removes a rule\'s findings, unsetting brings them back', async () => {
    const note = (await open(NOTE_09)).document.uri;
    await diagnostics(note, having('note.next-steps'), 'note.next-steps');
    const cfg = vscode.workspace.getConfiguration('groupRecords');
    await cfg.update('rules', { 'note.next-steps': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await diagnostics(note, (ds) => without('note.next-steps')(ds) && having('record.empty-section')(ds), 'note.next-steps to go (rule off)');
    } finally {
      await cfg.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnostics(note, having('note.next-steps'), 'note.next-steps to come back');
  });
});
