import { z } from 'zod';
import { isIsoDate } from '../dates';
import { NOTE_FORMATS, PHASES, RECORD_KINDS, STATUSES } from './catalogue';

/** Record front matter (spec §3): one zod schema per field, so each problem sits at its own value. */

export const isoDate = z.string({ error: 'expected a date in the form YYYY-MM-DD' }).refine(isIsoDate, { message: 'expected a real calendar date in the form YYYY-MM-DD' });
const memberId = z.string({ error: 'member ids are text, e.g. M01' }).min(1);
const idList = z.array(memberId, { error: 'expected a list of member ids, e.g. [M01, M02]' });

export const FIELD_SCHEMAS = {
  record: z.enum(RECORD_KINDS),
  group: z.string({ error: 'expected a group id, e.g. teen-grief-spring-2027' }).regex(/^[a-z0-9-]+$/, 'group ids use lower-case letters, digits and dashes'),
  date: isoDate,
  author: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], { error: 'expected a name or a list of names' }),
  status: z.enum(STATUSES),
  approved_by: z.string({ error: 'expected the approver’s name' }).min(1),
  approved_on: isoDate,
  approved_hash: z.string({ error: 'expected sha256:<64 hex digits>' }).regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256: followed by 64 lower-case hex digits'),
  session: z.number({ error: 'expected a whole number of 1 or more, e.g. 3' }).int('expected a whole number').min(1, 'session numbers start at 1'),
  phase: z.enum(PHASES),
  format: z.enum(NOTE_FORMATS),
  attendance: z
    .object({ present: idList.default([]), absent: idList.default([]) }, { error: 'expected { present: [ids], absent: [ids] }' })
    .strict(),
} as const;

export type BaseField = keyof typeof FIELD_SCHEMAS;
export const COMMON_FIELDS: readonly BaseField[] = ['record', 'group', 'date', 'author', 'status', 'approved_by', 'approved_on', 'approved_hash'];
export const NOTE_FIELDS: readonly BaseField[] = ['session', 'phase', 'attendance', 'format'];

export const FIELD_DESCRIPTIONS: Record<BaseField, string> = {
  record: 'What kind of record this is: plan, contract, session-note or ending-summary.',
  group: "The group's id, as in its group.yaml (optional when the record sits in the group's folder).",
  date: 'The date of the record (session date for notes), YYYY-MM-DD.',
  author: 'Who wrote the record: a name or a list of names.',
  status: 'draft (default), submitted for review, or approved by a supervisor.',
  approved_by: 'Who approved the record (set by the approve command).',
  approved_on: 'When it was approved, YYYY-MM-DD (set by the approve command).',
  approved_hash: 'sha256 of the approved body (set by the approve command); later changes go in addenda.',
  session: 'The session number, 1 for the first session.',
  phase: 'The phase of group work: beginning, middle or ending.',
  format: 'How the note is structured: narrative (default), girp, dap, soap or birp.',
  attendance: 'Who was present and absent, by roster id: { present: [M01, M02], absent: [M03] }.',
};

/** The whole front matter, for the JSON Schema editors use (elements' own fields are added as strings). */
export function frontMatterSchema(elementFields: readonly string[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const [k, s] of Object.entries(FIELD_SCHEMAS)) shape[k] = (s as z.ZodType).optional().describe(FIELD_DESCRIPTIONS[k as BaseField]);
  for (const f of elementFields) if (!(f in shape)) shape[f] = z.union([z.string(), z.array(z.string())]).optional();
  return z.object(shape).strict().describe('Group Records front matter (record-format.md §3)');
}
