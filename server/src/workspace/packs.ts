import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep, win32 } from 'node:path';

/** No standards pack needs more; a bigger file is refused rather than parsed. */
export const MAX_PACK_BYTES = 1024 * 1024;

export type PackRead =
  | { ok: true; name: string; realPath: string; text: string }
  | { ok: false; reason: string };

/**
 * Reads a standards pack named in `.group-records.yaml`. A pack is data, and only the workspace's
 * own data: the path must be relative and stay inside `root` both as written and once links are
 * followed, so a shared repository cannot make the checker read files elsewhere on the machine.
 */
export function readPack(root: string, written: string): PackRead {
  if (isAbsolute(written) || win32.isAbsolute(written)) {
    return { ok: false, reason: `\`${written}\` is an absolute path; name the pack by its path relative to the folder of .group-records.yaml, e.g. ./agency/extra.yaml` };
  }
  // A backslash path written on Windows must be confined the same way everywhere.
  const abs = resolve(root, written.replace(/\\/g, '/'));
  if (outside(root, abs)) return { ok: false, reason: `\`${written}\` is outside the workspace; packs must be inside ${root}` };
  if (!/\.(ya?ml|json)$/i.test(abs)) return { ok: false, reason: `\`${written}\` is not a YAML data file (.yaml or .yml); a pack is data in the standards format` };
  let realRoot = root;
  try { realRoot = realpathSync(root); } catch { /* compare against the path as given */ }
  let realPath: string;
  try {
    realPath = realpathSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? `\`${written}\` was not found (looked for ${abs})` : `\`${written}\` could not be read (${code ?? (e as Error).message})` };
  }
  if (outside(realRoot, realPath)) return { ok: false, reason: `\`${written}\` is a link to ${realPath}, outside the workspace; packs must be inside ${root}` };
  try {
    const st = statSync(realPath);
    if (st.isDirectory()) return { ok: false, reason: `\`${written}\` is a folder; name the pack's YAML file` };
    if (!st.isFile()) return { ok: false, reason: `\`${written}\` is not a regular file` };
    if (st.size > MAX_PACK_BYTES) return { ok: false, reason: `\`${written}\` is ${Math.ceil(st.size / 1024)} KB; a pack may be at most ${MAX_PACK_BYTES / 1024} KB` };
    const text = readFileSync(realPath, 'utf8');
    return { ok: true, name: relative(realRoot, realPath).split(sep).join('/'), realPath, text };
  } catch (e) {
    return { ok: false, reason: `\`${written}\` could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
}

function outside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}
