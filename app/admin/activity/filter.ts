/** The activity page's filters from its URL (kind, user, from, to as YYYY-MM-DD, page). */
import { type ActivityFilter, isActivityKind } from '@/db/activity';
import { param, type SearchParams } from '@/app/lib/search-params';

function day(value: string | undefined, plusDays = 0): Date | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00+09:00`);
  if (Number.isNaN(date.getTime())) return null;
  return new Date(date.getTime() + plusDays * 86_400_000);
}

export function activityFilterFrom(params: SearchParams): { filter: ActivityFilter; page: number } {
  const kind = param(params, 'kind');
  const user = param(params, 'user');
  return {
    filter: {
      kind: isActivityKind(kind) ? kind : null,
      userId: user && user.length <= 100 ? user : null,
      // Dates are days in Japan; `to` includes its whole day.
      from: day(param(params, 'from')),
      to: day(param(params, 'to'), 1),
    },
    page: Math.max(1, Number.parseInt(param(params, 'page') ?? '1', 10) || 1),
  };
}
