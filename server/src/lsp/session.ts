import { basename, dirname, resolve } from 'node:path';
import type { Catalogue } from '../core/catalogue';
import type { Finding } from '../core/findings';
import { parseRecord, type ParsedRecord } from '../core/record';
import { CONFIG_FILE } from '../core/schema/config';
import { applyRoleAndRules, type SeveritySettings } from '../core/severity';
import { builtinCatalogue } from '../core/standards';
import type { LocatedFinding } from '../core/summary';
import { LineIndex } from '../core/text';
import { readSource } from '../cli/readFile';
import { DOCS_BASE } from '../cli/paths';
import type { FeatureContext } from '../features/context';
import { findConfig, loadConfig, type LoadedConfig } from '../workspace/config';
import { WorkspaceIndex } from '../workspace/index';
import { PROFILE_NAMES } from '../workspace/profiles';
import { BackgroundChecker, BIG_DOCUMENT } from './backgroundCheck';
import type { ClientSettings } from './settings';

export interface OpenDoc { uri: string; path: string; version: number; text: string }

/**
 * One parse per document version, shared by diagnostics and every feature. A huge document gets a
 * light parse here (headings by line scan) while its real check runs on a worker thread.
 */
interface Analysis { version: number; rec: ParsedRecord }

export type FileRole = 'record' | 'profile' | 'config' | 'other';

export function roleOf(path: string): FileRole {
  const name = basename(path);
  if ((PROFILE_NAMES as readonly string[]).includes(name)) return 'profile';
  if (name === CONFIG_FILE) return 'config';
  return /\.(md|markdown)$/i.test(name) ? 'record' : 'other';
}

/**
 * The server's view of the workspace: configuration, catalogue, the index of every profile and
 * record, and the open documents (whose editor text wins over the file on disk).
 */
/**
 * Lines from which a document is checked on the worker whatever its size: the Markdown parser's
 * time grows with the number of blocks, and 100 KB of short nested list items took a second.
 */
const BIG_DOCUMENT_LINES = 5000;

function manyLines(text: string): boolean {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (++n >= BIG_DOCUMENT_LINES) return true;
  return false;
}

export class Session {
  cat: Catalogue = builtinCatalogue();
  config: LoadedConfig | undefined;
  index: WorkspaceIndex;
  readonly open = new Map<string, OpenDoc>();
  private readonly analyses = new Map<string, Analysis>();
  /** Every path the index knows → the URI the client used for it. */
  readonly uris = new Map<string, string>();

  readonly background: BackgroundChecker;
  /** Called when a huge document's background check has landed in the index. */
  onBackgroundChecked: (path: string) => void = () => undefined;

  constructor(readonly roots: string[], public settings: ClientSettings) {
    this.loadConfiguration();
    this.index = this.newIndex();
    this.background = new BackgroundChecker((uri, version, checked) => {
      const doc = this.open.get(uri);
      if (!doc || doc.version !== version || !checked) return;
      this.index.setChecked(checked);
      this.onBackgroundChecked(doc.path);
    });
  }

  /** Reads `.group-records.yaml` (the open text if it is open) at the first root; true when the catalogue changed. */
  loadConfiguration(): boolean {
    const path = this.roots.length ? findConfig(this.roots[0]) : undefined;
    const before = this.cat;
    if (!path) { this.config = undefined; this.cat = builtinCatalogue(); return before !== this.cat; }
    const openText = this.openAt(path)?.text;
    this.config = loadConfig(path, { trusted: this.settings.trusted, text: openText });
    this.cat = this.config.catalogue;
    return before !== this.cat;
  }

  /** A fresh index (after the catalogue or privacy allow-list changed): everything is re-read. */
  newIndex(): WorkspaceIndex {
    this.analyses.clear();
    return new WorkspaceIndex(this.cat, {
      privacyAllow: this.config?.config.privacy.allow ?? [],
      read: (path) => {
        const doc = this.openAt(path);
        return doc ? { text: doc.text } : readSource(path);
      },
    });
  }

  get severity(): SeveritySettings {
    return {
      profile: this.settings.profile ?? this.config?.config.profile ?? 'worker',
      rules: { ...(this.config?.config.rules ?? {}), ...this.settings.rules },
    };
  }

  /** The document parsed for its current version, feeding the index once per version. */
  analyse(doc: OpenDoc): Analysis | undefined {
    if (roleOf(doc.path) !== 'record') return undefined;
    const known = this.analyses.get(doc.uri);
    if (known?.version === doc.version) return known;
    const big = doc.text.length >= BIG_DOCUMENT || manyLines(doc.text);
    const rec = parseRecord(doc.text, this.cat, { light: big });
    if (big) {
      this.background.request(doc.uri, doc.version, {
        path: doc.path, text: doc.text, profiles: this.index.sharedProfiles(), privacyAllow: this.config?.config.privacy.allow ?? [],
        configPath: this.config?.path, trusted: this.settings.trusted,
      });
    } else this.index.setRecord(doc.path, { text: doc.text, parsed: rec });
    const a = { version: doc.version, rec };
    this.analyses.set(doc.uri, a);
    return a;
  }

  forget(uri: string): void { this.analyses.delete(uri); }

  /** The open document of a file, if the editor has it open (its text wins over the disk's). */
  openAt(path: string): OpenDoc | undefined {
    for (const d of this.open.values()) if (d.path === path) return d;
    return undefined;
  }

  /** Findings of any file as the user sees them: profile and rule settings applied. */
  findings(path: string): Finding[] {
    if (this.config && resolve(path) === this.config.path) return applyRoleAndRules(this.config.findings, this.severity, this.cat);
    return applyRoleAndRules(this.index.findingsFor(path), this.severity, this.cat);
  }

  /** Lines of a file for positions: the open text, or none (index findings carry their ranges). */
  linesOf(path: string): LineIndex | undefined {
    if (this.config && resolve(path) === this.config.path) return this.config.lines;
    const doc = this.openAt(path);
    return doc ? this.analyses.get(doc.uri)?.rec.lines ?? new LineIndex(doc.text) : undefined;
  }

  context(doc: OpenDoc): FeatureContext | undefined {
    const a = this.analyse(doc);
    if (!a) return undefined;
    const group = this.index.groupOf(doc.path);
    return {
      uri: doc.uri, rec: a.rec, cat: this.cat, group: group?.facts, docsBase: DOCS_BASE,
      findings: this.findings(doc.path) as LocatedFinding[],
      workspace: this.index.workspaceFacts(doc.path),
    };
  }

  /** Does a change to this file change how other files are checked? */
  isShared(path: string): boolean {
    const role = roleOf(path);
    return role === 'profile' || role === 'config' || (this.config?.packs ?? []).includes(resolve(path));
  }

  inRoots(path: string): boolean {
    const p = resolve(path);
    return this.roots.some((r) => p === r || p.startsWith(r.endsWith('/') ? r : r + '/')) || this.roots.length === 0;
  }

  folderOf(path: string): string { return dirname(resolve(path)); }
}
