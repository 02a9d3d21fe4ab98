import type { CompletionItem } from 'vscode-languageserver';
import { bodyCompletions } from './bodyCompletion';
import type { FeatureContext } from './context';
import { cursorLine, inFrontMatter } from './cursor';
import { frontMatterCompletions } from './frontMatterCompletion';
import { sectionCompletions } from './sectionCompletion';
import { localToday } from '../core/dates';

export interface CompletionOptions {
  /** Today's date (YYYY-MM-DD) for date values and review markers; the local date when not given. */
  today?: string;
  /** Base URL of the rule docs (docs/rules/), for links in item documentation; `ctx.docsBase` when not given. */
  docsBase?: string;
}

/** Characters after which the client should ask for completions without being told to. */
export const COMPLETION_TRIGGERS: readonly string[] = ['@', '#', '[', ',', '>'];

/**
 * Completions at `offset` of the document: front-matter keys and values, attendance ids,
 * `@` member ids, `#` goal ids, review markers, and the sections the record still lacks.
 * Every item's edit replaces only what was typed of the token at the cursor.
 */
export function completions(ctx: FeatureContext, offset: number, opts: CompletionOptions = {}): CompletionItem[] {
  try {
    const cur = cursorLine(ctx.rec, offset);
    const today = opts.today ?? localToday();
    if (inFrontMatter(ctx.rec, cur.offset)) return frontMatterCompletions(ctx, cur, today);
    if (!ctx.rec.isRecord || cur.offset < ctx.rec.bodyStart) return [];
    return [...bodyCompletions(ctx, cur, today), ...sectionCompletions(ctx, cur, opts.docsBase ?? ctx.docsBase)];
  } catch {
    // A half-typed document is the normal case: an unforeseen shape yields no items, never an error.
    return [];
  }
}

