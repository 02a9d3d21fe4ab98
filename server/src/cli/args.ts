/** A small argv parser: the CLI's surface is tiny and a dependency would cost start-up time. */
export interface ParsedArgs { command?: string; positional: string[]; options: Map<string, string | true> }

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], valued: ReadonlySet<string>, flags: ReadonlySet<string>): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { positional.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (valued.has(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined || v.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        options.set(name, v);
      } else if (flags.has(name)) options.set(name, true);
      else throw new UsageError(`unknown option --${name}`);
    } else if (a.startsWith('-') && a.length > 1) {
      if (a === '-h') options.set('help', true);
      else throw new UsageError(`unknown option ${a}`);
    } else if (command === undefined) command = a;
    else positional.push(a);
  }
  return { command, positional, options };
}
