/** ログイン (/login): email and password; says why the user was sent here (?denied=…, ?next=…). */
import type { Metadata } from 'next';
import { COMMON, getLocale, pick } from '@/app/lib/i18n';
import { currentUser, viewMode } from '@/app/lib/auth';
import { safeRedirect } from '@/app/lib/safe-redirect';
import { param, type SearchParams } from '@/app/lib/search-params';
import { PERMISSIONS, type Permission } from '@/db/domain/access';
import '@/app/styles/login.css';
import { LoginForm } from './LoginForm';
import { LOGIN_TEXT } from './text';

export const metadata: Metadata = { title: 'ログイン — Hyoka' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const locale = await getLocale();
  const t = pick(LOGIN_TEXT, locale);
  const common = pick(COMMON, locale);
  const user = await currentUser();
  const next = safeRedirect(param(params, 'next'));
  const deniedParam = param(params, 'denied');
  const denied = (PERMISSIONS as readonly string[]).includes(deniedParam ?? '') ? (deniedParam as Permission) : null;

  return (
    <div className="login-page">
      <section className="panel login-panel">
        <h1>{t.title}</h1>
        {denied && (
          <p className="warning" role="alert" data-testid="login-denied">
            {denied === 'manageUsers' ? t.deniedUsers : t.denied(t.what[denied])}
          </p>
        )}
        {user ? (
          <p className="notice" data-testid="login-current">
            {t.loggedInAs(user.name, common.roles[user.role ?? 'unknown'])}
          </p>
        ) : (
          !denied && <p className="lead">{viewMode() === 'login' ? t.leadLoginOnly : t.lead}</p>
        )}
        <LoginForm
          next={next}
          text={{
            locale,
            email: t.email,
            password: t.password,
            submit: t.submit,
            submitting: t.submitting,
            wrong: t.wrong,
            tooMany: t.tooMany,
            failed: t.failed,
          }}
        />
        <p className="hint">{t.noAccount}</p>
      </section>
    </div>
  );
}
