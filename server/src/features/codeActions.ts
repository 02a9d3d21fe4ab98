import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import type { EditData, Finding } from '../core/findings';
import { insertSections } from '../core/sectionInsert';
import type { Span } from '../core/text';
import type { FeatureContext } from './context';
import { toDiagnostic, toRange } from './diagnostics';

/**
 * A source action, not a `source.fixAll`: editors run fix-all kinds on save, and inserting
 * skeleton sections is something a writer asks for, never something that should happen to them.
 */
export const INSERT_MISSING_SECTIONS_KIND = `${CodeActionKind.Source}.insertMissingSections`;
/** The kinds the server announces (`codeActionProvider.codeActionKinds`). */
export const CODE_ACTION_KINDS: readonly string[] = [CodeActionKind.QuickFix, INSERT_MISSING_SECTIONS_KIND];

/**
 * Quick fixes for the findings the range touches (one per fix core offers), "insert all missing
 * required sections" as a quick fix beside the missing-section ones and as a source action.
 * `diagnostics`, when given, are the request's: actions then name those very objects.
 */
export function codeActions(ctx: FeatureContext, range: Span | Range, only?: readonly string[], diagnostics?: readonly Diagnostic[]): CodeAction[] {
  try {
    return build(ctx, toSpan(ctx, range), only, diagnostics);
  } catch {
    return [];
  }
}

function build(ctx: FeatureContext, range: Span, only: readonly string[] | undefined, requested: readonly Diagnostic[] | undefined): CodeAction[] {
  const out: CodeAction[] = [];
  const diagOf = diagnosticFor(ctx, requested);
  const wantQuickFix = wanted(only, CodeActionKind.QuickFix);
  if (wantQuickFix) {
    for (const f of ctx.findings) {
      if (!f.fixes?.length || !overlaps(f.span, range)) continue;
      for (const fix of f.fixes) {
        const edits = validEdits(ctx, fix.edits);
        if (!edits) continue;
        out.push(action(ctx, fix.title, CodeActionKind.QuickFix, edits, [diagOf(f)], fix.preferred));
      }
    }
  }
  const missing = missingRequired(ctx);
  if (!missing.length) return out;
  const edits = validEdits(ctx, insertSections(ctx.rec, ctx.cat, missing.map((f) => f.ruleId)));
  if (!edits) return out;
  const title = missing.length === 1 ? 'Insert the missing required section' : `Insert all ${missing.length} missing required sections`;
  // With one missing section its own quick fix already does this; the list stays short.
  if (wantQuickFix && missing.length > 1 && missing.some((f) => overlaps(f.span, range))) {
    out.push(action(ctx, title, CodeActionKind.QuickFix, edits, missing.map(diagOf)));
  }
  if (wanted(only, INSERT_MISSING_SECTIONS_KIND)) {
    out.push(action(ctx, title, INSERT_MISSING_SECTIONS_KIND, edits, missing.map(diagOf)));
  }
  return out;
}

/** Missing-element findings at the required level that a section satisfies, once per element. */
export function missingRequired(ctx: FeatureContext): Finding[] {
  const seen = new Set<string>();
  return ctx.findings.filter((f) => {
    const e = ctx.cat.elements.get(f.ruleId);
    if (!e || e.frontMatterOnly || e.kind !== ctx.rec.kind || !f.wholeRecord || f.level !== 'required' || !f.fixes?.length || seen.has(f.ruleId)) return false;
    seen.add(f.ruleId);
    return true;
  });
}

function action(ctx: FeatureContext, title: string, kind: string, edits: EditData[], diagnostics: Diagnostic[], preferred?: boolean): CodeAction {
  const textEdits: TextEdit[] = edits.map((e) => ({ range: toRange(ctx.rec.lines, e), newText: e.newText }));
  const a: CodeAction = { title, kind, diagnostics, edit: { changes: { [ctx.uri]: textEdits } } };
  if (preferred) a.isPreferred = true;
  return a;
}

/** The published diagnostic of a finding: the request's own copy when it sent one. */
function diagnosticFor(ctx: FeatureContext, requested: readonly Diagnostic[] | undefined): (f: Finding) => Diagnostic {
  const cache = new Map<Finding, Diagnostic>();
  return (f) => {
    let d = cache.get(f);
    if (d) return d;
    d = toDiagnostic(f, ctx.rec.lines, ctx.docsBase);
    const same = requested?.find((r) => r.code === d!.code && r.message === d!.message && sameRange(r.range, d!.range));
    if (same) d = same;
    cache.set(f, d);
    return d;
  };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * `only` asks for kinds and their sub-kinds. Source actions are listed when asked for, or when no
 * kind is named (editors hide them from the light bulb themselves).
 */
function wanted(only: readonly string[] | undefined, kind: string): boolean {
  if (!only?.length) return true;
  return only.some((o) => o === '' || kind === o || kind.startsWith(o + '.'));
}

/** A cursor touching either end of a finding counts, as editors ask for the cursor's position. */
function overlaps(span: Span, range: Span): boolean {
  return span.start <= range.end && range.start <= span.end;
}

function toSpan(ctx: FeatureContext, r: Span | Range): Span {
  if (typeof (r as Span).start === 'number') {
    const s = r as Span;
    return { start: Math.min(s.start, s.end), end: Math.max(s.start, s.end) };
  }
  const range = r as Range;
  const a = ctx.rec.lines.offsetAt(range.start);
  const b = ctx.rec.lines.offsetAt(range.end);
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

/**
 * Edits in the document's bounds that do not overlap, sorted, without no-ops; otherwise the fix is
 * not offered. An offset between CR and LF has no LSP position, so such a fix is not offered either.
 */
function validEdits(ctx: FeatureContext, edits: readonly EditData[]): EditData[] | undefined {
  const text = ctx.rec.text;
  const expressible = (o: number) => Number.isInteger(o) && o >= 0 && o <= text.length && !(text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10);
  const sorted = edits.filter((e) => e.start !== e.end || e.newText).sort((a, b) => a.start - b.start || a.end - b.end);
  if (!sorted.length) return undefined;
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    if (!expressible(e.start) || !expressible(e.end) || e.start > e.end || typeof e.newText !== 'string') return undefined;
    // Two insertions at one place would depend on the editor's order; core merges them instead.
    if (i > 0 && (sorted[i - 1].end > e.start || sorted[i - 1].start === e.start)) return undefined;
  }
  return sorted;
}
