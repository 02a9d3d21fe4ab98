import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { StatusItem } from './status';

let client: LanguageClient | undefined;

/** Markdown records, group profiles and the project configuration: everything the server reads. */
export const SELECTOR: DocumentSelector = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
  { scheme: 'file', pattern: '**/group.{yaml,yml}' },
  { scheme: 'file', pattern: '**/.group-records.yaml' },
];

function settings(): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration('groupRecords');
  return { profile: cfg.get('profile'), rules: cfg.get('rules'), trusted: vscode.workspace.isTrusted };
}

/** What `activate` returns: the client, and the status item so tests can read what it shows. */
export interface GroupRecordsApi { client: LanguageClient; status: vscode.LanguageStatusItem }

export async function activate(context: vscode.ExtensionContext): Promise<GroupRecordsApi> {
  const module = context.asAbsolutePath('out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    initializationOptions: settings(),
    synchronize: { configurationSection: 'groupRecords' },
    diagnosticPullOptions: { onChange: true, onSave: true },
  };
  client = new LanguageClient('groupRecords', 'Group Records', serverOptions, clientOptions);
  await client.start();

  // Restricted Mode: checks run, workspace standards packs wait for trust.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
    void client?.sendNotification('workspace/didChangeConfiguration', { settings: { groupRecords: settings() } });
  }));
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('groupRecords')) void client?.sendNotification('workspace/didChangeConfiguration', { settings: { groupRecords: settings() } });
  }));

  const status = new StatusItem(client);
  context.subscriptions.push(status);
  registerCommands(context, client);
  return { client, status: status.item };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
