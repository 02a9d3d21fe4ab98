import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readSource } from '../cli/readFile';
import { renderReportHtml } from '../report/html';
import { buildReportModel } from '../report/model';
import type { Session } from './session';
import { uriToPath } from './uris';

/** Custom request: the group report as one HTML page, built from the server's index. */
export const REPORT_REQUEST = 'groupRecords/report';

export interface ReportParams {
  /** A document of the group to report on; without it (or outside every group), every group. */
  uri?: string;
  /**
   * The client's command that opens `[uri, line]`: links become `command:` URIs for it. Without
   * one, records are named by path only (a webview cannot follow `file:` links).
   */
  linkCommand?: string;
  /** When the report was made, as the client shows time. */
  generated?: string;
}

export interface ReportResponse { html: string; title: string; groups: number }

export function sessionReport(session: Session, p: ReportParams): ReportResponse {
  const path = typeof p.uri === 'string' && p.uri ? uriToPath(p.uri) : undefined;
  const group = path ? session.index.groupOf(path) : undefined;
  const groupIds = group?.id ? [group.id] : undefined;
  const openText = (file: string) => session.openAt(file)?.text;
  const model = buildReportModel({
    index: session.index, cat: session.cat, groupIds,
    base: session.roots[0] ?? (path ? dirname(path) : process.cwd()),
    source: (file) => { const text = openText(file); return text !== undefined ? { text } : readSource(file); },
    findings: (file) => session.findings(file),
    ...(typeof p.generated === 'string' ? { generated: p.generated.slice(0, 40) } : {}),
  });
  const command = typeof p.linkCommand === 'string' && /^[\w.-]+$/.test(p.linkCommand) ? p.linkCommand : undefined;
  const href = command
    ? (file: string, line?: number) => `command:${command}?${encodeURIComponent(JSON.stringify([session.uris.get(file) ?? pathToFileURL(file).href, line ?? 0]))}`
    : undefined;
  const title = model.groups.length === 1 ? `Group report: ${model.groups[0].name ?? model.groups[0].id ?? 'group'}` : 'Group records report';
  return { html: renderReportHtml(model, { href, title }), title, groups: model.groups.length };
}
