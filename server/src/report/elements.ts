import type { Catalogue } from '../core/catalogue';
import { elementPresence } from '../core/checks/elements';
import { applicable, type RecordFacts } from '../core/context';
import type { ParsedRecord } from '../core/record';
import type { ElementCell } from './types';

/**
 * Each element of the record's kind: present, empty or missing, and how strongly it is asked for.
 * It follows checkElements (core/checks/elements.ts) so the grid never contradicts the findings:
 * structured formats replace the narrative elements they do not map, and a structured note that
 * has every section of its format holds its summary.
 */
export function elementCells(rec: ParsedRecord, cat: Catalogue, facts: RecordFacts): Map<string, ElementCell> {
  const out = new Map<string, ElementCell>();
  const def = rec.kind ? cat.kinds.get(rec.kind) : undefined;
  if (!def) return out;
  const presence = elementPresence(rec, cat);
  const fmt = rec.format ? cat.formats.get(rec.format) : undefined;
  const mapped = new Set(fmt?.sections.flatMap((s) => s.satisfies) ?? []);
  const formatComplete = !!fmt && fmt.sections.every((_, i) => rec.sections.some((s) => s.formatSections.includes(i) && s.hasContent));

  for (const { id } of def.elements) {
    const e = cat.elements.get(id);
    const p = presence.get(id);
    if (!e || !p) continue;
    if (fmt && !mapped.has(id) && !fmt.keeps.includes(id) && id !== 'note.summary') { out.set(id, { state: 'not-asked' }); continue; }
    const a = applicable(e, facts);
    if (!a || a.level === 'guidance') { out.set(id, { state: 'not-asked' }); continue; }
    const filled = p.field || p.sections.some((s) => s.hasContent) || (id === 'note.summary' && formatComplete);
    const state = filled ? 'present' : p.sections.length ? 'empty' : 'missing';
    out.set(id, { state, level: a.level });
  }
  return out;
}
