import { z } from 'zod';

/** `.group-records.yaml`, the project configuration (record-format.md §1, docs/configuration.md). */

export const ROLE_PROFILES = ['student', 'worker', 'supervisor'] as const;
export const RULE_SETTINGS = ['off', 'information', 'warning', 'error'] as const;
export type RoleProfile = (typeof ROLE_PROFILES)[number];
export type RuleSetting = (typeof RULE_SETTINGS)[number];

export const CONFIG_FILE = '.group-records.yaml';

// The same shapes the catalogue accepts, so a config value never passes here and then fails as a pack.
const ruleId = z.string().regex(/^[a-z]+(\.[a-z][a-z0-9-]*)+$/, 'a rule id like contract.norms');
const phrase = z.string({ error: 'expected a heading wording in quotes' }).min(1, 'a heading wording cannot be empty').max(120, 'a heading wording is at most 120 characters');

// Collections are nullable: `rules:` with nothing under it is an empty section, not a mistake.
export const configSchema = z
  .object({
    profile: z
      .enum(ROLE_PROFILES)
      .default('worker')
      .describe('Role profile. student: recommended elements are information with a teaching note; worker: the defaults; supervisor: recommended elements are errors (for CI gates).'),
    rules: z
      .record(ruleId.describe('a rule id (e.g. privacy.identifier) or an element id (e.g. contract.norms)'), z.enum(RULE_SETTINGS), { error: 'expected rule settings, e.g. { contract.norms: error }' })
      .nullable()
      .optional()
      .describe('Severity per rule id or element id: off, information, warning or error. Wins over the role profile.'),
    standards: z
      .array(z.string({ error: 'expected a path in quotes, e.g. "./agency/extra.yaml"' }).min(1, 'a path cannot be empty'), { error: 'expected a list of paths, e.g. [./agency/extra.yaml]' })
      .nullable()
      .optional()
      .describe("Extra standards packs (YAML data files in the standards format), by path relative to this file's folder; they must stay inside it. They may add elements, heading phrases and rules, or patch levels."),
    phrases: z
      .record(ruleId.describe('an element id, e.g. contract.purpose'), z.array(phrase, { error: 'expected a list of heading wordings, e.g. ["Why we meet"]' }).min(1, 'expected at least one heading wording'), { error: 'expected heading wordings per element, e.g. { contract.purpose: ["Why we meet"] }' })
      .nullable()
      .optional()
      .describe("Extra heading wordings per element id, in your agency's own words (e.g. contract.purpose: [\"Why we meet\"])."),
    privacy: z
      .object({
        allow: z
          .array(z.string({ error: 'expected text in quotes, e.g. "555-0100"' }).min(1), { error: 'expected a list, e.g. ["555-0100", "12 Main St"]' })
          .nullable()
          .optional()
          .describe("The agency's own published phone numbers, addresses and e-mail addresses: never reported as identifiers."),
      }, { error: 'expected e.g. { allow: ["555-0100"] }' })
      .strict()
      .nullable()
      .optional()
      .describe('Settings of privacy.identifier.'),
  }, { error: 'expected `key: value` lines (profile, rules, standards, phrases, privacy)' })
  .strict()
  .describe('Group Records project configuration (.group-records.yaml)');

export type ConfigInput = z.input<typeof configSchema>;

/** The configuration in effect: every key present, defaults filled in. */
export interface ProjectConfig {
  profile: RoleProfile;
  rules: Record<string, RuleSetting>;
  standards: string[];
  phrases: Record<string, string[]>;
  privacy: { allow: string[] };
}

export function defaultConfig(): ProjectConfig {
  return { profile: 'worker', rules: {}, standards: [], phrases: {}, privacy: { allow: [] } };
}

export function effectiveConfig(c: z.output<typeof configSchema>): ProjectConfig {
  return {
    profile: c.profile,
    rules: { ...(c.rules ?? {}) },
    standards: [...(c.standards ?? [])],
    phrases: { ...(c.phrases ?? {}) },
    privacy: { allow: [...(c.privacy?.allow ?? [])] },
  };
}
