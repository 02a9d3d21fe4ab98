import { relative } from 'node:path';
import type { Catalogue } from '../core/catalogue';
import type { Finding } from '../core/findings';
import type { Range } from '../core/summary';
import type { LineIndex, Position } from '../core/text';

/** The JSON shape of spec §7: LSP-style 0-based lines and UTF-16 characters. */
export interface JsonDiagnostic {
  code: string;
  severity: Finding['severity'];
  message: string;
  range: { start: Position; end: Position };
  standard?: string;
}
export interface FileResult { file: string; diagnostics: JsonDiagnostic[] }

export function displayPath(path: string, cwd: string): string {
  return relative(cwd, path).split('\\').join('/') || path;
}

/** Findings of one file: with their own ranges (from the index), or placed with the file's lines. */
export function toFileResult(path: string, findings: ReadonlyArray<Finding & { range?: Range }>, cat: Catalogue, cwd: string, lines?: LineIndex): FileResult {
  return {
    file: displayPath(path, cwd),
    diagnostics: findings.map((f) => {
      const cite = f.cite ?? cat.elements.get(f.ruleId)?.cite ?? cat.rules.get(f.ruleId)?.cite;
      const range = f.range ?? (lines ? { start: lines.positionAt(f.span.start), end: lines.positionAt(f.span.end) } : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      const d: JsonDiagnostic = { code: f.ruleId, severity: f.severity, message: f.message, range };
      if (cite?.length) d.standard = cite.join(', ');
      return d;
    }),
  };
}
