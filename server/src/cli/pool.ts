import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { FileResult } from './results';

export interface CheckJob { files: string[]; profiles: Array<{ path: string; text: string }>; cwd: string; privacyAllow: string[] }

const CHUNK = 48;
const OLD_GEN_MB = 96;
const YOUNG_GEN_MB = 16;

/**
 * Checks files on worker threads, one per core, handing out small chunks so a slow file
 * does not leave a core idle. Each worker keeps nothing between chunks but the catalogue.
 */
export function checkInWorkers(job: CheckJob, threads = Math.max(1, Math.min(availableParallelism(), 8))): Promise<FileResult[]> {
  return new Promise((resolveAll, reject) => {
    const results: FileResult[] = [];
    let next = 0;
    let running = 0;
    const workers: Worker[] = [];
    const feed = (w: Worker) => {
      if (next >= job.files.length) { void w.terminate(); if (--running === 0) resolveAll(results); return; }
      const files = job.files.slice(next, next + CHUNK);
      next += files.length;
      w.postMessage({ files });
    };
    const n = Math.min(threads, Math.ceil(job.files.length / CHUNK));
    for (let i = 0; i < n; i++) {
      const w = new Worker(join(__dirname, 'check-worker.js'), {
        workerData: { profiles: job.profiles, cwd: job.cwd, privacyAllow: job.privacyAllow },
        // Each file's tree is garbage after its check: a small heap keeps peak memory flat as corpora grow.
        resourceLimits: { maxOldGenerationSizeMb: OLD_GEN_MB, maxYoungGenerationSizeMb: YOUNG_GEN_MB },
      });
      running++;
      workers.push(w);
      w.on('message', (m: { results?: FileResult[]; error?: string }) => {
        if (m.error) { workers.forEach((x) => void x.terminate()); reject(new Error(m.error)); return; }
        results.push(...(m.results ?? []));
        feed(w);
      });
      w.on('error', (err) => { workers.forEach((x) => void x.terminate()); reject(err); });
      feed(w);
    }
    if (n === 0) resolveAll(results);
  });
}
