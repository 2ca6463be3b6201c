/**
 * The production build served by scripts/serve.ts (`next start` plus client addresses) on a free loopback port, for the bench and load
 * scripts: started with the given environment, waited for, and stopped (SIGTERM, then SIGKILL).
 */
import { spawn } from 'node:child_process';
import { freePort } from '../../tests/support/postgres-server';

export interface NextServer {
  base: string;
  stop(): Promise<void>;
}

export async function startNextServer(env: Record<string, string | undefined>): Promise<NextServer> {
  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts', '--port', String(port), '--hostname', '127.0.0.1'], {
    env: { ...process.env, HYOKA_DEMO: 'off', NODE_ENV: 'production', ...env },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    if (server.exitCode === null) server.kill('SIGKILL');
  };
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`next start exited (${server.exitCode})`);
    try {
      if ((await fetch(base + '/')).ok) return { base, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`${base} did not answer`);
}
