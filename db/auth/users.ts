/**
 * Creating users and changing their roles — one code path for the CLI (`npm run user:create`),
 * the admin page and the test setup. Passwords go to better-auth, which hashes them; the role is
 * checked against db/domain/access.ts first so a typo never creates a user with no rights.
 */
import { asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../client';
import { ROLES, type Role } from '../domain/access';
import type { Auth } from './auth';
import { MIN_PASSWORD_LENGTH } from './auth';
import { authUsers } from './schema';

export const newUserSchema = z.object({
  email: z.email().transform((s) => s.toLowerCase()),
  name: z.string().trim().min(1).max(80),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(128),
  role: z.enum(ROLES),
});
export type NewUser = z.input<typeof newUserSchema>;

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: Date;
}

/**
 * Creates a user with a password. `headers`: the request of the admin doing it (the plugin then
 * checks that they may); none for the CLI, which runs with the database's own authority.
 */
export async function createUser(auth: Auth, input: NewUser, headers?: Headers): Promise<UserSummary> {
  const user = newUserSchema.parse(input);
  const { user: created } = await auth.api.createUser({
    body: { email: user.email, name: user.name, password: user.password, role: user.role },
    ...(headers ? { headers } : {}),
  });
  return { id: created.id, email: created.email, name: created.name, role: user.role, createdAt: new Date(created.createdAt) };
}

export async function setUserRole(auth: Auth, userId: string, role: Role, headers: Headers): Promise<void> {
  await auth.api.setRole({ body: { userId, role }, headers });
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
  return db
    .select({ id: authUsers.id, email: authUsers.email, name: authUsers.name, role: authUsers.role, createdAt: authUsers.createdAt })
    .from(authUsers)
    .orderBy(asc(authUsers.createdAt));
}

export async function findUserByEmail(db: Db, email: string): Promise<UserSummary | null> {
  const [row] = await db
    .select({ id: authUsers.id, email: authUsers.email, name: authUsers.name, role: authUsers.role, createdAt: authUsers.createdAt })
    .from(authUsers)
    .where(eq(authUsers.email, email.toLowerCase()));
  return row ?? null;
}

/** How many users there are (none yet: `npm start` says how to create the first admin). */
export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(authUsers);
  return row?.n ?? 0;
}
