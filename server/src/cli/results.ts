import { relative } from 'node:path';
import type { Catalogue } from '../core/catalogue';
import type { Finding } from '../core/findings';
import type { Position } from '../core/text';
import type { FileCheck } from '../workspace/checkFile';

/** The JSON shape of spec §7: LSP-style 0-based lines and UTF-16 characters. */
export interface JsonDiagnostic {
  code: string;
  severity: Finding['severity'];
  message: string;
  range: { start: Position; end: Position };
  standard?: string;
}
export interface FileResult { file: string; diagnostics: JsonDiagnostic[] }

export function toFileResult(check: Omit<FileCheck, 'summary'>, cat: Catalogue, cwd: string): FileResult {
  return {
    file: relative(cwd, check.path).split('\\').join('/') || check.path,
    diagnostics: check.findings.map((f) => {
      const cite = f.cite ?? cat.elements.get(f.ruleId)?.cite ?? cat.rules.get(f.ruleId)?.cite;
      const d: JsonDiagnostic = {
        code: f.ruleId, severity: f.severity, message: f.message,
        range: { start: check.lines.positionAt(f.span.start), end: check.lines.positionAt(f.span.end) },
      };
      if (cite?.length) d.standard = cite.join(', ');
      return d;
    }),
  };
}
