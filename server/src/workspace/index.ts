import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { Catalogue } from '../core/catalogue';
import type { GroupFacts, MemberFacts } from '../core/context';
import { crossRecordFindings } from '../core/cross';
import type { Finding } from '../core/findings';
import { locate, type Located, type LocatedFinding, type Range, type RecordSummary } from '../core/summary';
import type { LineIndex } from '../core/text';
import { checkRecordFile, type FileCheck, type TextSource } from './checkFile';
import { profileIdSpan } from './profileId';
import { PROFILE_NAMES, ProfileSet, type SharedProfile } from './profiles';

export interface IndexOptions {
  /** The agency's own published numbers and addresses (`privacy.allow`). */
  privacyAllow?: readonly string[];
  /**
   * Reads a file the index re-checks on its own: a record whose group profile changed, or that
   * moved under another profile. For open documents it should give the editor's text. Without it
   * such records keep their findings until they are set again.
   */
  read?: (path: string) => TextSource;
}

/** What the editor features need of one group (completion, hovers, new-note templates). */
export interface GroupView {
  /** The profile's path, or `group:<id>` for records that name a group with no profile. */
  key: string;
  id?: string;
  name?: string;
  profilePath?: string;
  facts?: GroupFacts;
  roster: readonly MemberFacts[];
  /** Goals the group's contracts define, with the contract that defines each. */
  goals: Array<Located & { id: string; member?: string; text: string; file: string }>;
  /** Session notes by session number, then date, then path; undated or unnumbered ones last. */
  notes: Array<{ path: string; session?: number; date?: string }>;
  contracts: string[];
  records: string[];
  /** The session number a new note would take: highest + 1. */
  nextSession: number;
  reviewers: string[];
}

export interface IndexStats {
  /** Records parsed since the index was made: one per setRecord and per re-check. */
  parses: number;
  /** Calls of `read` for re-checks the index decided on. */
  reads: number;
  /** Times a group's cross-record findings were worked out. */
  groupChecks: number;
  records: number;
  profiles: number;
}

/** A record checked elsewhere (a worker thread, say): plain data, ready for `setChecked`. */
export interface CheckedRecord { path: string; isRecord: boolean; summary: RecordSummary; findings: LocatedFinding[] }

/** What a worker sends back for a record it checked: findings with their ranges, and the summary. */
export function toCheckedRecord(c: FileCheck): CheckedRecord {
  const path = resolve(c.path);
  return { path, isRecord: c.isRecord, summary: { ...c.summary, path }, findings: c.findings.map((f) => locateFinding(f, c.lines, path)) };
}

interface RecordEntry { summary: RecordSummary; findings: LocatedFinding[] }
interface ProfileInfo { text: string; id?: string; facts?: GroupFacts; factsKey: string; idAt: Located; findings: LocatedFinding[] }
interface ProfileChange { path: string; text?: string }

/**
 * Every group profile and record of a workspace, kept as summaries and findings only (no texts,
 * no parse trees), updated file by file. A record edit re-parses that record alone and recomputes
 * the cross-record findings of its group (old and new, when it moved); a profile edit re-checks
 * the records whose checks depend on it. Cross-record findings are recomputed lazily, on the next
 * query, so a batch of changes (a fresh load, a folder rename) costs one pass per group.
 */
export class WorkspaceIndex {
  private readonly profiles = new ProfileSet();
  private readonly profileInfo = new Map<string, ProfileInfo>();
  private readonly records = new Map<string, RecordEntry>();
  /** Group key → paths of its records. */
  private readonly members = new Map<string, Set<string>>();
  /** File → its cross-record findings and the group that produced them. */
  private readonly cross = new Map<string, { key: string; findings: LocatedFinding[] }>();
  /** Group key → files it last gave cross-record findings to (to clear them on recompute). */
  private readonly crossFiles = new Map<string, Set<string>>();
  private readonly dirty = new Set<string>();
  private readonly changed = new Set<string>();
  private readonly reviewerCount = new Map<string, number>();
  private readonly counters = { parses: 0, reads: 0, groupChecks: 0 };
  private readonly strings = new Map<string, string>();
  private readonly privacyAllow: readonly string[];
  private readonly read?: (path: string) => TextSource;

  constructor(private readonly cat: Catalogue, options: IndexOptions = {}) {
    this.privacyAllow = options.privacyAllow ?? [];
    this.read = options.read;
  }

  // ------------------------------------------------------------------ changes

  /** A group.yaml / group.yml was added or changed; the records it governs (or now governs) are re-checked through `read`. */
  setProfile(path: string, text: string): void {
    this.applyProfiles([{ path: resolve(path), text }]);
  }

  removeProfile(path: string): void {
    const p = resolve(path);
    if (this.profileInfo.has(p)) this.applyProfiles([{ path: p }]);
  }

  /** A record was added or changed (its text, or text with a read problem). A file that is not a record is forgotten. */
  setRecord(path: string, src: string | TextSource): void {
    this.check(resolve(path), typeof src === 'string' ? { text: src } : src);
  }

  /**
   * A record checked outside the index, against the same profiles (the initial scan can run on
   * worker threads). It counts as no parse here.
   */
  setChecked(c: CheckedRecord): void {
    this.accept(c);
  }

  /** A profile or record by its file name; anything else that is not Markdown is ignored. */
  setFile(path: string, text: string): void {
    if (isProfileName(path)) this.setProfile(path, text);
    else if (/\.md$/i.test(path)) this.setRecord(path, text);
  }

  /** A file or a folder was deleted. */
  remove(path: string): void {
    const p = resolve(path);
    if (this.profileInfo.has(p)) { this.applyProfiles([{ path: p }]); return; }
    if (this.records.has(p)) { this.drop(p); return; }
    const recs = [...this.records.keys()].filter((r) => isUnder(r, p));
    for (const r of recs) this.drop(r);
    const profs = [...this.profileInfo.keys()].filter((q) => isUnder(q, p));
    if (profs.length) this.applyProfiles(profs.map((q) => ({ path: q })));
  }

  /**
   * A file or folder was renamed. A record that stays under the same profile keeps its findings
   * and is not read again; one that changes profile is re-checked through `read` at its new path.
   */
  rename(from: string, to: string): void {
    const a = resolve(from), b = resolve(to);
    if (a === b) return;
    const moved = (p: string) => (p === a ? b : b + p.slice(a.length));
    const recs = [...this.records.keys()].filter((p) => p === a || isUnder(p, a));
    const profs = [...this.profileInfo.keys()].filter((p) => p === a || isUnder(p, a));
    if (!recs.length && !profs.length) {
      // Nothing the index knows moved (a plain Markdown file, say), but it may have replaced what was at `to`.
      this.remove(b);
      this.reload(b);
      return;
    }
    // What governed each record before any profile moved.
    const before = new Map(recs.map((p) => [moved(p), this.profiles.forFile(p)?.path]));
    for (const p of recs) {
      const entry = this.records.get(p)!;
      const q = moved(p);
      if (this.records.has(q)) this.drop(q);
      this.drop(p);
      this.store(q, { summary: { ...entry.summary, path: q }, findings: entry.findings });
      if (entry.findings.length) this.changed.add(q);
    }
    let rechecked = new Set<string>();
    if (profs.length) {
      const changes: ProfileChange[] = [];
      for (const p of profs) changes.push({ path: p }, { path: moved(p), text: this.profileInfo.get(p)!.text });
      rechecked = this.applyProfiles(changes);
    }
    for (const [q, gov] of before) {
      if (rechecked.has(q)) continue;
      const now = this.profiles.forFile(q)?.path;
      if (now !== gov || (gov !== undefined && profs.includes(gov))) this.recheck(q);
    }
  }

  // ------------------------------------------------------------------ queries

  /** Single-record and cross-record findings of a record or a group profile, by position. */
  findingsFor(path: string): LocatedFinding[] {
    this.flush();
    const p = resolve(path);
    const own = this.records.get(p)?.findings ?? this.profileFindings(p);
    const cross = this.cross.get(p)?.findings ?? [];
    return [...own, ...cross].sort(byPosition);
  }

  /** Every file (record or profile) that has findings. */
  filesWithFindings(): string[] {
    this.flush();
    const out = new Set<string>();
    for (const [p, r] of this.records) if (r.findings.length) out.add(p);
    for (const p of this.profileInfo.keys()) if (this.profileFindings(p).length) out.add(p);
    for (const p of this.cross.keys()) out.add(p);
    return [...out].sort();
  }

  /** Paths whose findings may have changed since the last call: the diagnostics to publish again. */
  takeChanged(): string[] {
    this.flush();
    const out = [...this.changed].sort();
    this.changed.clear();
    return out;
  }

  summaryOf(path: string): RecordSummary | undefined {
    return this.records.get(resolve(path))?.summary;
  }

  /** The profiles as plain data, for a check on another thread. */
  sharedProfiles(): SharedProfile[] { return this.profiles.toJSON(); }

  get stats(): IndexStats {
    return { ...this.counters, records: this.records.size, profiles: this.profileInfo.size };
  }

  get groupIds(): string[] { return this.profiles.ids.sort(); }

  /** Reviewer handles seen in annotations anywhere in the workspace. */
  get reviewers(): string[] { return [...this.reviewerCount.keys()].sort(); }

  /** The group of a record or of a group profile. */
  groupOf(path: string): GroupView | undefined {
    const p = resolve(path);
    if (this.profileInfo.has(p)) return this.view(p);
    const s = this.records.get(p)?.summary;
    const key = s && groupKey(s);
    return key ? this.view(key) : undefined;
  }

  groupById(id: string): GroupView | undefined {
    const profile = this.profiles.byGroupId(id);
    if (profile) return this.view(profile.path);
    return this.members.has(`group:${id}`) ? this.view(`group:${id}`) : undefined;
  }

  groups(): GroupView[] {
    const keys = new Set([...this.profileInfo.keys(), ...this.members.keys()]);
    return [...keys].sort().map((k) => this.view(k));
  }

  /** What a feature of one open document needs from the workspace (see features/context.ts). */
  workspaceFacts(path: string): { groupIds: string[]; reviewers: string[]; goals: GroupView['goals']; nextSession?: number } {
    const g = this.groupOf(path);
    return { groupIds: this.groupIds, reviewers: this.reviewers, goals: g?.goals ?? [], nextSession: g?.nextSession };
  }

  // ------------------------------------------------------------------ internals

  private check(path: string, src: TextSource): void {
    const c = checkRecordFile(path, src, this.cat, this.profiles, this.privacyAllow);
    this.counters.parses++;
    this.accept(toCheckedRecord(c));
  }

  private accept(c: CheckedRecord): void {
    const { path, findings } = c;
    const old = this.records.get(path);
    if (!c.isRecord) { if (old) this.drop(path); return; }
    if (old ? JSON.stringify(old.findings) !== JSON.stringify(findings) : findings.length) this.changed.add(path);
    const summary = this.shared(c.summary, path);
    // Typing in a note's prose leaves its summary as it was: the group's cross-record findings
    // then stay too, and are not worked out again on every keystroke.
    if (old && JSON.stringify(old.summary) === JSON.stringify(summary)) { old.findings = findings; return; }
    if (old) this.drop(path, true);
    this.store(path, { summary, findings });
  }

  /**
   * A summary from another thread arrives with its own copy of every string: its path twice, and
   * its group's id and profile path, the same in every record of the group. One copy each is kept.
   */
  private shared(s: RecordSummary, path: string): RecordSummary {
    s.path = path;
    const one = (v: string) => {
      const seen = this.strings.get(v);
      if (seen !== undefined) return seen;
      if (this.strings.size < 100_000) this.strings.set(v, v);
      return v;
    };
    if (s.profilePath !== undefined) s.profilePath = one(s.profilePath);
    if (s.groupId !== undefined) s.groupId = one(s.groupId);
    if (s.groupField !== undefined) s.groupField = one(s.groupField);
    return s;
  }

  /** A file the index was not told the text of: read it, if it can. */
  private reload(path: string): void {
    if (!this.read) return;
    if (isProfileName(path)) {
      this.counters.reads++;
      const src = this.safeRead(path);
      if (!src.problem) this.setProfile(path, src.text);
    } else if (/\.md$/i.test(path)) this.recheck(path);
  }

  private safeRead(path: string): TextSource {
    try { return this.read!(path); } catch (err) { return { text: '', problem: { kind: 'unreadable', detail: (err as Error)?.message ?? String(err) } }; }
  }

  private recheck(path: string): void {
    if (!this.read) return;
    this.counters.reads++;
    this.check(path, this.safeRead(path));
  }

  private store(path: string, entry: RecordEntry): void {
    this.records.set(path, entry);
    for (const r of entry.summary.reviewers) this.reviewerCount.set(r, (this.reviewerCount.get(r) ?? 0) + 1);
    const key = groupKey(entry.summary);
    if (!key) return;
    const set = this.members.get(key);
    if (set) set.add(path); else this.members.set(key, new Set([path]));
    this.dirty.add(key);
  }

  /** Forgets a record; `quiet` when the caller knows its findings stay the same. */
  private drop(path: string, quiet = false): void {
    const entry = this.records.get(path);
    if (!entry) return;
    this.records.delete(path);
    if (entry.findings.length && !quiet) this.changed.add(path);
    for (const r of entry.summary.reviewers) {
      const n = (this.reviewerCount.get(r) ?? 1) - 1;
      if (n > 0) this.reviewerCount.set(r, n); else this.reviewerCount.delete(r);
    }
    const key = groupKey(entry.summary);
    if (!key) return;
    const set = this.members.get(key);
    set?.delete(path);
    if (set && !set.size) this.members.delete(key);
    this.dirty.add(key);
  }

  /**
   * Applies profile additions, edits and removals, then re-checks each record whose checks can
   * depend on them: those the profile governed or governs, those under its folder when it
   * appeared, went or changed id, those naming its id, and (when the set of ids changed) those
   * naming an unknown group, whose "did you mean" lists the ids. Returns the records re-checked.
   */
  private applyProfiles(changes: readonly ProfileChange[]): Set<string> {
    const idsBefore = new Set(this.profiles.ids);
    const touched: Array<{ path: string; dir: string; ids: Array<string | undefined>; factsChanged: boolean; moved: boolean }> = [];
    for (const ch of changes) {
      const old = this.profileInfo.get(ch.path);
      if (old) this.profiles.remove(ch.path);
      this.dirty.add(ch.path);
      if (ch.text === undefined) {
        if (!old) continue;
        this.profileInfo.delete(ch.path);
        if (old.findings.length) this.changed.add(ch.path);
        touched.push({ path: ch.path, dir: dirname(ch.path), ids: [old.id], factsChanged: true, moved: true });
        continue;
      }
      const entry = this.profiles.add(ch.path, ch.text);
      const facts = entry.parsed.facts;
      const info: ProfileInfo = {
        text: ch.text, id: facts?.id, facts, factsKey: JSON.stringify(facts ?? null),
        idAt: locate(entry.parsed.lines, profileIdSpan(ch.text)),
        findings: entry.parsed.findings.map((f) => locateFinding(f, entry.parsed.lines, ch.path)).sort(byPosition),
      };
      if (JSON.stringify(old?.findings ?? []) !== JSON.stringify(info.findings)) this.changed.add(ch.path);
      this.profileInfo.set(ch.path, info);
      const idChanged = !old || old.id !== info.id;
      touched.push({ path: ch.path, dir: dirname(ch.path), ids: [old?.id, info.id], factsChanged: idChanged || old.factsKey !== info.factsKey, moved: idChanged });
    }
    // A profile that came, went or changed id can give or take another's duplicate-id finding.
    // (A deleted one may have had such a finding: it is named too.)
    const movedIds = new Set(touched.filter((t) => t.moved).flatMap((t) => t.ids));
    for (const [q, i] of this.profileInfo) if (i.id !== undefined && movedIds.has(i.id)) this.changed.add(q);
    for (const t of touched) if (t.moved && !this.profileInfo.has(t.path)) this.changed.add(t.path);
    const ids = this.profiles.ids;
    const idsChanged = ids.length !== idsBefore.size || ids.some((id) => !idsBefore.has(id));
    const redo = new Set<string>();
    for (const [p, { summary: s }] of this.records) {
      if (idsChanged && s.groupField && !idsBefore.has(s.groupField)) { redo.add(p); continue; }
      for (const t of touched) {
        if (!t.factsChanged) continue;
        if (s.profilePath === t.path || (s.groupField !== undefined && t.ids.includes(s.groupField)) || (t.moved && isUnder(p, t.dir) && this.nearestIsAtOrAbove(p, t.dir))) {
          redo.add(p);
          break;
        }
      }
    }
    for (const p of redo) this.recheck(p);
    return redo;
  }

  /** Whether `dir` is (or was, before a removal) the nearest profile folder of `file`. */
  private nearestIsAtOrAbove(file: string, dir: string): boolean {
    const now = this.profiles.forFile(file);
    if (!now) return true;
    const d = dirname(now.path);
    return d === dir || isUnder(dir, d);
  }

  private flush(): void {
    if (!this.dirty.size) return;
    const keys = [...this.dirty];
    this.dirty.clear();
    for (const key of keys) this.recompute(key);
  }

  private recompute(key: string): void {
    this.counters.groupChecks++;
    const paths = [...(this.members.get(key) ?? [])].sort();
    const records = paths.map((p) => this.records.get(p)!.summary);
    const info = this.profileInfo.get(key);
    const id = info ? info.id : key.startsWith('group:') ? key.slice(6) : records.find((r) => r.groupId)?.groupId;
    const found = records.length ? crossRecordFindings({ id, profile: info && { path: key, facts: info.facts, idAt: info.idAt }, records }, this.cat) : [];
    const byFile = new Map<string, LocatedFinding[]>();
    for (const { file, ...f } of found) {
      const list = byFile.get(file);
      if (list) list.push(f); else byFile.set(file, [f]);
    }
    for (const file of this.crossFiles.get(key) ?? []) if (!byFile.has(file)) this.setCross(file, key, []);
    for (const [file, list] of byFile) this.setCross(file, key, list.sort(byPosition));
    if (byFile.size) this.crossFiles.set(key, new Set(byFile.keys())); else this.crossFiles.delete(key);
  }

  private setCross(file: string, key: string, findings: LocatedFinding[]): void {
    const cur = this.cross.get(file);
    // The file has moved to another group, which owns its cross-record findings now.
    if (cur && cur.key !== key && !findings.length) return;
    if (JSON.stringify(cur?.findings ?? []) !== JSON.stringify(findings)) this.changed.add(file);
    if (findings.length) this.cross.set(file, { key, findings }); else this.cross.delete(file);
  }

  /** A profile's own findings, and one on its id when another profile (first by path) holds that id. */
  private profileFindings(path: string): LocatedFinding[] {
    const info = this.profileInfo.get(path);
    if (!info) return [];
    const holder = info.id === undefined ? undefined : this.profiles.byGroupId(info.id);
    if (!holder || holder.path === path) return info.findings;
    const other = relative(dirname(path), holder.path);
    const dup: LocatedFinding = {
      ruleId: 'group.profile', severity: 'error', span: { start: info.idAt.start, end: info.idAt.end }, range: info.idAt.range,
      message: `Another group profile (${other}) already has the id \`${info.id}\`: records that name it are checked against that one. Give each group its own id.`,
      related: [{ file: holder.path, span: { start: 0, end: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `the profile with the id \`${info.id}\`` }],
    };
    return [...info.findings, dup].sort(byPosition);
  }

  private view(key: string): GroupView {
    const info = this.profileInfo.get(key);
    const records = [...(this.members.get(key) ?? [])].sort().map((p) => this.records.get(p)!.summary);
    const notes = records.filter((r) => r.kind === 'session-note')
      .map((r) => ({ path: r.path, ...(r.session ? { session: r.session.value } : {}), ...(r.date ? { date: r.date.value } : {}) }))
      .sort((a, b) => (a.session ?? Infinity) - (b.session ?? Infinity) || (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || a.path.localeCompare(b.path));
    const contracts = records.filter((r) => r.kind === 'contract');
    const reviewers = new Set(records.flatMap((r) => r.reviewers));
    const id = info ? info.id : key.startsWith('group:') ? key.slice(6) : records.find((r) => r.groupId)?.groupId;
    return {
      key, id, name: info?.facts?.name, profilePath: info ? key : undefined, facts: info?.facts,
      roster: info?.facts?.members ?? [],
      goals: contracts.flatMap((c) => c.goals.map((g) => ({ ...g, file: c.path }))),
      notes, contracts: contracts.map((c) => c.path), records: records.map((r) => r.path),
      nextSession: notes.reduce((n, x) => Math.max(n, x.session ?? 0), 0) + 1,
      reviewers: [...reviewers].sort(),
    };
  }
}

function groupKey(s: RecordSummary): string | undefined {
  return s.profilePath ?? (s.groupId ? `group:${s.groupId}` : undefined);
}

function isProfileName(path: string): boolean {
  return (PROFILE_NAMES as readonly string[]).includes(basename(path));
}

function isUnder(path: string, dir: string): boolean {
  return path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

function locateFinding(f: Finding, lines: LineIndex, path: string): LocatedFinding {
  const out: LocatedFinding = { ...f, range: rangeOf(lines, f.span) };
  if (f.related) {
    out.related = f.related.map((r) => {
      if (!r.span) return r;
      if (!r.file || resolve(r.file) === path) return { ...r, range: rangeOf(lines, r.span) };
      // Another file's offsets cannot be placed without its text; its start is (0, 0) either way.
      return r.span.start === 0 && r.span.end === 0 ? { ...r, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } : r;
    });
  }
  return out;
}

function rangeOf(lines: LineIndex, span: { start: number; end: number }): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

function byPosition(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}
