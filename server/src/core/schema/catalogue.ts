import { z } from 'zod';

/** The standards catalogue format (files in `standards/`). One schema drives every feature. */

export const RECORD_KINDS = ['plan', 'contract', 'session-note', 'ending-summary'] as const;
export const PHASES = ['beginning', 'middle', 'ending'] as const;
export const GROUP_TYPES = ['treatment', 'support', 'psychoeducational', 'task', 'community-action', 'socio-recreational'] as const;
export const MODALITIES = ['in-person', 'online', 'telephone', 'hybrid'] as const;
export const NOTE_FORMATS = ['narrative', 'girp', 'dap', 'soap', 'birp'] as const;
export const STATUSES = ['draft', 'submitted', 'approved'] as const;
export const LEVELS = ['required', 'recommended', 'guidance'] as const;
export const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;

export type RecordKind = (typeof RECORD_KINDS)[number];
export type Phase = (typeof PHASES)[number];
export type GroupType = (typeof GROUP_TYPES)[number];
export type Modality = (typeof MODALITIES)[number];
export type NoteFormat = (typeof NOTE_FORMATS)[number];
export type Level = (typeof LEVELS)[number];
export type Severity = (typeof SEVERITIES)[number];

const citation = z.string().regex(/^(I|II|III|IV|V|VI)(\.[A-Z](\.\d+(\.[a-z])?)?)?([–-]\d+)?$/, 'a citation like III.A.1 or IV.A.2.b');
const ruleId = z.string().regex(/^[a-z]+(\.[a-z][a-z0-9-]*)+$/, 'a rule id like contract.purpose');
const phrase = z.string().min(1).max(120);

/** Facts about a record and its group that decide whether and how strongly an element is asked for. */
export const conditionSchema = z
  .object({
    phase: z.array(z.enum(PHASES)).min(1).optional().describe('the session note is in one of these phases'),
    firstSession: z.boolean().optional().describe('the session note is session 1 (true) or a later one (false)'),
    groupType: z.array(z.enum(GROUP_TYPES)).min(1).optional().describe("the group profile's type is one of these"),
    modality: z.array(z.enum(MODALITIES)).min(1).optional().describe("the group profile's modality is one of these"),
    open: z.boolean().optional().describe('the group is open-ended (admits new members mid-way)'),
    mandatedMembers: z.boolean().optional().describe('some roster member is mandated'),
    coFacilitated: z.boolean().optional().describe('the profile lists two or more workers'),
    newMember: z.boolean().optional().describe("a present member's first session is this one (session > 1)"),
    memberNeeds: z.boolean().optional().describe('a present member has listed needs'),
  })
  .strict();
export type Condition = z.infer<typeof conditionSchema>;

export const levelRuleSchema = z
  .object({
    when: conditionSchema.optional(),
    level: z.enum([...LEVELS, 'none']).describe('`none`: not asked for when this rule matches'),
    because: z.string().optional().describe('why the element applies here, shown in hovers and messages'),
  })
  .strict();
export type LevelRule = z.infer<typeof levelRuleSchema>;

export const elementSchema = z
  .object({
    id: ruleId,
    title: z.string().min(1),
    cite: z.array(citation).min(1),
    levels: z.array(levelRuleSchema).min(1).describe('first rule whose `when` matches decides; a record no rule matches does not ask for the element'),
    phrases: z.array(phrase).min(1).describe('heading wordings that name the element (compared after normalisation)'),
    keywords: z.array(phrase).default([]).describe('distinctive words: a heading containing one of them names the element'),
    fields: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).default([]).describe('front-matter fields that satisfy the element'),
    frontMatterOnly: z.boolean().default(false).describe('only the front-matter field satisfies the element'),
    guidance: z.string().min(1).describe('what the standard asks, paraphrased'),
    teaching: z.string().optional().describe('a longer explanation for students'),
    skeleton: z.string().min(1).describe('the section a quick fix or snippet inserts (snippet syntax allowed: ${1:text})'),
  })
  .strict();
export type Element = z.infer<typeof elementSchema>;

export const recordKindSchema = z
  .object({
    kind: z.enum(RECORD_KINDS),
    title: z.string(),
    section: z.string().describe('the section of the standard the record kind belongs to'),
    description: z.string(),
    elements: z.array(elementSchema).min(1).describe('in their conventional order in a record'),
  })
  .strict();
export type RecordKindDef = z.infer<typeof recordKindSchema>;

export const ruleSchema = z
  .object({
    id: ruleId,
    title: z.string(),
    severity: z.enum(SEVERITIES),
    cite: z.array(citation).default([]),
    description: z.string().describe('what the rule finds and why'),
  })
  .strict();
export type RuleDef = z.infer<typeof ruleSchema>;

export const formatSchema = z
  .object({
    title: z.string(),
    sections: z
      .array(z.object({ title: z.string(), phrases: z.array(phrase).min(1), satisfies: z.array(ruleId) }).strict())
      .min(1),
    keeps: z.array(ruleId).describe('narrative elements still asked for in this format'),
  })
  .strict();
export type FormatDef = z.infer<typeof formatSchema>;

export const vocabularySchema = z
  .object({
    fillers: z.array(z.string()).default([]).describe('words ignored when comparing headings'),
    placeholders: z.array(z.string()).default([]).describe('section contents that are not real content'),
    confidentialityLimits: z.array(z.string()).default([]).describe('phrases that state a limit or exception to confidentiality'),
  })
  .strict();

/** Additions a pack makes to elements defined elsewhere (an agency's own wording, a changed level). */
export const elementPatchSchema = z
  .object({
    id: ruleId,
    phrases: z.array(phrase).optional(),
    keywords: z.array(phrase).optional(),
    levels: z.array(levelRuleSchema).optional(),
    guidance: z.string().optional(),
  })
  .strict();

export const packSchema = z
  .object({
    version: z.literal(1),
    records: z.array(recordKindSchema).optional(),
    rules: z.array(ruleSchema).optional(),
    formats: z.record(z.enum(['girp', 'dap', 'soap', 'birp']), formatSchema).optional(),
    vocabulary: vocabularySchema.optional(),
    patches: z.array(elementPatchSchema).optional(),
  })
  .strict();
export type Pack = z.infer<typeof packSchema>;
