import { TextDocumentEdit, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { addendumEdit } from '../core/addendum';
import { approveRecord } from '../core/approve';
import type { EditData } from '../core/findings';
import type { FeatureContext } from './context';
import { toRange } from './diagnostics';

/** Custom request: the edit approving a record (*Approve Record*). */
export const APPROVE_REQUEST = 'groupRecords/approve';
/** Custom request: the edit adding a dated addendum heading at the end (*Add Addendum*). */
export const ADDENDUM_REQUEST = 'groupRecords/addendum';

/** The server answers for documents the editor has open: their text is the one the user sees. */
const NOT_OPEN = 'open the record in the editor first';

export interface ApproveParams { uri: string; by: string; on: string; force?: boolean }
/** `needsForce`: only error-level findings stood in the way; the client may ask and send `force`. */
export type ApproveResponse = { ok: true; edit: WorkspaceEdit; changed: boolean } | { ok: false; reason: string; needsForce: boolean };

export interface AddendumParams { uri: string; date: string }
export type AddendumResponse = { ok: true; edit: WorkspaceEdit; warning?: string } | { ok: false; reason: string };

/**
 * The approval as edits of the front-matter values and lines it changes, nothing else. The
 * edit names the document version it was computed for, so a stale one fails instead of landing
 * in the wrong place.
 */
export function approveEdit(ctx: FeatureContext | undefined, version: number | null, p: ApproveParams): ApproveResponse {
  if (!ctx) return { ok: false, reason: NOT_OPEN, needsForce: false };
  const r = approveRecord(ctx.rec.text, String(p.by ?? ''), String(p.on ?? ''), { findings: ctx.findings, force: !!p.force });
  if (!r.ok) return { ok: false, reason: r.reason, needsForce: r.blocking.length > 0 };
  return { ok: true, edit: workspaceEdit(ctx, version, r.edits), changed: r.changed };
}

export function addendumWorkspaceEdit(ctx: FeatureContext | undefined, version: number | null, p: AddendumParams): AddendumResponse {
  if (!ctx) return { ok: false, reason: NOT_OPEN };
  const a = addendumEdit(ctx.rec.text, String(p.date ?? ''));
  if (!a) return { ok: false, reason: `"${p.date}" is not a date in the form YYYY-MM-DD` };
  return { ok: true, edit: workspaceEdit(ctx, version, [a.edit]), warning: a.warning };
}

function workspaceEdit(ctx: FeatureContext, version: number | null, edits: readonly EditData[]): WorkspaceEdit {
  const textEdits: TextEdit[] = edits.map((e) => ({ range: toRange(ctx.rec.lines, e), newText: e.newText }));
  return { documentChanges: [TextDocumentEdit.create({ uri: ctx.uri, version }, textEdits)] };
}
