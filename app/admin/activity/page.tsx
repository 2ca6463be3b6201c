/** 操作の記録 (/admin/activity): every change by whom and when, filtered in the URL, paged on the server. */
import type { Metadata } from 'next';
import { requirePermission } from '@/app/lib/auth';
import { formatDateTime } from '@/app/lib/format';
import { getLocale, pick } from '@/app/lib/i18n';
import type { SearchParams } from '@/app/lib/search-params';
import '@/app/styles/login.css';
import { ACTIVITY_KINDS, activityUsers, isActivityKind, listActivity } from '@/db/activity';
import { getDb } from '@/db/client';
import { activityFilterFrom } from './filter';
import { ACTIVITY_TEXT } from './text';

export const metadata: Metadata = { title: '操作の記録 — Hyoka' };

export default async function ActivityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission('manageUsers', '/admin/activity');
  const params = await searchParams;
  const locale = await getLocale();
  const t = pick(ACTIVITY_TEXT, locale);
  const { filter, page } = activityFilterFrom(params);
  const db = await getDb();
  const [log, users] = await Promise.all([listActivity(db, filter, page), activityUsers(db)]);
  const query = new URLSearchParams();
  for (const key of ['kind', 'user', 'from', 'to']) {
    const value = params[key];
    if (typeof value === 'string' && value) query.set(key, value);
  }
  const pageLink = (n: number) => `/admin/activity?${new URLSearchParams({ ...Object.fromEntries(query), page: String(n) })}`;
  return (
    <div className="users-page">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      <form method="get" className="role-form" data-testid="activity-filter">
        <label>
          {t.kind}{' '}
          <select name="kind" defaultValue={filter.kind ?? ''}>
            <option value="">{t.all}</option>
            {ACTIVITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t.kinds[k]}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t.user}{' '}
          <select name="user" defaultValue={filter.userId ?? ''}>
            <option value="">{t.all}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t.from} <input type="date" name="from" defaultValue={typeof params.from === 'string' ? params.from : ''} />
        </label>{' '}
        <label>
          {t.to} <input type="date" name="to" defaultValue={typeof params.to === 'string' ? params.to : ''} />
        </label>{' '}
        <button type="submit">{t.filter}</button> <a href={`/admin/activity/export?${query}`}>{t.csv}</a>{' '}
        <a href={`/admin/activity/export?${new URLSearchParams({ ...Object.fromEntries(query), format: 'xlsx' })}`}>{t.xlsx}</a>
      </form>
      <p>{t.count(log.total, log.page, log.pageCount)}</p>
      <table className="data" data-testid="activity">
        <thead>
          <tr>
            <th>{t.at}</th>
            <th>{t.kind}</th>
            <th>{t.user}</th>
            <th>{t.detail}</th>
          </tr>
        </thead>
        <tbody>
          {log.rows.map((r) => (
            <tr key={r.id} data-kind={r.kind}>
              <td>{formatDateTime(r.at, locale)}</td>
              <td>{isActivityKind(r.kind) ? t.kinds[r.kind] : r.kind}</td>
              <td>{r.userName}</td>
              <td>
                <code>{JSON.stringify(r.detail)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav>
        {log.page > 1 && <a href={pageLink(log.page - 1)}>{t.previous}</a>} {log.page < log.pageCount && <a href={pageLink(log.page + 1)}>{t.next}</a>}
      </nav>
    </div>
  );
}
