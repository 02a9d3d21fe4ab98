import type { Catalogue } from '../core/catalogue';
import { ruleDocUrl } from '../core/docs';

/** What a review annotation means, from the `review.open` rule of the catalogue. */
export function reviewMarkdown(cat: Catalogue, resolved: boolean, docsBase?: string, who?: { reviewer?: string; date?: string }): string {
  const rule = cat.rules.get('review.open');
  const by = who?.reviewer || who?.date ? ` from ${who.reviewer ? `@${who.reviewer}` : 'a reviewer'}${who.date ? ` (${who.date})` : ''}` : '';
  const parts = resolved
    ? [`**Resolved review**${by}`, 'The comment was addressed. It stays in the record as part of the supervision trail and is no longer reported.']
    : [
        `**Open review**${by}${rule ? ` · \`${rule.id}\`${rule.cite.length ? ` · ${rule.cite.join(', ')}` : ''}` : ''}`,
        rule?.description.trim() ?? 'An unresolved comment from a supervisor, field instructor or co-facilitator.',
      ];
  // The rule's own description may already say how to resolve it.
  if (!resolved && !parts[1].includes('[!RESOLVED]')) parts.push('Once it is addressed, change `[!REVIEW]` to `[!RESOLVED]`.');
  if (docsBase && !resolved) parts.push(`[Rule \`review.open\`](${ruleDocUrl('review.open', docsBase)})`);
  return parts.join('\n\n');
}
