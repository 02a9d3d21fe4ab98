import type { Catalogue } from '../core/catalogue';
import type { GroupFacts } from '../core/context';
import type { Finding } from '../core/findings';
import type { GoalDef } from '../core/goals';
import type { ParsedRecord } from '../core/record';

/**
 * Everything an editor feature may read about one open document, built once per document
 * version by the server and shared by every feature. Features are pure: no fs, no connection.
 */
export interface FeatureContext {
  uri: string;
  /** The document parsed once for this version (text, lines, front matter, outline, sections). */
  rec: ParsedRecord;
  cat: Catalogue;
  /** The facts of the group profile governing this record, if one was found. */
  group?: GroupFacts;
  /** This document's findings (single-record and cross-record), as the diagnostics show them. */
  findings: readonly Finding[];
  workspace: WorkspaceFacts;
  /**
   * Base URL of the rule pages (`ruleDocUrl`), as the published diagnostics use it. Added for code
   * actions: the diagnostics they name must equal the published ones for the Problems view to match.
   */
  docsBase?: string;
}

/** What the workspace index knows that a feature of one document needs. */
export interface WorkspaceFacts {
  /** Ids of every group profile in the workspace. */
  groupIds: readonly string[];
  /** Reviewer handles (without `@`) seen in `[!REVIEW]`/`[!RESOLVED]` annotations across the workspace. */
  reviewers: readonly string[];
  /** Goals the group's contract defines (`G1`, `M01-G1`), with their text. */
  goals: readonly GoalDef[];
  /** The session number a new note of this group would take (highest + 1). */
  nextSession?: number;
  /**
   * The date the group's next session is expected on (the schedule's start before any note, else
   * from the schedule and the notes so far), when known. Added for `date:` completions.
   */
  nextSessionDate?: string;
  /** The URI of the contract that defines `goals`, so goal hovers can say where a goal comes from. */
  contractUri?: string;
}
