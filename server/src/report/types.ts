import type { Level, Phase, RecordKind, Severity } from '../core/schema/catalogue';

/** Plain data, ready for any renderer (HTML file, webview) and for JSON. */

export type ElementState = 'present' | 'empty' | 'missing' | 'not-asked';

export interface ElementCell {
  state: ElementState;
  /** How strongly the record is asked for the element; absent when it is not asked (or only as guidance). */
  level?: Exclude<Level, 'guidance'>;
}

export interface ElementColumn { id: string; label: string; title: string; cite: readonly string[] }

export type SeverityCounts = Record<Severity, number>;

export type RecordStatus = 'draft' | 'submitted' | 'approved';

export interface Approval {
  by?: string;
  on?: string;
  /** `approved_hash` is set. */
  hashed: boolean;
  /** Approved without all of approved_by / approved_on / approved_hash. */
  incomplete: boolean;
  /** The approved text no longer matches its hash (review.changed-after-approval). */
  changedAfter: boolean;
}

export interface ReportRecord {
  path: string;
  /** Relative to the report's base folder, with `/`. */
  rel: string;
  kind?: RecordKind;
  /** "Session 5", "Contract" … */
  label: string;
  /** The title heading's text, when the record has one. */
  title?: string;
  session?: number;
  date?: string;
  phase?: Phase;
  status: RecordStatus;
  approval: Approval;
  findings: SeverityCounts;
  openReviews: number;
  /** First line of the note's focus (or, failing that, summary) section. */
  gist?: string;
  /** Why the record could not be read, if so: its cells are then unknown. */
  problem?: string;
}

export interface HeatMap {
  kind: RecordKind;
  kindTitle: string;
  columns: ElementColumn[];
  rows: Array<{ path: string; cells: ElementCell[] }>;
}

export interface ReviewItem {
  path: string;
  rel: string;
  recordLabel: string;
  /** 0-based line of the annotation. */
  line: number;
  reviewer?: string;
  date?: string;
  /** The comment's first line. */
  text: string;
}

export type AttendanceState = 'present' | 'absent' | 'not-joined' | 'left' | 'unrecorded';

export interface AttendanceMember {
  id: string;
  initials?: string;
  /** An id the notes use that the roster does not list. */
  onRoster: boolean;
  attended: number;
  /** Sessions held while the member belonged to the group (joined, not yet left). */
  expected: number;
}

export interface AttendanceSession { path: string; rel: string; label: string; session?: number; date?: string; present: number; recorded: boolean }

export interface AttendanceMatrix {
  members: AttendanceMember[];
  sessions: AttendanceSession[];
  /** cells[member][session] */
  cells: AttendanceState[][];
}

export interface TimelineEntry {
  path: string;
  rel: string;
  kind?: RecordKind;
  label: string;
  date?: string;
  session?: number;
  phase?: Phase;
  status: RecordStatus;
  /** Present / recorded attendance of a session note. */
  present?: number;
  attendees?: number;
  gist?: string;
}

export interface RuleCount { ruleId: string; severity: Severity; count: number }

export interface GroupReport {
  key: string;
  id?: string;
  name?: string;
  profileRel?: string;
  records: ReportRecord[];
  heatmaps: HeatMap[];
  /** Every finding of the group's records and profile. */
  findings: SeverityCounts;
  profileFindings: SeverityCounts;
  findingsByRule: RuleCount[];
  reviews: ReviewItem[];
  attendance: AttendanceMatrix;
  /** Dated records by date (then session); undated ones last. */
  timeline: TimelineEntry[];
  approval: Record<RecordStatus, number> & { changedAfter: number };
}

export interface ReportModel {
  /** When the report was made, as given by the caller (the model stays a pure function). */
  generated?: string;
  groups: GroupReport[];
  /** Records that belong to no group (no profile above them, no `group:` field). */
  ungrouped: string[];
}
