import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PROFILE_NAMES } from '../workspace/profiles';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', '.vscode-test']);

export interface Discovered { records: string[]; profiles: string[]; missing: string[] }

/** Markdown files and group profiles under the given paths (files named directly are always taken). */
export function discover(paths: readonly string[]): Discovered {
  const records = new Set<string>();
  const profiles = new Set<string>();
  const missing: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try { entries = readdirSync(dir, { withFileTypes: true }); } catch { missing.push(dir); return; }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(p); }
      else if (e.isFile()) classify(p);
    }
  };
  const classify = (p: string) => {
    const name = p.slice(p.lastIndexOf('/') + 1);
    if ((PROFILE_NAMES as readonly string[]).includes(name)) profiles.add(p);
    else if (/\.(md|markdown)$/i.test(name)) records.add(p);
  };
  for (const raw of paths) {
    const p = resolve(raw);
    let st;
    try { st = statSync(p); } catch { missing.push(raw); continue; }
    if (st.isDirectory()) walk(p);
    else records.has(p) || (PROFILE_NAMES as readonly string[]).some((n) => p.endsWith('/' + n)) ? profiles.add(p) : records.add(p);
    // Profiles of the folders above a checked path govern its records too.
    for (let d = st.isDirectory() ? p : dirname(p); ; d = dirname(d)) {
      for (const n of PROFILE_NAMES) { try { if (statSync(join(d, n)).isFile()) profiles.add(join(d, n)); } catch { /* none here */ } }
      if (dirname(d) === d) break;
    }
  }
  return { records: [...records].sort(), profiles: [...profiles].sort(), missing };
}
