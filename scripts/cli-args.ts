/**
 * The command-line options of every script, read the same way: `--help` (or `-h`) prints the
 * script's usage line and exits 0; an option it does not know, or a value missing, prints why
 * and the usage line and exits 2 — never a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export function parseCli<T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  const args = config.args ?? process.argv.slice(2);
  // Before parsing, so `--help` works next to options that are still incomplete; after `--`
  // everything is a positional (a file may be called `-h`).
  const end = args.indexOf('--');
  const options = end === -1 ? args : args.slice(0, end);
  if (options.includes('--help') || options.includes('-h')) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs<T>(config);
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}
