import type { Finding } from '../findings';
import { itemSpans, mapEntries } from '../frontmatter';
import type { ParsedRecord } from '../record';

type Emit = (f: Omit<Finding, 'severity'>) => void;

/** A member listed twice, or both present and absent, is a mistake the roster checks cannot resolve. */
export function checkAttendanceShape(rec: ParsedRecord, emit: Emit): void {
  const entry = rec.fields.get('attendance');
  if (!entry?.node || !rec.frontMatter) return;
  const base = rec.frontMatter.contentStart;
  const seen = new Map<string, string>();
  for (const list of mapEntries(entry.node, base)) {
    if (list.key !== 'present' && list.key !== 'absent') continue;
    for (const item of itemSpans(list.node, base)) {
      const id = String(item.value);
      const before = seen.get(id);
      if (before) {
        emit({ ruleId: 'record.field', span: item.span, message: before === list.key ? `\`${id}\` is listed twice in \`${list.key}\`.` : `\`${id}\` is listed as both present and absent.` });
      } else seen.set(id, list.key);
    }
  }
}
