/**
 * Japanese first, English second. The locale is a cookie (so links and printed URLs stay the
 * same in both languages); `/locale?to=en&back=/projects` switches it.
 *
 * Each page keeps its own words next to it as `{ ja: {...}, en: {...} }` and picks with
 * `pick(TEXT, locale)` (declare with `defineText`); only words shared by several pages live here.
 */
import { cookies } from 'next/headers';

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = 'hyoka-locale';

export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return value === 'en' ? 'en' : 'ja';
}

/** A page's words; the English table must have exactly the Japanese table's keys. */
export function defineText<T>(text: { ja: T; en: NoInfer<T> }): { ja: T; en: T } {
  return text;
}

export function pick<T>(text: { ja: T; en: T }, locale: Locale): T {
  return text[locale];
}

export const COMMON = defineText({
  ja: {
    appSubtitle: '事務事業評価ダッシュボード',
    mainMenu: 'メインメニュー',
    nav: {
      overview: '概要',
      policies: '政策体系',
      projects: '事業一覧',
      watchlist: '要注意事業',
      compare: '他自治体比較',
      quality: 'データ品質',
      imports: '取込',
      settings: '設定',
      users: '利用者',
    },
    switchLocale: 'English',
    search: { label: '事業を検索（すべての自治体・年度）', placeholder: '事業を検索', button: '検索' },
    account: { login: 'ログイン', logout: 'ログアウト', menu: 'ログイン中の利用者' },
    roles: { viewer: '閲覧者', importer: '取込担当', admin: '管理者', unknown: '権限なし' },
    municipality: '自治体',
    fiscalYear: '年度',
    show: '表示',
    noData: 'データがまだありません。CSVを取り込んでください。',
    notRated: '未評価',
  },
  en: {
    appSubtitle: 'Project evaluation dashboard',
    mainMenu: 'Main menu',
    nav: {
      overview: 'Overview',
      policies: 'Policies',
      projects: 'Projects',
      watchlist: 'Watchlist',
      compare: 'Compare',
      quality: 'Data quality',
      imports: 'Imports',
      settings: 'Settings',
      users: 'Users',
    },
    switchLocale: '日本語',
    search: { label: 'Search projects (every municipality and year)', placeholder: 'Search projects', button: 'Search' },
    account: { login: 'Log in', logout: 'Log out', menu: 'Logged-in user' },
    roles: { viewer: 'Viewer', importer: 'Importer', admin: 'Administrator', unknown: 'No rights' },
    municipality: 'Municipality',
    fiscalYear: 'Fiscal year',
    show: 'Show',
    noData: 'No data yet. Import a CSV file.',
    notRated: 'Not rated',
  },
});
