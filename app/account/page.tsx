/** アカウント (/account): the logged-in user's own name and password. */
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentUser } from '@/app/lib/auth';
import { getLocale, pick } from '@/app/lib/i18n';
import { param, type SearchParams } from '@/app/lib/search-params';
import '@/app/styles/login.css';
import { MAX_NAME_LENGTH } from '@/db/auth/names';
import { MIN_PASSWORD_LENGTH } from '@/db/auth/password-policy';
import { changePasswordAction, renameAction } from './actions';
import { ACCOUNT_TEXT } from './text';

export const metadata: Metadata = { title: 'アカウント — Hyoka' };

export default async function AccountPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await currentUser();
  if (!user) redirect('/login?next=%2Faccount');
  const params = await searchParams;
  const t = pick(ACCOUNT_TEXT, await getLocale());
  const saved = param(params, 'saved');
  const error = param(params, 'error');
  return (
    <div className="users-page">
      <h1>{t.title}</h1>
      {saved && (
        <p className="notice" role="status">
          {saved === 'password' ? t.passwordSaved : t.nameSaved}
        </p>
      )}
      {error && (
        <p className="warning" role="alert">
          {t.error(error)}
        </p>
      )}
      <section className="panel">
        <h2>{t.name}</h2>
        <form action={renameAction} className="login-form user-form" data-testid="rename">
          <label className="field">
            <span className="field-label">{t.name}</span>
            <input name="name" required maxLength={MAX_NAME_LENGTH} defaultValue={user.name} autoComplete="name" />
          </label>
          <p className="hint">{t.nameHint}</p>
          <button type="submit" className="primary">
            {t.saveName}
          </button>
        </form>
      </section>
      <section className="panel">
        <h2>{t.password}</h2>
        <form action={changePasswordAction} className="login-form user-form" data-testid="change-password">
          <label className="field">
            <span className="field-label">{t.current}</span>
            <input name="current" type="password" required autoComplete="current-password" />
          </label>
          <label className="field">
            <span className="field-label">{t.next}</span>
            <input name="next" type="password" required minLength={MIN_PASSWORD_LENGTH} autoComplete="new-password" />
          </label>
          <button type="submit" className="primary">
            {t.savePassword}
          </button>
        </form>
      </section>
    </div>
  );
}
