import { relative, sep } from 'node:path';

/** Where a record's link points; undefined: no link, the path is shown as text. */
export type HrefOf = (path: string, line?: number) => string | undefined;

/**
 * A link from a report saved in `fromDir` to a record: relative, each segment percent-encoded,
 * so a file named `javascript:x.md` or `a#b.md` stays a file name and never becomes a scheme or
 * a fragment.
 */
export function relativeHref(fromDir: string): HrefOf {
  return (path) => {
    const parts = relative(fromDir, path).split(sep).map(encodeURIComponent);
    const rel = parts.join('/');
    return rel.startsWith('..') ? rel : `./${rel}`;
  };
}

/**
 * Only links that cannot leave the machine: relative ones, `file:` and `command:` (the editor's
 * own commands, which the webview allows one by one). Anything else is dropped to plain text.
 */
export function isSafeHref(href: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  return scheme === undefined ? !/^[\\/]{2}/.test(href) : scheme === 'file' || scheme === 'command';
}
