/**
 * `npm start`: everything a fresh machine needs to serve Hyoka on http://localhost:3000 —
 * migrate, load the demo when the database is empty, build when the code is newer than the last
 * build, then `next start`. PORT changes the port.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(process.execPath, ['--import', 'tsx', 'scripts/prepare.ts']);
if (buildIsStale()) run('npx', ['next', 'build']);
run(process.execPath, ['--import', 'tsx', 'scripts/serve.ts', '--port', process.env.PORT ?? '3000']);

/** True when there is no build yet, or app/ or db/ changed after it was made. */
function buildIsStale(): boolean {
  const distDir = process.env.HYOKA_DIST_DIR || '.next';
  let built: number;
  try {
    built = statSync(join(distDir, 'BUILD_ID')).mtimeMs;
  } catch {
    return true;
  }
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  return Math.max(newest('app'), newest('db'), statSync('package-lock.json').mtimeMs) > built;
}
