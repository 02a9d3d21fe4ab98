import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { approvalHash } from '../core/hash';

/** How far back a record's history is searched for the approved version. */
const MAX_COMMITS = 50;
/** File and hash → the approved text (null: none), with the repository state it was found in. */
const cache = new Map<string, { state: string; text: string | null }>();
/** Repository root → paths (relative, with `/`) of the files git tracks there (null: git failed). */
const trackedIn = new Map<string, { state: string; names: Set<string> | null }>();

/**
 * The approved text of a record, found in its git history: the newest committed version whose
 * body hashes to `approved_hash`. Local git only (no fetch); undefined outside a repository, when
 * git is missing, or when no committed version matches. Cached per file and hash for as long as
 * the repository's state (see repoState) stays the same.
 */
export function approvedVersion(path: string, hash: string): string | undefined {
  const key = `${path}\0${hash}`;
  const root = repoRoot(dirname(path));
  if (!root) return undefined;
  // The language server runs for days: a commit or checkout since the last look makes it stale.
  const state = repoState(root);
  const known = cache.get(key);
  if (known && known.state === state) return known.text ?? undefined;
  const found = search(path, hash, root, state);
  cache.set(key, { state, text: found ?? null });
  return found;
}

/**
 * What changes when commits are made, checked out or staged: the index file and HEAD's reflog.
 * Two stats, no process; '' where they cannot be read (a worktree's `.git` file, say), which
 * keeps what was found for the life of the process.
 */
function repoState(root: string): string {
  const stamp = (p: string) => { const st = statSync(p, { throwIfNoEntry: false }); return st ? `${st.mtimeMs}/${st.size}` : '-'; };
  try { return `${stamp(join(root, '.git', 'index'))} ${stamp(join(root, '.git', 'logs', 'HEAD'))}`; } catch { return ''; }
}

function search(path: string, hash: string, root: string, state: string): string | undefined {
  if (!isTracked(path, root, state)) return undefined;
  const git = (args: string[]) => runGit(dirname(path), args, 5000, 16 * 1024 * 1024);
  const log = git(['log', `-n${MAX_COMMITS}`, '--format=%H', '--', basename(path)]);
  if (log.status !== 0 || !log.stdout) return undefined;
  for (const commit of log.stdout.split('\n').filter(Boolean)) {
    const show = git(['show', '--no-textconv', `${commit}:./${basename(path)}`]);
    if (show.status === 0 && approvalHash(show.stdout) === hash) return show.stdout;
  }
  return undefined;
}

/**
 * Whether git tracks the file. One `git ls-files` per repository (found by its `.git`, without a
 * process) spares a process per record or folder where there is no history to find: untracked or
 * ignored folders, generated corpora, no repository at all. A 10,000-record corpus has hundreds
 * of folders, and a process costs each worker several milliseconds.
 */
function isTracked(path: string, root: string, state: string): boolean {
  let known = trackedIn.get(root);
  if (known?.state !== state) {
    const r = runGit(root, ['ls-files', '-z'], 10000, 256 * 1024 * 1024);
    known = { state, names: r.status === 0 ? new Set(r.stdout.split('\0').filter(Boolean)) : null };
    trackedIn.set(root, known);
  }
  return !!known.names?.has(relative(root, path).split(sep).join('/'));
}

/** The nearest folder at or above dir with a `.git` (a folder, or a file in worktrees and submodules). */
function repoRoot(dir: string): string | undefined {
  const cached = rootOf.get(dir);
  if (cached !== undefined) return cached;
  const parent = dirname(dir);
  const root = existsSync(join(dir, '.git')) ? dir : parent === dir ? undefined : repoRoot(parent);
  // Only a repository found is remembered: `git init` may come later.
  if (root) rootOf.set(dir, root);
  return root;
}
const rootOf = new Map<string, string>();

/**
 * The repository may be untrusted (a folder just cloned or downloaded): its own config must not
 * make these read-only commands run a program or reach the network. `core.fsmonitor` runs a
 * command on `ls-files`, `log.showSignature` runs `gpg.program`, and in a partial clone a missing
 * object is fetched from the remote; command-line config wins over the repository's.
 */
const SAFE_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'log.showSignature=false', '-c', 'protocol.allow=never', '-c', 'core.hooksPath=/dev/null'];
const SAFE_ENV = { GIT_NO_LAZY_FETCH: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };

function runGit(cwd: string, args: string[], timeout: number, maxBuffer: number) {
  return spawnSync('git', [...SAFE_CONFIG, ...args], { cwd, encoding: 'utf8', timeout, maxBuffer, env: { ...process.env, ...SAFE_ENV } });
}
