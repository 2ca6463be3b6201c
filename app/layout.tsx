import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { COMMON, getLocale, pick } from '@/app/lib/i18n';
import './globals.css';

export const metadata: Metadata = {
  title: 'Hyoka 事務事業評価ダッシュボード',
  description: '事務事業評価の達成度・市民1人当たりコスト・評価分布を政策体系ごとに一望する',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = pick(COMMON, locale);
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
            <a href="/imports">{t.nav.imports}</a>
            <a href="/settings">{t.nav.settings}</a>
          </nav>
          <a className="locale-switch" href={`/locale?to=${locale === 'ja' ? 'en' : 'ja'}`} lang={locale === 'ja' ? 'en' : 'ja'}>
            {t.switchLocale}
          </a>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
