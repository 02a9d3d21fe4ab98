import { fileURLToPath, pathToFileURL } from 'node:url';

/** A document URI as a path the workspace index can key on; untitled documents get a virtual one. */
export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try { return fileURLToPath(uri); } catch { /* fall through: a malformed file URI */ }
  }
  // Untitled and virtual documents belong to no folder, so no profile governs them.
  return `/${encodeURIComponent(uri)}`;
}

export function pathToUri(path: string, known?: ReadonlyMap<string, string>): string {
  return known?.get(path) ?? pathToFileURL(path).href;
}
