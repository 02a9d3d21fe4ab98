import { dirname, join, resolve } from 'node:path';
import type { GroupFacts } from '../core/context';
import { parseProfile, type ParsedProfile } from './profile';

export const PROFILE_NAMES = ['group.yaml', 'group.yml'] as const;

export interface ProfileEntry { path: string; parsed: ParsedProfile }

/** The group profiles known to a run: by folder (records belong to the nearest one above them) and by id. */
export class ProfileSet {
  private readonly byDir = new Map<string, ProfileEntry>();
  private readonly byId = new Map<string, ProfileEntry>();

  add(path: string, text: string): ProfileEntry {
    const entry = { path: resolve(path), parsed: parseProfile(text) };
    const dir = dirname(entry.path);
    // group.yaml wins over group.yml in the same folder.
    if (!this.byDir.has(dir) || entry.path.endsWith('.yaml')) this.byDir.set(dir, entry);
    const id = entry.parsed.facts?.id;
    if (id && !this.byId.has(id)) this.byId.set(id, entry);
    return entry;
  }

  /** The profile of the folder a file is in, or of the nearest folder above it. */
  forFile(file: string): ProfileEntry | undefined {
    let dir = dirname(resolve(file));
    for (;;) {
      const p = this.byDir.get(dir);
      if (p) return p;
      const up = dirname(dir);
      if (up === dir) return undefined;
      dir = up;
    }
  }

  byGroupId(id: string): ProfileEntry | undefined { return this.byId.get(id); }
  get ids(): string[] { return [...this.byId.keys()]; }
  get all(): ProfileEntry[] { return [...new Set(this.byDir.values())]; }

  /** Serialisable form, to hand the same profiles to worker threads. */
  toJSON(): Array<{ path: string; text: string }> { return this.all.map((e) => ({ path: e.path, text: e.parsed.text })); }
  static from(list: Array<{ path: string; text: string }>): ProfileSet {
    const s = new ProfileSet();
    for (const p of list) s.add(p.path, p.text);
    return s;
  }
}

export function profileCandidates(dir: string): string[] {
  return PROFILE_NAMES.map((n) => join(dir, n));
}

export type { GroupFacts };
