import { z } from 'zod';
import { GROUP_TYPES, MODALITIES } from './catalogue';
import { isoDate } from './record';

/** `group.yaml` (spec §2). */
export const memberSchema = z
  .object({
    id: z.string({ error: 'every member needs an id, e.g. M01' }).regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'member ids are letters and digits, e.g. M01'),
    initials: z.string().optional().describe('Initials only; names do not belong in records'),
    name: z.string().optional().describe("Discouraged: a member's name (privacy.roster-name)"),
    joined: isoDate.optional().describe('Date of the first session the member attends'),
    left: isoDate.nullable().optional(),
    mandated: z.boolean({ error: 'expected true or false' }).default(false),
    consent: isoDate.nullable().optional().describe('Date informed consent was recorded'),
    needs: z.array(z.string(), { error: 'expected a list, e.g. [interpreter-spanish]' }).nullable().optional().describe('Special needs to attend to (IV.A.1.f)'),
  })
  .strict();

export const groupSchema = z
  .object({
    id: z.string({ error: 'a group needs an id' }).regex(/^[a-z0-9-]+$/, 'group ids use lower-case letters, digits and dashes'),
    name: z.string({ error: 'a group needs a name' }).min(1),
    type: z.enum(GROUP_TYPES).optional(),
    modality: z.enum(MODALITIES).default('in-person'),
    open: z.boolean({ error: 'expected true or false' }).default(false),
    agency: z.string().optional(),
    workers: z.array(z.string()).default([]),
    schedule: z
      .object({ start: isoDate.optional(), end: isoDate.optional(), sessions: z.number().int().min(1).optional() })
      .strict()
      .optional(),
    members: z.array(memberSchema).default([]),
  })
  .strict()
  .describe('Group Records group profile (record-format.md §2)');

export type GroupProfile = z.infer<typeof groupSchema>;
