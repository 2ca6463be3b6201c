import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Hyoka 事務事業評価ダッシュボード',
  description: '事務事業評価の達成度・市民1人当たりコスト・評価分布を政策体系ごとに一望する',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="ja">
      <body>
        <header className="site-header">
          <a className="brand" href="/">
            Hyoka<small>事務事業評価ダッシュボード</small>
          </a>
          <nav aria-label="メインメニュー">
            <a href="/">概要</a>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
