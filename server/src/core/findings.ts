import type { Level, Severity } from './schema/catalogue';
import type { Span } from './text';

/** A text edit by offsets; the code-action feature turns these into LSP edits. */
export interface EditData { start: number; end: number; newText: string }
export interface FixData { title: string; edits: EditData[]; preferred?: boolean }

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  span: Span;
  /** The element's level, for findings about an element (profiles and settings adjust these). */
  level?: Level;
  cite?: readonly string[];
  fixes?: FixData[];
  related?: Array<{ file?: string; span?: Span; message: string }>;
  /** About the record as a whole (a missing element): a disable comment anywhere in the record silences it. */
  wholeRecord?: boolean;
}

export const LEVEL_SEVERITY: Record<Level, Severity> = { required: 'error', recommended: 'warning', guidance: 'information' };
