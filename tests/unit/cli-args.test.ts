import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Every command-line entry point answers --help with its usage (exit 0) and a wrong option with
// the reason and the usage (exit 2), without a stack trace and before it starts any work.
const SCRIPTS: { script: string; usage: RegExp }[] = [
  { script: 'scripts/import.ts', usage: /npm run import -- FILE\.csv/ },
  { script: 'scripts/generate.ts', usage: /npm run generate -- OUT\.csv/ },
  { script: 'scripts/generate-demo.ts', usage: /npm run generate:demo/ },
  { script: 'scripts/bench.ts', usage: /npm run bench/ },
  { script: 'scripts/bench/import-only.ts', usage: /scripts\/bench\/import-only\.ts/ },
  { script: 'scripts/load.ts', usage: /npm run load/ },
  { script: 'scripts/user-create.ts', usage: /npm run user:create -- --email EMAIL/ },
];

const run = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
  });

// Each case starts Node with tsx and loads the script's imports: seconds on a busy machine.
describe('command-line options', { timeout: 60_000 }, () => {
  it.each(SCRIPTS)('$script --help prints its usage and exits 0', ({ script, usage }) => {
    const result = run(script, '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(usage);
  });

  it.each(SCRIPTS)('$script with an unknown option says why, prints its usage and exits 2', ({ script, usage }) => {
    const result = run(script, '--no-such-option');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown option '--no-such-option'");
    expect(result.stderr).toMatch(usage);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
