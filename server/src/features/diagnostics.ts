import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import { ruleDocUrl } from '../core/docs';
import type { Finding } from '../core/findings';
import type { Severity } from '../core/schema/catalogue';
import type { LineIndex, Span } from '../core/text';

export const DIAGNOSTIC_SOURCE = 'group-records';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries for later requests (code actions, hovers) without re-deriving it. */
export interface DiagnosticData { ruleId: string; cite?: readonly string[]; level?: string }

/**
 * Where the files a finding's related information names live. Without it (or for a file it does
 * not know), related information in other files is left out: a location that cannot be opened is
 * worse than none.
 */
export interface RelatedResolver {
  /** This document's URI, for related spans in the same file. */
  self?: string;
  /** Another file's URI, and its lines when known (else the location is its first line). */
  file?(path: string): { uri: string; lines?: LineIndex } | undefined;
}

export function toRange(lines: LineIndex, span: Span): Range {
  const start = Math.min(span.start, span.end);
  return { start: lines.positionAt(start), end: lines.positionAt(Math.max(span.start, span.end)) };
}

/** One finding as the LSP diagnostic every feature and the server publish, so code actions match it. */
export function toDiagnostic(f: Finding, lines: LineIndex, docsBase: string | undefined, resolver?: RelatedResolver): Diagnostic {
  const d: Diagnostic = {
    range: toRange(lines, f.span),
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
    code: f.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
  };
  if (docsBase) d.codeDescription = { href: ruleDocUrl(f.ruleId, docsBase) };
  const data: DiagnosticData = { ruleId: f.ruleId };
  if (f.cite?.length) data.cite = f.cite;
  if (f.level) data.level = f.level;
  d.data = data;
  const related = relatedInformation(f, lines, resolver);
  if (related.length) d.relatedInformation = related;
  return d;
}

function relatedInformation(f: Finding, lines: LineIndex, resolver: RelatedResolver | undefined): DiagnosticRelatedInformation[] {
  const out: DiagnosticRelatedInformation[] = [];
  for (const r of f.related ?? []) {
    if (r.file === undefined) {
      if (resolver?.self) out.push({ location: { uri: resolver.self, range: toRange(lines, r.span ?? f.span) }, message: r.message });
      continue;
    }
    let target: ReturnType<NonNullable<RelatedResolver['file']>>;
    try { target = resolver?.file?.(r.file); } catch { target = undefined; }
    if (!target) continue;
    const range = target.lines && r.span ? toRange(target.lines, r.span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    out.push({ location: { uri: target.uri, range }, message: r.message });
  }
  return out;
}
