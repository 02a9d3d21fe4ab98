import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

/**
 * The control for the Restricted Mode test: the extension's own server, told the folder is
 * trusted, pulls diagnostics for one file. Runs on the editor's runtime (Electron as Node on a desktop).
 */
export async function trustedCodes(extensionPath: string, root: string, file: string): Promise<string[]> {
  const child = spawn(process.execPath, [join(extensionPath, 'out', 'server.js'), '--stdio'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['pipe', 'pipe', 'inherit'],
  });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  try {
    const rootUri = pathToFileURL(root).href;
    await conn.sendRequest('initialize', {
      processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'control' }],
      capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } },
      initializationOptions: { trusted: true },
    });
    await conn.sendNotification('initialized', {});
    const uri = pathToFileURL(file).href;
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(file, 'utf8') } });
    const report = await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as { items: Array<{ code: string }> };
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    return report.items.map((d) => String(d.code));
  } finally {
    conn.dispose();
    if (child.exitCode === null) child.kill();
  }
}
