import { dirname, join, resolve } from 'node:path';
import type { GroupFacts } from '../core/context';
import { LineIndex } from '../core/text';
import { parseProfile, type ParsedProfile } from './profile';

export const PROFILE_NAMES = ['group.yaml', 'group.yml'] as const;

export interface ProfileEntry { path: string; parsed: ParsedProfile }
export interface SharedProfile { path: string; text: string; facts?: GroupFacts }

/** The group profiles known to a run: by folder (records belong to the nearest one above them) and by id. */
export class ProfileSet {
  private readonly byDir = new Map<string, ProfileEntry>();
  private readonly byId = new Map<string, ProfileEntry>();
  /** Every profile added, shadowed ones included, so one can take over when another is removed. */
  private readonly entries = new Map<string, ProfileEntry>();

  add(path: string, text: string, facts?: GroupFacts): ProfileEntry {
    // Facts parsed elsewhere (the main thread, for worker threads) are not parsed again.
    const parsed: ParsedProfile = facts ? { text, lines: new LineIndex(text), profile: undefined, facts, findings: [], memberSpans: new Map() } : parseProfile(text);
    const entry = { path: resolve(path), parsed };
    this.register(entry);
    return entry;
  }

  private register(entry: ProfileEntry): void {
    this.entries.set(entry.path, entry);
    const dir = dirname(entry.path);
    // group.yaml wins over group.yml in the same folder.
    if (!this.byDir.has(dir) || entry.path.endsWith('.yaml')) this.byDir.set(dir, entry);
    // Two profiles with one id: the first by path answers for it, whatever order they came in, so
    // the command line and the editor agree (the other gets a group.profile finding on its id).
    const id = entry.parsed.facts?.id;
    const held = id ? this.byId.get(id) : undefined;
    if (id && (!held || entry.path < held.path)) this.byId.set(id, entry);
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

  /** Forgets the profile at `path` (deleted, or about to be added again with new text); one it shadowed takes its place. */
  remove(path: string): boolean {
    const p = resolve(path);
    if (!this.entries.delete(p)) return false;
    const rest = [...this.entries.values()];
    this.byDir.clear();
    this.byId.clear();
    this.entries.clear();
    for (const e of rest) this.register(e);
    return true;
  }

  byGroupId(id: string): ProfileEntry | undefined { return this.byId.get(id); }
  get ids(): string[] { return [...this.byId.keys()]; }
  get all(): ProfileEntry[] { return [...new Set(this.byDir.values())]; }

  /** Serialisable form, to hand the same profiles to worker threads. */
  toJSON(): SharedProfile[] { return this.all.map((e) => ({ path: e.path, text: e.parsed.text, facts: e.parsed.facts })); }
  static from(list: readonly SharedProfile[]): ProfileSet {
    const s = new ProfileSet();
    for (const p of list) s.add(p.path, p.text, p.facts);
    return s;
  }
}

export function profileCandidates(dir: string): string[] {
  return PROFILE_NAMES.map((n) => join(dir, n));
}

export type { GroupFacts };
