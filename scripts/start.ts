/**
 * `npm start`: everything a fresh machine needs to serve Hyoka on http://localhost:3000 —
 * migrate, load the demo when the database is empty, build once, then `next start`.
 * `npm run build` rebuilds after code changes; PORT changes the port.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(process.execPath, ['--import', 'tsx', 'scripts/prepare.ts']);
if (!existsSync('.next/BUILD_ID')) run('npx', ['next', 'build']);
run('npx', ['next', 'start', '--port', process.env.PORT ?? '3000']);
