import type { GoalDef } from '../core/goals';

export function goalMarkdown(g: GoalDef): string {
  return `**${g.id}** — ${g.member ? `individual goal of ${g.member}` : 'group goal'}\n\n${g.text || '_(no text after the id)_'}`;
}
