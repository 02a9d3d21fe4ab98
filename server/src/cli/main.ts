import { parseArgs, UsageError } from './args';

const USAGE = `Usage: group-records <command> [options]

Commands:
  check [paths…]   Check records and group profiles (default: the current folder)
      --format stylish|json|sarif   output format (default stylish)
      --config FILE                 use this .group-records.yaml
      --profile student|worker|supervisor
      --list-suppressions           list inline disable comments and their reasons
      --threads N                   worker threads (default: one per core; 0: none)
  report [paths…] --out FILE.html   Write one self-contained HTML report per group: elements,
                                    findings, open reviews, attendance, approval, timeline
      --group ID                    only this group
      --config FILE                 use this .group-records.yaml
      --profile student|worker|supervisor
  new <kind> [--group ID] [--on DATE]
                   Create a plan, contract, session-note or ending-summary in the group's
                   folder, front matter filled from group.yaml (next session, attendance)
  approve <file…> --by NAME [--on DATE] [--force]
                   Approve records: set status, approved_by, approved_on, approved_hash
                   (DATE defaults to today; --force approves despite error-level findings)
  help             Show this help

Exit codes: 0 no error-level findings, 1 error-level findings, 2 usage error
(approve: 0 all approved, 1 any refused, 2 usage error).`;

const VALUED = new Set(['format', 'config', 'profile', 'by', 'on', 'out', 'group', 'threads']);
const FLAGS = new Set(['help', 'list-suppressions', 'force', 'version', 'stats']);

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, VALUED, FLAGS);
  if (args.options.has('version')) { process.stdout.write(`${VERSION}\n`); return 0; }
  if (args.options.has('help') || !args.command || args.command === 'help') {
    process.stdout.write(USAGE + '\n');
    return args.command || args.options.has('help') ? 0 : 2;
  }
  switch (args.command) {
    case 'check': return (await import('./check')).runCheck(args);
    case 'report': return (await import('./report')).runReport(args);
    case 'approve': return (await import('./approve')).runApprove(args);
    case 'new': return (await import('./new')).runNew(args);
    default: throw new UsageError(`unknown command "${args.command}"`);
  }
}

declare const VERSION: string;

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    if (err instanceof UsageError) {
      process.stderr.write(`group-records: ${err.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`group-records: internal error: ${(err as Error)?.stack ?? err}\n`);
      process.exitCode = 2;
    }
  },
);
