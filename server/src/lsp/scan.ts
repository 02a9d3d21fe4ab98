import { readFileSync } from 'node:fs';
import { discover } from '../cli/discover';
import { readSource } from '../cli/readFile';
import type { Session } from './session';

export interface ScanResult { records: number; profiles: number; ms: number; cancelled: boolean }

/** Files checked between turns of the event loop, so requests are answered during a big scan. */
const BATCH = 16;

/**
 * Loads every profile and record under the roots into the index: profiles first (records are
 * checked against them), open documents from the editor's text. Yields often; `cancelled()`
 * stops it (a newer scan replaced it).
 */
export async function scanWorkspace(session: Session, cancelled: () => boolean = () => false): Promise<ScanResult> {
  const t0 = performance.now();
  const found = discover(session.roots);
  for (const p of found.profiles) {
    let text = session.openAt(p)?.text;
    if (text === undefined) { try { text = readFileSync(p, 'utf8'); } catch { continue; } }
    session.index.setProfile(p, text);
  }
  let n = 0;
  for (const p of found.records) {
    if (cancelled()) return { records: n, profiles: found.profiles.length, ms: performance.now() - t0, cancelled: true };
    const text = session.openAt(p)?.text;
    session.index.setRecord(p, text !== undefined ? { text } : readSource(p));
    if (++n % BATCH === 0) await new Promise<void>((r) => setImmediate(r));
  }
  return { records: n, profiles: found.profiles.length, ms: performance.now() - t0, cancelled: false };
}
