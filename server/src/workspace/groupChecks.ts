import type { Finding } from '../core/findings';
import type { ParsedRecord } from '../core/record';
import { didYouMean } from '../core/suggest';
import type { ProfileEntry, ProfileSet } from './profiles';

/**
 * Decides which profile governs a record and reports group.unknown / group.mismatch.
 * The folder's profile governs unless `group:` names another known one (spec §5).
 */
export function resolveGroup(rec: ParsedRecord, file: string, profiles: ProfileSet): { profile: ProfileEntry | undefined; findings: Finding[] } {
  const folder = profiles.forFile(file);
  const entry = rec.fields.get('group');
  const named = typeof entry?.value === 'string' ? entry.value : undefined;
  if (!entry || !named) return { profile: folder, findings: [] };
  const target = profiles.byGroupId(named);
  if (!target) {
    const hint = didYouMean(named, profiles.ids);
    return {
      profile: folder,
      findings: [{
        ruleId: 'group.unknown', severity: 'error', span: entry.valueSpan,
        message: `No group profile has the id \`${named}\`${hint ? `: did you mean \`${hint}\`?` : folder?.parsed.facts ? ` (this folder's group is \`${folder.parsed.facts.id}\`).` : ' (add a group.yaml with this id).'}`,
        fixes: hint ? [{ title: `Change to \`${hint}\``, edits: [{ ...entry.valueSpan, newText: hint }], preferred: true }] : undefined,
      }],
    };
  }
  if (folder && folder !== target && folder.parsed.facts?.id !== named) {
    return {
      profile: target,
      findings: [{
        ruleId: 'group.mismatch', severity: 'error', span: entry.valueSpan,
        message: `This record is in the folder of group \`${folder.parsed.facts?.id}\` but says \`group: ${named}\`; it is checked against \`${named}\`. Move the file or correct the id.`,
        related: [{ file: folder.path, span: { start: 0, end: 0 }, message: 'the profile of this folder' }, { file: target.path, span: { start: 0, end: 0 }, message: `the profile of \`${named}\`` }],
        fixes: folder.parsed.facts?.id ? [{ title: `Change to \`${folder.parsed.facts.id}\``, edits: [{ ...entry.valueSpan, newText: folder.parsed.facts.id }] }] : undefined,
      }],
    };
  }
  return { profile: target, findings: [] };
}
