/**
 * Creating users and changing their roles — one code path for the CLI (`npm run user:create`),
 * the admin page and the test setup. Passwords go to better-auth, which hashes them; the role is
 * checked against db/domain/access.ts first so a typo never creates a user with no rights.
 */
import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordActivity, type Actor } from '../activity';
import type { Db } from '../client';
import { ROLES, type Role } from '../domain/access';
import type { Message } from '../domain/numbers';
import type { Auth } from './auth';
import { checkName, NAME_TAKEN, nameKey } from './names';
import { dbKey } from './db-key';
import { passwordProblem } from './password-policy';
import { authUsers } from './schema';

/** A refusal whose message is in Japanese and English (shown as is by the pages and the CLI). */
export class UserInputError extends Error {
  constructor(readonly detail: Message) {
    super(`${detail.ja} / ${detail.en}`);
  }
}

export const newUserSchema = z
  .object({
    email: z.email({ message: 'メールアドレスの形式が正しくありません / Not a valid email address' }).transform((s) => s.toLowerCase()),
    name: z.string().transform((raw, ctx) => {
      const checked = checkName(raw);
      if (checked.ok) return checked.name;
      ctx.addIssue({ code: 'custom', message: `${checked.message.ja} / ${checked.message.en}` });
      return z.NEVER;
    }),
    password: z.string(),
    role: z.enum(ROLES, { message: '役割は viewer・importer・admin のいずれかです / The role is one of viewer, importer, admin' }),
  })
  .superRefine((user, ctx) => {
    const problem = passwordProblem(user.password, { email: user.email, name: user.name });
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: `${problem.ja} / ${problem.en}` });
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
export async function createUser(auth: Auth, input: NewUser, headers?: Headers, actor?: Actor): Promise<UserSummary> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('\n'));
  const user = parsed.data;
  if (await nameTaken(await dbOf(auth), user.name)) throw new UserInputError(NAME_TAKEN);
  const { user: created } = await auth.api.createUser({
    body: { email: user.email, name: user.name, password: user.password, role: user.role },
    ...(headers ? { headers } : {}),
  });
  await recordActivity(await dbOf(auth), {
    kind: 'user.created',
    actor: actor ?? { id: null, name: 'cli' },
    detail: { userId: created.id, email: created.email, name: created.name, role: user.role },
  });
  return { id: created.id, email: created.email, name: created.name, role: user.role, createdAt: new Date(created.createdAt) };
}

export async function setUserRole(auth: Auth, userId: string, role: Role, headers: Headers, actor?: Actor): Promise<void> {
  const db = await dbOf(auth);
  const [before] = await db.select({ role: authUsers.role, name: authUsers.name }).from(authUsers).where(eq(authUsers.id, userId));
  await auth.api.setRole({ body: { userId, role }, headers });
  if (actor) await recordActivity(db, { kind: 'user.role', actor, detail: { userId, name: before?.name ?? null, from: before?.role ?? null, to: role } });
}

/** The drizzle database behind an auth instance (createAuth keeps it). */
async function dbOf(auth: Auth): Promise<Db> {
  const db = (auth as unknown as { [dbKey]?: Db })[dbKey];
  if (!db) throw new Error('auth instance without its database');
  return db;
}

/** Another user already has this name, whatever the case or width. */
export async function nameTaken(db: Db, name: string, exceptUserId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: authUsers.id })
    .from(authUsers)
    .where(and(sql`lower(normalize(${authUsers.name}, NFKC)) = ${nameKey(name)}`, exceptUserId ? ne(authUsers.id, exceptUserId) : undefined));
  return Boolean(row);
}

/** A user's new display name (their own on /account): checked, unique, logged with the old one. */
export async function renameUser(db: Db, userId: string, raw: string, actor: Actor): Promise<string> {
  const checked = checkName(raw);
  if (!checked.ok) throw new UserInputError(checked.message);
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select({ name: authUsers.name }).from(authUsers).where(eq(authUsers.id, userId));
      if (!before) throw new UserInputError({ ja: '利用者が見つかりません。', en: 'No such user.' });
      if (await nameTaken(tx as unknown as Db, checked.name, userId)) throw new UserInputError(NAME_TAKEN);
      await tx.update(authUsers).set({ name: checked.name, updatedAt: new Date() }).where(eq(authUsers.id, userId));
      await recordActivity(tx, { kind: 'user.name', actor: { id: actor.id, name: actor.name }, detail: { userId, from: before.name, to: checked.name } });
      return checked.name;
    });
  } catch (error) {
    // Two renames racing to one name: the unique index decides.
    if (error instanceof UserInputError) throw error;
    if (/auth_users_name_key|unique/i.test(String((error as { cause?: unknown }).cause ?? error))) throw new UserInputError(NAME_TAKEN);
    throw error;
  }
}

/** An admin sets another user's password: checked by the policy; that user's sessions end. */
export async function resetPassword(auth: Auth, userId: string, newPassword: string, headers: Headers, actor: Actor): Promise<void> {
  const db = await dbOf(auth);
  const [target] = await db.select({ email: authUsers.email, name: authUsers.name }).from(authUsers).where(eq(authUsers.id, userId));
  if (!target) throw new UserInputError({ ja: '利用者が見つかりません。', en: 'No such user.' });
  const problem = passwordProblem(newPassword, target);
  if (problem) throw new UserInputError(problem);
  await auth.api.setUserPassword({ body: { userId, newPassword }, headers });
  await auth.api.revokeUserSessions({ body: { userId }, headers });
  await recordActivity(db, { kind: 'user.password_reset', actor, detail: { userId, name: target.name } });
}

/** A user changes their own password (the current one is required); their other sessions end. */
export async function changeOwnPassword(
  auth: Auth,
  user: { id: string; email: string; name: string },
  currentPassword: string,
  newPassword: string,
  headers: Headers,
): Promise<void> {
  const problem = passwordProblem(newPassword, user);
  if (problem) throw new UserInputError(problem);
  try {
    await auth.api.changePassword({ body: { currentPassword, newPassword, revokeOtherSessions: true }, headers });
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 400 || status === 401) {
      throw new UserInputError({ ja: '現在のパスワードが違います。', en: 'The current password is wrong.' });
    }
    throw error;
  }
  await recordActivity(await dbOf(auth), { kind: 'user.password_changed', actor: { id: user.id, name: user.name }, detail: { userId: user.id } });
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
