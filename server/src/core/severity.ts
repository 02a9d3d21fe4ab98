import type { Catalogue } from './catalogue';
import type { Finding } from './findings';
import type { RoleProfile, RuleSetting } from './schema/config';
import type { Severity } from './schema/catalogue';

export interface SeveritySettings {
  profile: RoleProfile;
  rules: Readonly<Record<string, RuleSetting>>;
}

/**
 * The role profile first, then the project's per-rule settings, so a rule the project names
 * explicitly behaves the same for every role. Returns new findings; the input is left as it was.
 */
export function applyRoleAndRules(findings: readonly Finding[], settings: SeveritySettings, cat: Catalogue): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    let g = applyProfile(f, settings.profile, cat);
    const setting = Object.hasOwn(settings.rules, f.ruleId) ? settings.rules[f.ruleId] : undefined;
    if (setting === 'off') continue;
    if (setting && setting !== g.severity) g = { ...g, severity: setting as Severity };
    out.push(g);
  }
  return out;
}

function applyProfile(f: Finding, profile: RoleProfile, cat: Catalogue): Finding {
  if (f.level !== 'recommended' || profile === 'worker') return f;
  if (profile === 'supervisor') return { ...f, severity: 'error' };
  const note = teachingNote(f.ruleId, cat);
  return { ...f, severity: 'information', message: note ? `${f.message} ${note}` : f.message };
}

/** What a student should take from the finding: the element's teaching text, or else what the standard asks. */
export function teachingNote(ruleId: string, cat: Catalogue): string | undefined {
  const e = cat.elements.get(ruleId);
  if (!e) return undefined;
  const text = (e.teaching ?? e.guidance).replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  return `Why it matters (AASWG ${e.cite.join(', ')}): ${text}`;
}
