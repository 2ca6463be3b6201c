/** 利用者 (/admin/users): who can log in and with which role; admins add users and change roles. */
import type { Metadata } from 'next';
import { requirePermission } from '@/app/lib/auth';
import { formatDateTime } from '@/app/lib/format';
import { COMMON, getLocale, pick } from '@/app/lib/i18n';
import { param, type SearchParams } from '@/app/lib/search-params';
import '@/app/styles/login.css';
import { listUsers } from '@/db/auth/users';
import { getDb } from '@/db/client';
import { ROLES, isRole } from '@/db/domain/access';
import { createUserAction, resetPasswordAction, setRoleAction } from './actions';
import { USERS_TEXT } from './text';

export const metadata: Metadata = { title: '利用者 — Hyoka' };

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await requirePermission('manageUsers', '/admin/users');
  const params = await searchParams;
  const locale = await getLocale();
  const t = pick(USERS_TEXT, locale);
  const common = pick(COMMON, locale);
  const users = await listUsers(await getDb());
  const created = param(params, 'created');
  const saved = param(params, 'saved');
  const reset = param(params, 'reset');
  const error = param(params, 'error');

  return (
    <div className="users-page">
      <h1>{t.title}</h1>
      <p className="lead">
        {t.lead} <a href="/admin/activity">{t.activity}</a>
      </p>
      {created && (
        <p className="notice" role="status">
          {t.created_(created)}
        </p>
      )}
      {saved && (
        <p className="notice" role="status">
          {t.roleSaved(saved)}
        </p>
      )}
      {reset && (
        <p className="notice" role="status">
          {t.passwordReset(reset)}
        </p>
      )}
      {error && (
        <p className="warning" role="alert">
          {t.error(error)}
        </p>
      )}

      <section className="panel">
        <h2>{t.list}</h2>
        <table className="data" data-testid="users">
          <thead>
            <tr>
              <th>{t.name}</th>
              <th className="email">{t.email}</th>
              <th>{t.role}</th>
              <th>{t.created}</th>
              <th>{t.resetPassword}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-testid={`user-${u.email}`}>
                <td>
                  <span className="user-name">
                    {u.name}
                    {u.id === me.id && t.you}
                  </span>
                  <small className="email-inline">{u.email}</small>
                </td>
                <td className="email">{u.email}</td>
                <td>
                  <form action={setRoleAction} className="role-form">
                    <input type="hidden" name="userId" value={u.id} />
                    <input type="hidden" name="name" value={u.name} />
                    <select name="role" defaultValue={isRole(u.role) ? u.role : undefined} aria-label={`${t.role}: ${u.name}`}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {common.roles[r]}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit">{t.change}</button>
                  </form>
                </td>
                <td>{formatDateTime(u.createdAt, locale)}</td>
                <td>
                  {u.id !== me.id && (
                    <form action={resetPasswordAction} className="role-form" data-testid={`reset-${u.email}`}>
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="name" value={u.name} />
                      <input name="password" type="password" required minLength={10} autoComplete="new-password" aria-label={`${t.resetPassword}: ${u.name}`} />{' '}
                      <button type="submit">{t.reset}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel">
        <h2>{t.add}</h2>
        <form action={createUserAction} className="login-form user-form" data-testid="create-user">
          <label className="field">
            <span className="field-label">{t.name}</span>
            <input name="name" required maxLength={50} autoComplete="off" />
          </label>
          <label className="field">
            <span className="field-label">{t.email}</span>
            <input name="email" type="email" required autoComplete="off" />
          </label>
          <label className="field">
            <span className="field-label">{t.password}</span>
            <input name="password" type="password" required minLength={10} autoComplete="new-password" />
          </label>
          <label className="field">
            <span className="field-label">{t.role}</span>
            <select name="role" defaultValue="viewer">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {common.roles[r]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary">
            {t.create}
          </button>
        </form>
      </section>
    </div>
  );
}
