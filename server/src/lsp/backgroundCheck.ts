import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { SharedProfile } from '../workspace/profiles';
import type { CheckedRecord } from '../workspace/index';

/** Documents at least this long are checked off the main thread, so the editor's requests keep being answered. */
export const BIG_DOCUMENT = 256 * 1024;

export interface BigCheckJob {
  id: number;
  path: string;
  text: string;
  profiles: SharedProfile[];
  privacyAllow: readonly string[];
  configPath?: string;
  trusted: boolean;
}

type Done = (uri: string, version: number, checked: CheckedRecord | undefined, error?: string) => void;

/**
 * One worker thread for huge documents. Per document at most one check runs and one waits: a
 * newer version replaces the waiting one (coalesced), so edits never queue up behind each other.
 */
export class BackgroundChecker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly running = new Map<number, { uri: string; version: number }>();
  private readonly busy = new Set<string>();
  private readonly waiting = new Map<string, { version: number; job: Omit<BigCheckJob, 'id'> }>();

  constructor(private readonly done: Done) {}

  request(uri: string, version: number, job: Omit<BigCheckJob, 'id'>): void {
    if (this.busy.has(uri)) { this.waiting.set(uri, { version, job }); return; }
    this.start(uri, version, job);
  }

  /** Checks in flight or waiting (for tests and the benchmark). */
  get pending(): number { return this.running.size + this.waiting.size; }

  private start(uri: string, version: number, job: Omit<BigCheckJob, 'id'>): void {
    const id = this.nextId++;
    this.busy.add(uri);
    this.running.set(id, { uri, version });
    this.ensureWorker().postMessage({ ...job, id });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(join(__dirname, 'lsp-worker.js'));
    w.on('message', (m: { id: number; checked?: CheckedRecord; error?: string }) => this.finish(m.id, m.checked, m.error));
    w.on('error', (err) => this.fail(String(err?.stack ?? err)));
    w.on('exit', () => { if (this.worker === w) { this.worker = undefined; this.fail('the check worker stopped'); } });
    w.unref();
    this.worker = w;
    return w;
  }

  private finish(id: number, checked: CheckedRecord | undefined, error?: string): void {
    const r = this.running.get(id);
    if (!r) return;
    this.running.delete(id);
    this.busy.delete(r.uri);
    const next = this.waiting.get(r.uri);
    this.waiting.delete(r.uri);
    // A result for a version already replaced is dropped: the newer one is on its way.
    if (next) this.start(r.uri, next.version, next.job);
    else this.done(r.uri, r.version, checked, error);
  }

  private fail(error: string): void {
    for (const id of [...this.running.keys()]) this.finish(id, undefined, error);
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
