import { isIsoDate } from './dates';
import type { EditData } from './findings';
import { splitFrontMatter } from './frontmatter';
import { approvedBody } from './hash';

export interface AddendumEdit {
  edit: EditData;
  /**
   * Set when an approved record's approved text changes anyway: a last line without a line
   * break gets one before the heading, and spec §6 counts that break as approved text.
   */
  warning?: string;
}

/**
 * `## Addendum — DATE` and a blank line, inserted at the very end so everything above it, blank
 * lines included, stays the approved text byte for byte. The edit only inserts.
 */
export function addendumEdit(text: string, date: string): AddendumEdit | undefined {
  if (!isIsoDate(date)) return undefined;
  const eol = lineEnding(text);
  const ends = text === '' || /[\r\n]$/.test(text);
  const edit = { start: text.length, end: text.length, newText: `${ends ? '' : eol}## Addendum — ${date}${eol}${eol}` };
  if (ends || !isApproved(text) || approvedBody(text) === approvedBody(text + edit.newText)) return { edit };
  return { edit, warning: 'The last line had no line break: the one added before the addendum heading changes the approved text, so the record will need approving again.' };
}

function isApproved(text: string): boolean {
  const fm = splitFrontMatter(text);
  return !!fm && /^approved_hash[ \t]*:/m.test(fm.yaml);
}

/** The record's own line ending (its first), so a CRLF file stays CRLF. */
export function lineEnding(text: string): string {
  const m = /\r\n|\n|\r/.exec(text);
  return m ? m[0] : '\n';
}
