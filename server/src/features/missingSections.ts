import { applicable, type Applicable } from '../core/context';
import { elementPresence } from '../core/checks/elements';
import { matchHeading } from '../core/phrases';
import type { ParsedRecord } from '../core/record';
import type { Element, RecordKind } from '../core/schema/catalogue';
import type { FeatureContext } from './context';
import { featureFacts } from './facts';
import { effectiveKind, presentKeys, rawValue } from './frontMatterScan';

/** A section the record still lacks: a catalogue element, or a section of the note's structured format. */
export type MissingSection =
  | { type: 'element'; element: Element & { kind: RecordKind; order: number }; applies: Applicable }
  | { type: 'format'; format: string; index: number; title: string; satisfies: string[] };

const RANK = { required: 0, recommended: 1, guidance: 2 } as const;

/**
 * Elements of this kind that apply and are neither written as a heading nor as a field, by
 * level then conventional order; in a structured note, its missing sections come first.
 */
export function missingSections(ctx: FeatureContext): MissingSection[] {
  const { rec, cat } = ctx;
  const kind = effectiveKind(rec);
  const def = kind ? cat.kinds.get(kind) : undefined;
  if (!kind || !def) return [];
  const present = presentElements(rec, ctx, kind);
  const formatName = rec.format ?? (kind === 'session-note' ? rawValue(rec, 'format') : undefined);
  const fmt = formatName ? cat.formats.get(formatName) : undefined;
  const facts = featureFacts(ctx);
  const out: MissingSection[] = [];
  if (fmt) {
    fmt.sections.forEach((s, index) => {
      if (!rec.sections.some((x) => x.formatSections.includes(index))) out.push({ type: 'format', format: formatName!, index, title: s.title, satisfies: s.satisfies });
    });
  }
  const elements: Array<MissingSection & { type: 'element' }> = [];
  for (const base of def.elements) {
    const e = cat.elements.get(base.id);
    if (!e || e.frontMatterOnly || present.has(e.id)) continue;
    // A structured format replaces the narrative sections it maps, and those it does not keep.
    if (fmt && !fmt.keeps.includes(e.id)) continue;
    const applies = applicable(e, facts);
    if (applies) elements.push({ type: 'element', element: e, applies });
  }
  elements.sort((a, b) => RANK[a.applies.level] - RANK[b.applies.level] || a.element.order - b.element.order);
  return [...out, ...elements];
}

function presentElements(rec: ParsedRecord, ctx: FeatureContext, kind: RecordKind): Set<string> {
  const present = new Set<string>();
  if (rec.kind) {
    for (const [id, p] of elementPresence(rec, ctx.cat)) if (p.field || p.sections.length) present.add(id);
    return present;
  }
  // The YAML did not parse, so the sections were not matched: match the headings here.
  const index = ctx.cat.phraseIndex.get(kind);
  const headings = rec.outline.headings;
  for (const h of headings) {
    if (h === headings[0] && h.depth === 1) continue; // the record's title
    if (index) for (const id of matchHeading(h.text, index, ctx.cat.fillers, h.kind === 'plain-label')) present.add(id);
  }
  const keys = presentKeys(rec);
  for (const e of ctx.cat.kinds.get(kind)?.elements ?? []) if (e.fields.some((f) => keys.has(f))) present.add(e.id);
  return present;
}

/** The heading level the record's sections use, so an inserted section sits beside them. */
export function sectionDepth(rec: ParsedRecord): number {
  const named = rec.sections.filter((s) => s.heading.depth <= 6 && (s.elements.length || s.formatSections.length));
  if (named.length) {
    const counts = new Map<number, number>();
    for (const s of named) counts.set(s.heading.depth, (counts.get(s.heading.depth) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
  }
  const hs = rec.outline.headings.filter((h) => h.depth <= 6);
  if (!hs.length) return 2;
  const rest = hs[0].depth === 1 && hs.filter((h) => h.depth === 1).length === 1 ? hs.slice(1) : hs;
  return rest.length ? Math.min(...rest.map((h) => h.depth)) : 2;
}
