import {
  DidChangeWatchedFilesNotification, DocumentDiagnosticReportKind, FileChangeType, TextDocuments, TextDocumentSyncKind,
  type Connection, type InitializeParams, type InitializeResult, type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readSource } from '../cli/readFile';
import { DOCS_BASE } from '../cli/paths';
import { CODE_ACTION_KINDS, codeActions } from '../features/codeActions';
import { COMPLETION_TRIGGERS, completions } from '../features/completion';
import { hover } from '../features/hover';
import { localToday } from '../core/dates';
import { newRecord } from '../features/newRecord';
import { RECORD_KINDS, type RecordKind } from '../core/schema/catalogue';
import { isIsoDate } from '../core/dates';
import { recordStatus } from '../features/status';
import { documentSymbols } from '../features/symbols';
import { ADDENDUM_REQUEST, addendumWorkspaceEdit, APPROVE_REQUEST, approveEdit, type AddendumParams, type AddendumResponse, type ApproveParams, type ApproveResponse } from '../features/supervision';
import { diagnosticsOf } from './diagnosticsOf';
import { REPORT_REQUEST, sessionReport, type ReportParams } from './report';
import { scanWorkspace } from './scan';
import { roleOf, Session, type OpenDoc } from './session';
import { readSettings } from './settings';
import { pathToUri, uriToPath } from './uris';

/** Custom request: the LanguageStatusItem's data for a document. */
export const STATUS_REQUEST = 'groupRecords/status';
/** Custom request: the index's counters (records parsed so far, …), for tests and the benchmark. */
export const STATS_REQUEST = 'groupRecords/stats';
/** Custom request: a new record's file name and text, filled from the group of a folder. */
export const NEW_RECORD_REQUEST = 'groupRecords/newRecord';

/**
 * Wires the session to a connection. Every handler answers from the session and never throws:
 * a failure becomes a log line and an empty answer, so one bad document cannot stop the server.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let session: Session | undefined;
  let pull = false;
  let scanGeneration = 0;
  const log = (m: string) => connection.console.log(m);
  const safe = <T>(name: string, fallback: T, fn: () => T): T => {
    try { return fn(); } catch (err) { connection.console.error(`${name} failed: ${(err as Error)?.stack ?? String(err)}`); return fallback; }
  };

  const openDoc = (uri: string): OpenDoc | undefined => session?.open.get(uri);
  const syncOpen = (doc: TextDocument) => {
    const path = uriToPath(doc.uri);
    const od = { uri: doc.uri, path, version: doc.version, text: doc.getText() };
    session!.open.set(doc.uri, od);
    session!.uris.set(path, doc.uri);
    return od;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (!roots.length && params.rootUri) roots.push(uriToPath(params.rootUri));
    session = new Session(roots, readSettings(params.initializationOptions));
    session.onBackgroundChecked = (path) => afterChange(path, true);
    pull = !!params.capabilities?.textDocument?.diagnostic;
    watchDynamic = !!params.capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [...COMPLETION_TRIGGERS, ' '], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [...CODE_ACTION_KINDS] },
        documentSymbolProvider: true,
        ...(pull ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: true, identifier: 'group-records' } } : {}),
      },
      serverInfo: { name: 'group-records-language-server', version: VERSION },
    };
  });
  let watchDynamic = false;

  connection.onInitialized(() => {
    if (watchDynamic) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{md,markdown}' }, { globPattern: '**/group.{yaml,yml}' }, { globPattern: '**/.group-records.yaml' }],
      });
    }
    void rescan();
  });

  /** Loads the whole workspace (again); a newer call cancels an older one. */
  async function rescan(): Promise<void> {
    if (!session) return;
    const gen = ++scanGeneration;
    const r = await scanWorkspace(session, () => gen !== scanGeneration);
    if (r.cancelled) return;
    log(`group-records: indexed ${r.records} files and ${r.profiles} group profiles in ${Math.round(r.ms)} ms`);
    afterChange(undefined);
  }

  /** After an edit: tell the client which diagnostics to fetch again (pull) or send them (push). */
  function afterChange(edited: string | undefined, editedToo = false): void {
    if (!session) return;
    const changed = session.index.takeChanged();
    if (pull) {
      if (changed.some((p) => p !== edited) || edited === undefined || editedToo) void connection.languages.diagnostics.refresh();
      return;
    }
    const paths = new Set([...changed, ...[...session.open.values()].map((d) => d.path)]);
    for (const p of paths) publish(p);
  }

  function publish(path: string): void {
    if (!session) return;
    const uri = pathToUri(path, session.uris);
    const doc = session.openAt(path);
    if (doc) session.analyse(doc);
    const diagnostics = diagnosticsOf(session.findings(path), session.linesOf(path), DOCS_BASE, uri, session.uris);
    void connection.sendDiagnostics({ uri, version: doc?.version, diagnostics });
  }

  /** A profile, configuration or pack changed: settings or conditions of other files change with it. */
  function sharedChanged(path: string, text: string | undefined): void {
    const s = session!;
    if (roleOf(path) === 'profile') {
      if (text === undefined) s.index.removeProfile(path); else s.index.setProfile(path, text);
      return;
    }
    // Configuration or a standards pack. Severities and the role profile apply when findings are
    // shown, so only a new catalogue or allow-list needs the workspace read again.
    const allowBefore = JSON.stringify(s.config?.config.privacy.allow ?? []);
    const catalogueChanged = s.loadConfiguration();
    if (catalogueChanged || JSON.stringify(s.config?.config.privacy.allow ?? []) !== allowBefore) {
      s.index = s.newIndex();
      void rescan();
    } else afterChange(undefined);
  }

  documents.onDidOpen((e) => safe('open', undefined, () => {
    const od = syncOpen(e.document);
    if (session!.isShared(od.path)) sharedChanged(od.path, od.text);
    afterChange(od.path);
  }));
  documents.onDidChangeContent((e) => safe('change', undefined, () => {
    const od = syncOpen(e.document);
    if (session!.isShared(od.path)) sharedChanged(od.path, od.text);
    else if (!pull) session!.analyse(od);
    afterChange(od.path);
  }));
  documents.onDidClose((e) => safe('close', undefined, () => {
    const s = session!;
    const od = s.open.get(e.document.uri);
    s.open.delete(e.document.uri);
    s.forget(e.document.uri);
    if (!od) return;
    // The file on disk is the truth again (or, for an unsaved or deleted one, nothing).
    const src = readSource(od.path);
    if (src.problem?.kind === 'unreadable') s.index.remove(od.path);
    else if (roleOf(od.path) === 'record') s.index.setRecord(od.path, src);
    else if (s.isShared(od.path)) sharedChanged(od.path, src.text);
    if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    afterChange(undefined);
  }));

  connection.onDidChangeWatchedFiles((e) => safe('watched files', undefined, () => {
    const s = session!;
    for (const c of e.changes) {
      const path = uriToPath(c.uri);
      if (s.openAt(path)) continue; // the editor's text wins
      if (c.type === FileChangeType.Deleted) {
        if (s.isShared(path) && roleOf(path) !== 'profile') sharedChanged(path, undefined);
        else s.index.remove(path);
        continue;
      }
      if (s.isShared(path)) {
        let text: string | undefined;
        // Through readSource: a pipe named group.yaml must not stall the server waiting for a writer.
        const src = readSource(path);
        text = src.problem?.kind === 'unreadable' ? undefined : src.text;
        sharedChanged(path, text);
      } else if (roleOf(path) === 'record') s.index.setRecord(path, readSource(path));
    }
    afterChange(undefined);
  }));

  connection.onDidChangeConfiguration((e) => safe('configuration', undefined, () => {
    const s = session!;
    const raw = (e.settings as { groupRecords?: unknown } | undefined)?.groupRecords ?? e.settings;
    const trustedBefore = s.settings.trusted;
    s.settings = readSettings(raw, s.settings);
    if (s.settings.trusted !== trustedBefore) sharedChanged(s.config?.path ?? '.group-records.yaml', undefined);
    else afterChange(undefined);
  }));

  connection.languages.diagnostics.on((params) => safe('diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, () => {
    const s = session!;
    const od = openDoc(params.textDocument.uri);
    const path = od?.path ?? uriToPath(params.textDocument.uri);
    if (od) s.analyse(od);
    return { kind: DocumentDiagnosticReportKind.Full, items: diagnosticsOf(s.findings(path), s.linesOf(path), DOCS_BASE, params.textDocument.uri, s.uris) };
  }));

  connection.languages.diagnostics.onWorkspace(() => safe('workspace diagnostics', { items: [] }, () => {
    const s = session!;
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const files = new Set(s.index.filesWithFindings());
    if (s.config?.findings.length) files.add(s.config.path);
    for (const path of files) {
      const uri = pathToUri(path, s.uris);
      if (s.open.has(uri)) continue; // open documents are reported by document pulls
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: diagnosticsOf(s.findings(path), s.linesOf(path), DOCS_BASE, uri, s.uris) });
    }
    return { items };
  }));

  connection.onCompletion((p) => safe('completion', [], () => {
    const od = openDoc(p.textDocument.uri);
    const ctx = od && session!.context(od);
    return ctx ? completions(ctx, ctx.rec.lines.offsetAt(p.position), { docsBase: DOCS_BASE }) : [];
  }));

  connection.onHover((p) => safe('hover', null, () => {
    const od = openDoc(p.textDocument.uri);
    const ctx = od && session!.context(od);
    return ctx ? hover(ctx, ctx.rec.lines.offsetAt(p.position), { docsBase: DOCS_BASE }) : null;
  }));

  connection.onCodeAction((p) => safe('code action', [], () => {
    const od = openDoc(p.textDocument.uri);
    const ctx = od && session!.context(od);
    return ctx ? codeActions(ctx, p.range, p.context.only, p.context.diagnostics) : [];
  }));

  connection.onDocumentSymbol((p) => safe('symbols', [], () => {
    const od = openDoc(p.textDocument.uri);
    const ctx = od && session!.context(od);
    return ctx ? documentSymbols(ctx) : [];
  }));

  connection.onRequest(STATS_REQUEST, () => ({ ...session!.index.stats, backgroundPending: session!.background.pending }));

  connection.onRequest(STATUS_REQUEST, (p: { uri: string }) => safe('status', null, () => {
    const od = openDoc(p.uri);
    const ctx = od && session!.context(od);
    if (!ctx) return null;
    const trustNote = session!.settings.trusted || !session!.config?.config.standards.length ? undefined : 'Restricted Mode: workspace standards packs are not loaded.';
    return { ...recordStatus(ctx), trustNote };
  }));

  connection.onRequest(NEW_RECORD_REQUEST, (p: { folderUri: string; kind: RecordKind; date?: string }) => safe('new record', null, () => {
    if (!(RECORD_KINDS as readonly string[]).includes(p.kind)) return null;
    // The date becomes part of the file name: `../..` or a slash would put the file elsewhere.
    if (p.date !== undefined && !(typeof p.date === 'string' && isIsoDate(p.date))) return null;
    const folder = uriToPath(p.folderUri);
    // The group of the nearest profile at or above the folder.
    const group = session!.index.groups()
      .filter((g) => g.profilePath && (folder + '/').startsWith(dirname(g.profilePath) + '/'))
      .sort((a, b) => b.profilePath!.length - a.profilePath!.length)[0];
    const r = newRecord(session!.cat, { kind: p.kind, date: p.date ?? localToday(), group: group?.facts, session: group?.nextSession });
    return { ...r, groupFolderUri: group?.profilePath ? pathToFileURL(dirname(group.profilePath)).href : p.folderUri };
  }));

  connection.onRequest<ApproveResponse | null, void>(APPROVE_REQUEST, (p: ApproveParams) => safe('approve', null, () => {
    const od = openDoc(p.uri);
    return approveEdit(od && session!.context(od), od?.version ?? null, p);
  }));

  connection.onRequest<AddendumResponse | null, void>(ADDENDUM_REQUEST, (p: AddendumParams) => safe('addendum', null, () => {
    const od = openDoc(p.uri);
    return addendumWorkspaceEdit(od && session!.context(od), od?.version ?? null, p);
  }));

  connection.onRequest(REPORT_REQUEST, (p: ReportParams | undefined) => safe('report', null, () => sessionReport(session!, p ?? {})));

  connection.onShutdown(() => session?.background.dispose());

  documents.listen(connection);
  connection.listen();
}

declare const VERSION: string;
