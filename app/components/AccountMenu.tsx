/** The header's corner: who is logged in and as what, with log-out; or a log-in link. */
import type { CurrentUser } from '@/app/lib/auth';
import type { COMMON } from '@/app/lib/i18n';
import { signOutAction } from '@/app/login/actions';

type CommonText = (typeof COMMON)['ja'];

export function AccountMenu({ user, text }: { user: CurrentUser | null; text: CommonText }) {
  if (!user) {
    return (
      <div className="account">
        <a href="/login" data-testid="login-link">
          {text.account.login}
        </a>
      </div>
    );
  }
  return (
    <section className="account signed-in" aria-label={text.account.menu} data-testid="account">
      <a className="user-name" href="/account">
        {user.name}
      </a>
      <span className="role" data-testid="account-role">
        {text.roles[user.role ?? 'unknown']}
      </span>
      <form action={signOutAction}>
        <button type="submit">{text.account.logout}</button>
      </form>
    </section>
  );
}
