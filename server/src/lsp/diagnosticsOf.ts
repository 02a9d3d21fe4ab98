import type { Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../core/findings';
import type { LocatedFinding } from '../core/summary';
import { LineIndex } from '../core/text';
import { toDiagnostic } from '../features/diagnostics';
import { pathToUri } from './uris';

const NO_LINES = new LineIndex('');

/**
 * Diagnostics of one file. With its text's lines (an open document) positions come from them;
 * otherwise from the ranges the index stored, so unopened files are never read again for this.
 */
export function diagnosticsOf(findings: readonly Finding[], lines: LineIndex | undefined, docsBase: string, selfUri: string, uris: ReadonlyMap<string, string>): Diagnostic[] {
  return findings.map((f) => {
    const located = f as LocatedFinding;
    const d = toDiagnostic(f, lines ?? NO_LINES, docsBase, { self: selfUri, file: (p) => ({ uri: pathToUri(p, uris) }) });
    if (!lines && located.range) d.range = located.range;
    if (located.related && d.relatedInformation) {
      // One entry per related item (the resolver answers for every file); the index knows the
      // other file's range, toDiagnostic only this file's lines.
      located.related.forEach((r, i) => {
        const info = d.relatedInformation![i];
        if (info && r.range && (r.file !== undefined || !lines)) info.location.range = r.range;
      });
    }
    return d;
  });
}
