import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fchownSync, fsyncSync, linkSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** The bytes the file had when it was read: if it changed since, nothing is written. */
  expect?: Buffer;
  /** Runs once the temporary file is complete and synced, just before the rename (tests inject failures here). */
  beforeRename?: (tmp: string) => void;
}

export type WriteResult = { ok: true } | { ok: false; reason: string };

/**
 * Replaces a file so that a crash at any point leaves either the old or the new file, never a
 * torn one: a temporary file in the same folder (so the rename stays on one file system), synced,
 * with the original's mode, renamed over the original. A symbolic link keeps pointing at the
 * replaced file. Never throws.
 */
export function writeFileAtomic(path: string, data: Buffer, opts: AtomicWriteOptions = {}): WriteResult {
  let target: string;
  let mode: number, uid: number, gid: number;
  try {
    target = realpathSync(path);
    const st = statSync(target);
    mode = st.mode & 0o7777; uid = st.uid; gid = st.gid;
  } catch (err) {
    return { ok: false, reason: `cannot read it: ${codeOf(err)}` };
  }
  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    for (let off = 0; off < data.length;) off += writeSync(fd, data, off, data.length - off);
    // The umask applies at creation; the original's mode is set explicitly.
    fchmodSync(fd, mode);
    try { fchownSync(fd, uid, gid); } catch { /* only the owner's own ids, or root, may do this */ }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (opts.expect && !readFileSync(target).equals(opts.expect)) throw new Changed();
    opts.beforeRename?.(tmp);
    renameSync(tmp, target);
  } catch (err) {
    if (fd !== undefined) try { closeSync(fd); } catch { /* already closed */ }
    try { unlinkSync(tmp); } catch { /* never created, or already gone */ }
    return { ok: false, reason: err instanceof Changed ? 'it changed on disk while it was being approved; nothing was written' : `cannot write it: ${codeOf(err)}` };
  }
  // The rename is durable once the folder is synced; some systems cannot sync a folder, and the file is in place anyway.
  try { const d = openSync(dir, 'r'); try { fsyncSync(d); } finally { closeSync(d); } } catch { /* best effort */ }
  return { ok: true };
}

class Changed extends Error {}

function codeOf(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? (err as Error)?.message ?? String(err);
}

/**
 * Writes a file the command itself produces (a report, a new record) whole or not at all: a
 * synced temporary file with an unguessable name beside it, then a rename over the target
 * (`replace`) or a hard link that fails when the name was taken meanwhile (never overwrite).
 * Never throws; a failure's `reason` is the system's error code (ENOENT, EEXIST, …).
 */
export function writeNewFileAtomic(path: string, text: string, opts: { replace: boolean }): WriteResult {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    const data = Buffer.from(text, 'utf8');
    for (let off = 0; off < data.length;) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (opts.replace) renameSync(tmp, path);
    else { linkSync(tmp, path); unlinkSync(tmp); }
    return { ok: true };
  } catch (err) {
    if (fd !== undefined) try { closeSync(fd); } catch { /* already closed */ }
    try { unlinkSync(tmp); } catch { /* never created, or already renamed */ }
    return { ok: false, reason: codeOf(err) };
  }
}
