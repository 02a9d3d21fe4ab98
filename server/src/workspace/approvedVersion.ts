import { spawnSync } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { approvalHash } from '../core/hash';

/** How far back a record's history is searched for the approved version. */
const MAX_COMMITS = 50;
const cache = new Map<string, string | null>();
/** Folder → names of the files git tracks there (null: not a repository, or no git). */
const trackedIn = new Map<string, Set<string> | null>();

/**
 * The approved text of a record, found in its git history: the newest committed version whose
 * body hashes to `approved_hash`. Local git only (no fetch); undefined outside a repository, when
 * git is missing, or when no committed version matches. Cached per file and hash.
 */
export function approvedVersion(path: string, hash: string): string | undefined {
  const key = `${path}\0${hash}`;
  if (cache.has(key)) return cache.get(key) ?? undefined;
  const found = search(path, hash);
  cache.set(key, found ?? null);
  return found;
}

function search(path: string, hash: string): string | undefined {
  // One `git ls-files` per folder spares a process per record where there is no history to find
  // (untracked or ignored folders, generated corpora, no repository at all).
  if (!tracked(dirname(path)).has(basename(path))) return undefined;
  const git = (args: string[]) => spawnSync('git', [...SAFE_CONFIG, ...args], { cwd: dirname(path), encoding: 'utf8', timeout: 5000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...SAFE_ENV } });
  const log = git(['log', `-n${MAX_COMMITS}`, '--format=%H', '--', basename(path)]);
  if (log.status !== 0 || !log.stdout) return undefined;
  for (const commit of log.stdout.split('\n').filter(Boolean)) {
    const show = git(['show', '--no-textconv', `${commit}:./${basename(path)}`]);
    if (show.status === 0 && approvalHash(show.stdout) === hash) return show.stdout;
  }
  return undefined;
}

function tracked(dir: string): ReadonlySet<string> {
  let names = trackedIn.get(dir);
  if (names === undefined) {
    const r = spawnSync('git', [...SAFE_CONFIG, 'ls-files', '-z', '--', '.'], { cwd: dir, encoding: 'utf8', timeout: 5000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...SAFE_ENV } });
    names = r.status === 0 ? new Set(r.stdout.split('\0').filter((n) => n && !n.includes('/'))) : null;
    trackedIn.set(dir, names);
  }
  return names ?? EMPTY;
}
const EMPTY: ReadonlySet<string> = new Set();

/**
 * The repository may be untrusted (a folder just cloned or downloaded): its own config must not
 * make these read-only commands run a program or reach the network. `core.fsmonitor` runs a
 * command on `ls-files`, `log.showSignature` runs `gpg.program`, and in a partial clone a missing
 * object is fetched from the remote; command-line config wins over the repository's.
 */
const SAFE_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'log.showSignature=false', '-c', 'protocol.allow=never', '-c', 'core.hooksPath=/dev/null'];
const SAFE_ENV = { GIT_NO_LAZY_FETCH: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
