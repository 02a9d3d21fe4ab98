import type { RoleProfile, RuleSetting } from '../core/schema/config';
import { ROLE_PROFILES, RULE_SETTINGS } from '../core/schema/config';

/** What the client may send (initializationOptions, or `groupRecords` settings). Anything else is ignored. */
export interface ClientSettings {
  /** Role profile chosen in the editor; overrides `.group-records.yaml`'s `profile`. */
  profile?: RoleProfile;
  /** Per-rule severities from the editor settings; they win over the configuration file's. */
  rules: Record<string, RuleSetting>;
  /** False in VS Code's Restricted Mode: workspace standards packs are not loaded. */
  trusted: boolean;
}

export function readSettings(raw: unknown, previous?: ClientSettings): ClientSettings {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const profile = (ROLE_PROFILES as readonly unknown[]).includes(o.profile) ? (o.profile as RoleProfile) : undefined;
  const rules: Record<string, RuleSetting> = {};
  if (o.rules && typeof o.rules === 'object') {
    for (const [k, v] of Object.entries(o.rules as Record<string, unknown>)) {
      if ((RULE_SETTINGS as readonly unknown[]).includes(v)) rules[k] = v as RuleSetting;
    }
  }
  const trusted = typeof o.trusted === 'boolean' ? o.trusted : previous?.trusted ?? true;
  return { profile: profile ?? (o.profile === undefined ? previous?.profile : undefined), rules, trusted };
}
