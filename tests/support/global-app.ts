/**
 * Vitest global setup for end-to-end tests: the built app served twice by `next start` on free
 * loopback ports, each with the demo city loaded through the real `scripts/prepare.ts` —
 * `baseUrl` on a fresh embedded PGlite directory (what `npm start` does), `postgresBaseUrl` on a
 * throwaway PostgreSQL server (what a city hall running `DATABASE_URL` gets). Most tests drive
 * the first; tests/e2e/both-drivers.test.ts proves the pages read the same on both.
 * Needs `next build` first, which `npm test` runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createTestUser, logIn, TEST_USERS, type Sessions } from './auth';
import { freePort, startPostgresServer } from './postgres-server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    postgresBaseUrl: string;
    /** Session cookies of the test users (tests/support/auth.ts) on each app. */
    sessions: Sessions;
    postgresSessions: Sessions;
    /** The PostgreSQL database behind postgresBaseUrl, for a test that starts a second app on it. */
    postgresDatabaseUrl: string;
  }
}

async function waitForHttp(url: string, timeoutMs: number, exited: () => string | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const failure = exited();
    if (failure) throw new Error(`next start exited early: ${failure}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export interface RunningApp {
  baseUrl: string;
  sessions: Sessions;
  stop(): Promise<void>;
}

/**
 * Loads the demo city into the database `env` points at, creates the test users with
 * `npm run user:create`'s script, then serves the built app on it and logs each user in once.
 * `prepare: false` serves a database that is ready already (a second app on one PostgreSQL).
 */
export async function startApp(env: NodeJS.ProcessEnv, options: { prepare?: boolean } = {}): Promise<RunningApp> {
  if (options.prepare !== false) {
    const prepared = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/prepare.ts'], { env, encoding: 'utf8' });
    if (prepared.status !== 0) throw new Error(`prepare failed: ${prepared.stderr || prepared.stdout}`);
    // Before the server: PGlite is one process's database.
    for (const user of Object.values(TEST_USERS)) createTestUser(user, env);
  }

  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts', '--port', String(port), '--hostname', '127.0.0.1'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exitedWith: string | null = null;
  server.stdout.on('data', (d) => (output += d));
  server.stderr.on('data', (d) => (output += d));
  server.on('exit', (code) => (exitedWith = `code ${code}\n${output}`));

  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(baseUrl + '/login', 90_000, () => exitedWith);
  const sessions = {} as Sessions;
  for (const user of Object.values(TEST_USERS)) sessions[user.role] = await logIn(baseUrl, user);
  return {
    baseUrl,
    sessions,
    async stop() {
      server.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      if (server.exitCode === null) server.kill('SIGKILL');
    },
  };
}

export default async function setup(project: TestProject) {
  if (!existsSync(join(process.env.HYOKA_DIST_DIR || '.next', 'BUILD_ID'))) {
    throw new Error('No production build found: run `npx next build` first (npm test does).');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'hyoka-e2e-'));
  // Every test signs in from 127.0.0.1: the per-address sign-in limit (10 a minute) would
  // throttle the suite itself, so the test servers allow more.
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, HYOKA_SIGNIN_PER_MINUTE: '1000' };
  const pgliteEnv: NodeJS.ProcessEnv = { ...baseEnv, HYOKA_PGLITE_DIR: join(dataDir, 'pglite') };
  delete pgliteEnv.DATABASE_URL;
  const postgres = await startPostgresServer();
  const cleanups: (() => Promise<void> | void)[] = [() => postgres.stop(), () => rmSync(dataDir, { recursive: true, force: true })];
  try {
    // One after the other: each prepare builds a demo city, and CI machines have few cores.
    const pglite = await startApp(pgliteEnv);
    cleanups.unshift(() => pglite.stop());
    const onPostgres = await startApp({ ...baseEnv, DATABASE_URL: postgres.url });
    cleanups.unshift(() => onPostgres.stop());
    project.provide('baseUrl', pglite.baseUrl);
    project.provide('postgresBaseUrl', onPostgres.baseUrl);
    project.provide('sessions', pglite.sessions);
    project.provide('postgresSessions', onPostgres.sessions);
    project.provide('postgresDatabaseUrl', postgres.url);
  } catch (error) {
    for (const cleanup of cleanups) await cleanup();
    throw error;
  }

  return async () => {
    for (const cleanup of cleanups) await cleanup();
  };
}
