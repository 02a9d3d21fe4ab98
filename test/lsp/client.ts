import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const SERVER = join(process.cwd(), 'out', 'server.js');

/** A copy of the sample group in a temporary folder, so tests may edit files. */
export function sampleWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gr-lsp-'));
  cpSync(join(process.cwd(), 'sample'), dir, { recursive: true });
  return dir;
}

export const uriOf = (path: string) => pathToFileURL(path).href;

export interface TestClient {
  conn: MessageConnection;
  child: ChildProcess;
  published: Map<string, unknown[]>;
  stderr: () => string;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();
/** Kills servers a failed test left running, so mocha can exit. */
export function killAll(): void {
  for (const c of running) if (c.exitCode === null) c.kill();
  running.clear();
}

/** Spawns `out/server.js --stdio` and speaks JSON-RPC to it, as an editor does. */
export function startClient(): TestClient {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  let err = '';
  child.stderr!.on('data', (d) => { err += d; });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published = new Map<string, unknown[]>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => { published.set(p.uri, p.diagnostics); });
  // The server asks these of a real editor; answer like one.
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { conn, child, published, stderr: () => err, exited };
}

/** Polls `get` until it returns something truthy (never a fixed sleep). */
export async function poll<T>(get: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
