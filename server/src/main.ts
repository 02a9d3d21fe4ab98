import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

// `--stdio`, `--node-ipc` or `--socket=N` pick the transport (vscode-languageserver reads argv).
if (process.argv.includes('--version')) {
  process.stdout.write(`${VERSION}\n`);
} else if (process.argv.includes('--help') || !process.argv.slice(2).some((a) => /^--(stdio|node-ipc|socket|pipe|clientProcessId)/.test(a))) {
  process.stdout.write('usage: group-records-language-server --stdio\n  Speaks the Language Server Protocol on stdin/stdout (or --node-ipc, --socket=PORT).\n');
  if (!process.argv.includes('--help')) process.exitCode = 2;
} else {
  // A bug must cost one answer, not the editor's server: log it and carry on.
  process.on('uncaughtException', (err) => process.stderr.write(`group-records-language-server: ${err.stack ?? err}\n`));
  startServer(createConnection(ProposedFeatures.all));
}

declare const VERSION: string;
