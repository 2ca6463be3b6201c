/**
 * The activity log: who changed what and when (/admin/activity). recordActivity is the one
 * writer, called inside the transaction of the change where there is one, so a change and its
 * entry commit together. Reading joins the user table for the current name (the stored one for
 * the CLI and deleted users).
 */
import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { activityLog, authUsers } from './schema';

export const ACTIVITY_KINDS = [
  'import.checked',
  'import.committed',
  'import.discarded',
  'import.rolled_back',
  'settings.populations',
  'user.created',
  'user.role',
  'user.password_reset',
  'user.password_changed',
  'user.name',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export function isActivityKind(value: unknown): value is ActivityKind {
  return (ACTIVITY_KINDS as readonly unknown[]).includes(value);
}

/** Who did it: a logged-in user, or (id null) the command line. */
export interface Actor {
  id: string | null;
  name: string;
}

/** A database or a transaction: anything that can insert. */
type Writer = Pick<Db, 'insert'>;

export async function recordActivity(tx: Writer, entry: { kind: ActivityKind; actor: Actor; detail?: Record<string, unknown> }): Promise<void> {
  await tx.insert(activityLog).values({ kind: entry.kind, userId: entry.actor.id, userName: entry.actor.name, detail: entry.detail ?? {} });
}

export interface ActivityFilter {
  kind?: ActivityKind | null;
  userId?: string | null;
  /** Inclusive start and exclusive end. */
  from?: Date | null;
  to?: Date | null;
}

export interface ActivityRow {
  id: number;
  at: Date;
  kind: string;
  userId: string | null;
  /** The user's current name, or the name stored with the entry. */
  userName: string;
  detail: Record<string, unknown>;
}

export const ACTIVITY_PAGE_SIZE = 100;

function where(filter: ActivityFilter): SQL | undefined {
  return and(
    filter.kind ? eq(activityLog.kind, filter.kind) : undefined,
    filter.userId ? eq(activityLog.userId, filter.userId) : undefined,
    filter.from ? gte(activityLog.at, filter.from) : undefined,
    filter.to ? lt(activityLog.at, filter.to) : undefined,
  );
}

const columns = {
  id: activityLog.id,
  at: activityLog.at,
  kind: activityLog.kind,
  userId: activityLog.userId,
  userName: sql<string>`coalesce(${authUsers.name}, ${activityLog.userName})`,
  detail: activityLog.detail,
};

export async function listActivity(
  db: Db,
  filter: ActivityFilter,
  page = 1,
  pageSize = ACTIVITY_PAGE_SIZE,
): Promise<{ rows: ActivityRow[]; total: number; page: number; pageCount: number }> {
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(activityLog).where(where(filter));
  const pageCount = Math.max(1, Math.ceil(Number(total) / pageSize));
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount);
  const rows = await db
    .select(columns)
    .from(activityLog)
    .leftJoin(authUsers, eq(authUsers.id, activityLog.userId))
    .where(where(filter))
    .orderBy(desc(activityLog.at), desc(activityLog.id))
    .limit(pageSize)
    .offset((current - 1) * pageSize);
  return { rows: rows as ActivityRow[], total: Number(total), page: current, pageCount };
}

/** Every entry the filter selects, newest first, in pages of `batch` (for the CSV export). */
export async function* allActivity(db: Db, filter: ActivityFilter, batch = 1000): AsyncGenerator<ActivityRow> {
  for (let offset = 0; ; offset += batch) {
    const rows = await db
      .select(columns)
      .from(activityLog)
      .leftJoin(authUsers, eq(authUsers.id, activityLog.userId))
      .where(where(filter))
      .orderBy(desc(activityLog.at), desc(activityLog.id))
      .limit(batch)
      .offset(offset);
    yield* rows as ActivityRow[];
    if (rows.length < batch) return;
  }
}

/** Who appears in the log (for the user filter), by current name. */
export async function activityUsers(db: Db): Promise<{ id: string; name: string }[]> {
  return db.select({ id: authUsers.id, name: authUsers.name }).from(authUsers).orderBy(authUsers.name);
}
