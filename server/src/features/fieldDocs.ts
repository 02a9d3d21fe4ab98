import type { Catalogue } from '../core/catalogue';
import { ruleDocUrl } from '../core/docs';
import { NOTE_FORMATS, PHASES, RECORD_KINDS, STATUSES, type Element, type RecordKind } from '../core/schema/catalogue';
import { COMMON_FIELDS, FIELD_DESCRIPTIONS, NOTE_FIELDS, type BaseField } from '../core/schema/record';

/** What a front-matter key means, for completion documentation and hovers alike. */
export interface FieldInfo {
  key: string;
  description: string;
  values?: readonly string[];
  /** Only session notes take it. */
  noteOnly: boolean;
  /** The catalogue element a non-empty value of this field satisfies. */
  element?: Element & { kind: RecordKind };
}

const ENUMS: Partial<Record<BaseField, readonly string[]>> = { record: RECORD_KINDS, phase: PHASES, format: NOTE_FORMATS, status: STATUSES };

const PHASE_TEXT: Record<string, string> = {
  beginning: 'Early sessions: contracting, purpose, confidentiality, cohesion (Section III).',
  middle: 'The working phase: group dynamics, goal progress, obstacles (Section IV).',
  ending: 'Closing sessions: preparing members for the ending, evaluation (Section V).',
};
const STATUS_TEXT: Record<string, string> = {
  draft: 'Being written (the default).',
  submitted: 'Handed in for review by a supervisor or field instructor.',
  approved: 'Approved: set by the approve command with `approved_by`, `approved_on` and `approved_hash`; later changes go in addenda.',
};

export function isBaseField(key: string): key is BaseField {
  return Object.prototype.hasOwnProperty.call(FIELD_DESCRIPTIONS, key);
}

/** Keys a record of this kind may carry (every kind's when the kind is not known yet). */
export function validKeys(cat: Catalogue, kind: RecordKind | undefined): string[] {
  const keys: string[] = [...COMMON_FIELDS];
  if (kind === 'session-note' || !kind) keys.push(...NOTE_FIELDS);
  // Element fields of every kind would swamp the list before the kind is chosen.
  if (kind) for (const e of cat.kinds.get(kind)?.elements ?? []) for (const f of e.fields) if (!keys.includes(f)) keys.push(f);
  return keys;
}

export function fieldInfo(cat: Catalogue, key: string, kind: RecordKind | undefined): FieldInfo | undefined {
  const kinds = kind ? [kind] : [...cat.kinds.keys()];
  const element = kinds.flatMap((k) => cat.kinds.get(k)?.elements ?? []).find((e) => e.fields.includes(key));
  const withKind = element ? cat.elements.get(element.id) : undefined;
  if (isBaseField(key)) {
    return { key, description: FIELD_DESCRIPTIONS[key], values: ENUMS[key], noteOnly: (NOTE_FIELDS as readonly string[]).includes(key), element: withKind };
  }
  if (!withKind) return undefined;
  return { key, description: `Satisfies “${withKind.title}” (${withKind.cite.join(', ')}) when it is not empty.`, noteOnly: withKind.kind === 'session-note', element: withKind };
}

/** One value of an enumerated field, explained. */
export function valueText(cat: Catalogue, key: string, value: string): string | undefined {
  if (key === 'record') {
    const k = cat.kinds.get(value as RecordKind);
    return k ? `${k.title} (Section ${k.section}): ${k.description.trim()}` : undefined;
  }
  if (key === 'phase') return PHASE_TEXT[value];
  if (key === 'status') return STATUS_TEXT[value];
  if (key === 'format') return value === 'narrative' ? 'Free headings; the narrative elements apply (the default).' : cat.formats.get(value)?.title;
  return undefined;
}

export function fieldMarkdown(info: FieldInfo, docsBase?: string): string {
  const parts = [`**${info.key}** — ${info.description}`];
  if (info.values) parts.push(`Values: ${info.values.map((v) => `\`${v}\``).join(' · ')}`);
  if (info.key === 'date' || info.key === 'approved_on') parts.push('Written `YYYY-MM-DD`, e.g. `2027-03-15`.');
  if (info.noteOnly) parts.push('Session notes only.');
  if (info.element) {
    const e = info.element;
    if (isBaseField(info.key)) parts.push(`Satisfies “${e.title}” (\`${e.id}\`, ${e.cite.join(', ')}).`);
    parts.push(e.guidance.trim());
    if (docsBase) parts.push(`[Rule \`${e.id}\`](${ruleDocUrl(e.id, docsBase)})`);
  }
  return parts.join('\n\n');
}
