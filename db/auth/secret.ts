/**
 * The secret better-auth signs session cookies with. A configured BETTER_AUTH_SECRET wins; without
 * one, a random secret is generated once and kept in the database, so `npm ci && npm start` works
 * on a fresh machine and every process on one database (app, scripts, a second app server) agrees.
 * Keeping it beside the sessions costs nothing: whoever can read that table can read the session
 * tokens themselves.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { authSecrets } from './schema';

const NAME = 'better-auth';

export async function authSecret(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const configured = env.BETTER_AUTH_SECRET?.trim();
  if (configured) return configured;
  // Two processes starting together: the first insert wins, both read the winner.
  await db
    .insert(authSecrets)
    .values({ name: NAME, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select({ value: authSecrets.value }).from(authSecrets).where(eq(authSecrets.name, NAME));
  if (!row) throw new Error('auth_secrets: the secret could not be stored');
  return row.value;
}
