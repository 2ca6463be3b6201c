import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AccountMenu } from '@/app/components/AccountMenu';
import { currentUser, viewMode } from '@/app/lib/auth';
import { COMMON, getLocale, pick } from '@/app/lib/i18n';
import { can, type Permission } from '@/db/domain/access';
import './globals.css';

export const metadata: Metadata = {
  title: 'Hyoka 事務事業評価ダッシュボード',
  description: '事務事業評価の達成度・市民1人当たりコスト・評価分布を政策体系ごとに一望する',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = pick(COMMON, locale);
  const user = await currentUser();
  // Only a courtesy: the server actions and route handlers check again (app/lib/auth.ts).
  const may = (permission: Permission) => can(user?.role, permission, viewMode());
  return (
    <html lang={locale}>
      <body>
        <header className="site-header">
          <a className="brand" href="/">
            Hyoka<small>{t.appSubtitle}</small>
          </a>
          <nav aria-label={t.mainMenu}>
            <a href="/">{t.nav.overview}</a>
            <a href="/policies">{t.nav.policies}</a>
            <a href="/projects">{t.nav.projects}</a>
            <a href="/watchlist">{t.nav.watchlist}</a>
            <a href="/compare">{t.nav.compare}</a>
            <a href="/quality">{t.nav.quality}</a>
            {may('import') && <a href="/imports">{t.nav.imports}</a>}
            {may('editSettings') && <a href="/settings">{t.nav.settings}</a>}
            {may('manageUsers') && <a href="/admin/users">{t.nav.users}</a>}
          </nav>
          {/* A plain GET form: searching works without JavaScript. */}
          <search className="site-search">
            <form method="get" action="/search">
              <input type="search" name="q" aria-label={t.search.label} placeholder={t.search.placeholder} />
              <button type="submit">{t.search.button}</button>
            </form>
          </search>
          <AccountMenu user={user} text={t} />
          <a className="locale-switch" href={`/locale?to=${locale === 'ja' ? 'en' : 'ja'}`} lang={locale === 'ja' ? 'en' : 'ja'}>
            {t.switchLocale}
          </a>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
