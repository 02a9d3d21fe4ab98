import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Catalogue } from '../core/catalogue';
import { parseRecord } from '../core/record';
import type { TextSource } from '../workspace/checkFile';
import { WorkspaceIndex } from '../workspace/index';
import { discover, type Discovered } from './discover';
import { readSource } from './readFile';

export interface LoadedWorkspace {
  index: WorkspaceIndex;
  found: Discovered;
  /** A record's text and parse as the index checked it (read again only for files it did not keep). */
  source: (path: string) => TextSource;
  /** Profiles that could not be read, with the reason. */
  unreadable: Array<{ path: string; code: string }>;
}

/**
 * The files under `paths` in a workspace index, as `check` discovers them. Each record is read and
 * parsed once: the index checks that parse, and `source` hands it on to whoever reads it next.
 */
export function loadWorkspace(paths: readonly string[], cat: Catalogue, privacyAllow: readonly string[] = []): LoadedWorkspace {
  const found = discover(paths);
  const index = new WorkspaceIndex(cat, { read: readSource, privacyAllow });
  const unreadable: LoadedWorkspace['unreadable'] = [];
  for (const p of found.profiles) {
    let text: string;
    try { text = readFileSync(p, 'utf8'); } catch (err) { unreadable.push({ path: p, code: (err as NodeJS.ErrnoException).code ?? String(err) }); continue; }
    index.setProfile(p, text);
  }
  const sources = new Map<string, TextSource>();
  for (const p of found.records) {
    const src = parsedSource(readSource(p), cat);
    index.setRecord(p, src);
    if (index.summaryOf(p)) sources.set(resolve(p), src);
  }
  return { index, found, unreadable, source: (p) => sources.get(resolve(p)) ?? readSource(p) };
}

function parsedSource(src: TextSource, cat: Catalogue): TextSource {
  if (src.problem && src.problem.kind !== 'invalid-utf8' && src.problem.kind !== 'too-large') return src;
  try { return { ...src, parsed: parseRecord(src.text, cat) }; } catch { return src; }
}
