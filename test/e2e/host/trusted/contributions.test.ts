import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activated, extension, NOTE_09, open, poll } from '../helpers';

interface Manifest {
  contributes: {
    commands: Array<{ command: string }>;
    snippets: Array<{ language: string; path: string }>;
    grammars: Array<{ scopeName: string; path: string; injectTo?: string[] }>;
    yamlValidation: Array<{ fileMatch: string | string[]; url: string }>;
    walkthroughs?: Array<{ steps: Array<{ media: { markdown?: string; image?: string } }> }>;
  };
}

/** What package.json contributes is present in the installed extension and well formed. */
describe('contributions', () => {
  let root: string;
  let manifest: Manifest;
  before(async () => {
    await open(NOTE_09);
    await activated();
    root = extension().extensionPath;
    manifest = extension().packageJSON as Manifest;
  });
  const json = (rel: string) => JSON.parse(readFileSync(join(root, rel), 'utf8')) as Record<string, unknown>;

  it('registers every contributed command once active', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], 'contributed but not registered');
  });

  it('registers its settings with their defaults', () => {
    const cfg = vscode.workspace.getConfiguration('groupRecords');
    assert.equal(cfg.inspect('profile')?.defaultValue, null);
    assert.deepEqual(cfg.inspect('rules')?.defaultValue, {});
    assert.equal(cfg.inspect('trace.server')?.defaultValue, 'off');
  });

  it('ships snippets that parse, and VS Code inserts them', async () => {
    const [contrib] = manifest.contributes.snippets;
    assert.equal(contrib.language, 'markdown');
    const snippets = json(contrib.path) as Record<string, { prefix: string; body: string[] }>;
    const name = Object.keys(snippets).find((n) => snippets[n].body.join('\n').includes('record: session-note'));
    assert.ok(name, 'a session-note snippet');
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name });
    await poll(() => /^record: session-note$/m.test(doc.getText()), () => `snippet "${name}" inserted (text: ${JSON.stringify(doc.getText().slice(0, 80))})`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('ships its injection grammar for Markdown', () => {
    for (const g of manifest.contributes.grammars) {
      const grammar = json(g.path);
      assert.equal(grammar.scopeName, g.scopeName);
      assert.ok(g.injectTo?.includes('text.html.markdown'));
      assert.ok(grammar.injectionSelector && grammar.patterns, 'an injection grammar has a selector and patterns');
    }
  });

  it('ships the JSON schemas its yamlValidation names', () => {
    assert.ok(manifest.contributes.yamlValidation.length >= 2);
    for (const v of manifest.contributes.yamlValidation) {
      const schema = json(v.url);
      assert.ok(schema.$schema && (schema.properties || schema.$defs || schema.definitions), `${v.url} is a JSON schema`);
    }
  });

  it('ships the walkthrough\'s pages', () => {
    for (const w of manifest.contributes.walkthroughs ?? []) {
      for (const s of w.steps) {
        const media = s.media.markdown ?? s.media.image;
        assert.ok(media && existsSync(join(root, media)), `${media} exists`);
      }
    }
  });
});
