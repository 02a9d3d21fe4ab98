import { Worker } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { SharedProfile } from '../workspace/profiles';
import type { CheckedFile } from './checkFiles';

export interface CheckJob { files: string[]; profiles: SharedProfile[]; privacyAllow: string[]; configPath?: string }

const CHUNK = 48;
/** Chunks handed to a worker ahead, so it never waits while the main thread is busy with its own. */
const IN_FLIGHT = 2;
// Trees die young: a roomy young generation lets them go without promotion, and the old
// generation cap keeps peak memory flat as corpora grow (bench/run.mjs measures both).
const OLD_GEN_MB = 64;
const YOUNG_GEN_MB = 16;

export interface PoolOptions {
  cores?: number;
  /**
   * The main thread checks chunks too (one heap fewer, but the main heap has no cap). Off by
   * default: measured on 10,000 records it raised peak memory past 250 MiB for little time.
   */
  mainWorks?: boolean;
}

/**
 * Checks files on worker threads, one per core, each kept IN_FLIGHT chunks ahead. Small chunks
 * keep a slow file from leaving a core idle; workers keep nothing between chunks but the catalogue.
 */
export async function checkInWorkers(job: CheckJob, checkHere: (files: string[]) => CheckedFile[], opts: PoolOptions = {}): Promise<CheckedFile[]> {
  const cores = opts.cores ?? Math.max(1, Math.min(availableParallelism(), 8));
  const mainWorks = opts.mainWorks ?? false;
  const chunks: string[][] = [];
  for (let i = 0; i < job.files.length; i += CHUNK) chunks.push(job.files.slice(i, i + CHUNK));
  const results: CheckedFile[] = [];
  const received: Array<Uint8Array | undefined> = [];
  const nWorkers = mainWorks ? Math.min(cores - 1, Math.max(0, chunks.length - 1)) : Math.min(cores, chunks.length);
  let pendingInWorkers = 0;
  let wake: (() => void) | undefined;
  const workers: Worker[] = [];
  /**
   * Chunks a worker failed on (one that ran out of its capped heap on a huge file, say) are
   * checked again here, where the heap has no cap: a worker's death costs time, never the run.
   */
  const retry: string[][] = [];
  let alive = nWorkers;

  type PoolWorker = Worker & { outstanding?: number; inFlight?: string[][] };
  const feed = (w: PoolWorker) => {
    while (chunks.length && (w.outstanding ?? 0) < IN_FLIGHT) {
      const chunk = chunks.shift()!;
      (w.inFlight ??= []).push(chunk);
      w.postMessage({ files: chunk });
      w.outstanding = (w.outstanding ?? 0) + 1;
      pendingInWorkers++;
    }
  };
  for (let i = 0; i < nWorkers; i++) {
    const w: PoolWorker = new Worker(join(__dirname, 'check-worker.js'), {
      workerData: { profiles: job.profiles, privacyAllow: job.privacyAllow, configPath: job.configPath },
      resourceLimits: { maxOldGenerationSizeMb: OLD_GEN_MB, maxYoungGenerationSizeMb: YOUNG_GEN_MB },
    });
    workers.push(w);
    w.on('message', (m: { json?: Uint8Array; error?: string }) => {
      w.outstanding!--;
      pendingInWorkers--;
      // A worker answers its chunks in the order it was given them.
      const chunk = w.inFlight!.shift()!;
      if (m.error) retry.push(chunk);
      else if (m.json) received.push(m.json);
      feed(w);
      wake?.();
    });
    w.on('error', () => {
      retry.push(...(w.inFlight ?? []));
      pendingInWorkers -= w.inFlight?.length ?? 0;
      w.inFlight = [];
      alive--;
      wake?.();
    });
    feed(w);
  }
  try {
    while (chunks.length || pendingInWorkers > 0 || retry.length) {
      const mine = retry.shift() ?? (mainWorks || alive === 0 ? chunks.shift() : undefined);
      if (mine) {
        results.push(...checkHere(mine));
        // Let the workers' finished chunks in before taking another.
        await new Promise<void>((r) => setImmediate(r));
      } else {
        await new Promise<void>((r) => { wake = r; });
        wake = undefined;
      }
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  // Read once the workers (and their heaps) are gone.
  for (let i = 0; i < received.length; i++) {
    results.push(...(JSON.parse(inflateRawSync(received[i]!).toString('utf8')) as CheckedFile[]));
    received[i] = undefined;
  }
  return results;
}
