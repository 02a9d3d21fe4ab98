import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers';

export const SAMPLE_GROUP = join(ROOT, 'sample/teen-grief-spring-2027');

/** Record text a report must show as text: markup, quotes and an entity that must not be decoded. */
export const HOSTILE = `<script>alert(1)</script> "quotes" &amp; it's`;
/** A roster name: allowed in group.yaml (with a warning), never shown in a report. */
export const ROSTER_NAME = 'Zelda Quux';

/**
 * A copy of the sample group in a temp folder (returned: the folder holding the group) whose
 * session 5 note carries HOSTILE in its focus section and in its open review, and whose roster
 * gives M01 a name.
 */
export function hostileCopy(): { root: string; group: string; note: string } {
  const root = mkdtempSync(join(tmpdir(), 'gr-report-'));
  const group = join(root, 'teen-grief-spring-2027');
  cpSync(SAMPLE_GROUP, group, { recursive: true });
  const note = join(group, 'notes/2027-03-07-session-05.md');
  const text = readFileSync(note, 'utf8');
  const focus = 'Memory boxes: each member shows an object';
  const review = '> Please add more detail on how';
  if (!text.includes(focus) || !text.includes(review)) throw new Error('the sample note changed: update test/reportFixture.ts');
  writeFileSync(note, text.replace(focus, `${HOSTILE} — ${focus}`).replace(review, `> ${HOSTILE} Please add more detail on how`));
  const profile = join(group, 'group.yaml');
  writeFileSync(profile, readFileSync(profile, 'utf8').replace('  - id: M01\n', `  - id: M01\n    name: ${ROSTER_NAME}\n`));
  return { root, group, note };
}
