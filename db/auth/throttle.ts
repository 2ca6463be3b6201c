/**
 * Sign-in throttling per account: a few wrong passwords are free, then every further failure
 * doubles the wait before that email may try again (also with the right password), up to a cap.
 * Kept in the database, so every app process on it agrees. The per-address limit is better-auth's
 * rate limiter (db/auth/auth.ts), generous so one person's typos do not lock out an office that
 * shares an address.
 */
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import type { Message } from '../domain/numbers';
import { authSignInFailures } from './schema';

/** Failures allowed before the first wait. */
export const FREE_FAILURES = 5;
export const FIRST_WAIT_SECONDS = 30;
export const MAX_WAIT_SECONDS = 15 * 60;
/** A run of failures is forgotten this long after the last one (when not waiting). */
const FORGET_AFTER = sql`interval '1 hour'`;

export function accountKey(email: unknown): string | null {
  return typeof email === 'string' && email.trim() ? email.trim().toLowerCase() : null;
}

/** The wait after the n-th consecutive failure: none up to FREE_FAILURES, then 30 s, 60 s, 120 s… up to the cap. */
export function waitAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (failures - FREE_FAILURES));
}

/** Seconds this account still has to wait (0: it may try now). */
export async function accountWaitSeconds(db: Db, email: string): Promise<number> {
  const [row] = await db.select({ lockedUntil: authSignInFailures.lockedUntil }).from(authSignInFailures).where(eq(authSignInFailures.email, email));
  if (!row?.lockedUntil) return 0;
  return Math.max(0, Math.ceil((row.lockedUntil.getTime() - Date.now()) / 1000));
}

/** Counts a wrong password (atomically: two processes failing together count twice). */
export async function recordFailure(db: Db, email: string): Promise<{ failures: number; waitSeconds: number }> {
  const t = sql.raw('auth_sign_in_failures');
  const next = sql`case when ${t}.last_failure_at < now() - ${FORGET_AFTER} and (${t}.locked_until is null or ${t}.locked_until < now()) then 1 else ${t}.failures + 1 end`;
  const wait = (n: ReturnType<typeof sql>) =>
    sql`case when ${n} >= ${FREE_FAILURES} then now() + make_interval(secs => least(${MAX_WAIT_SECONDS}, ${FIRST_WAIT_SECONDS} * power(2, ${n} - ${FREE_FAILURES}))) else null end`;
  const [row] = await queryRows<{ failures: number }>(
    db,
    sql`insert into auth_sign_in_failures (email, failures, last_failure_at, locked_until)
        values (${email}, 1, now(), ${wait(sql`1`)})
        on conflict (email) do update set failures = ${next}, last_failure_at = now(), locked_until = ${wait(next)}
        returning failures`,
  );
  const failures = Number(row?.failures ?? 1);
  return { failures, waitSeconds: waitAfterFailures(failures) };
}

export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.delete(authSignInFailures).where(eq(authSignInFailures.email, email));
}

/** What the login page shows when an account or an address has to wait. */
export function waitMessage(seconds: number): Message {
  const s = Math.max(1, Math.ceil(seconds));
  const ja = s < 60 ? `${s}秒` : `${Math.ceil(s / 60)}分`;
  const en = s < 60 ? `${s} second${s === 1 ? '' : 's'}` : `${Math.ceil(s / 60)} minute${Math.ceil(s / 60) === 1 ? '' : 's'}`;
  return {
    ja: `ログインの失敗が続いたため、しばらくログインできません。${ja}後にもう一度お試しください。パスワードを忘れた場合は管理者に再設定を依頼してください。`,
    en: `Too many failed logins. Try again in ${en}. If you forgot your password, ask an administrator to reset it.`,
  };
}
