'use client';

/**
 * Email and password to better-auth's sign-in endpoint (same origin: the library checks the
 * Origin and rate-limits), then a full page load of where the user was going, so the header and
 * every server component see the new session.
 */
import { useState } from 'react';

export interface LoginFormText {
  locale: 'ja' | 'en';
  email: string;
  password: string;
  submit: string;
  submitting: string;
  wrong: string;
  tooMany: string;
  failed: string;
}

export function LoginForm({ next, text }: { next: string; text: LoginFormText }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const response = await fetch('/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: form.get('email'), password: form.get('password') }),
      });
      if (response.ok) {
        window.location.assign(next);
        return;
      }
      if (response.status === 429) {
        // The account's own wait (its message says when), or the address's (X-Retry-After seconds).
        const body = (await response.json().catch(() => ({}))) as { ja?: string; en?: string };
        const seconds = response.headers.get('X-Retry-After') ?? '60';
        setError((text.locale === 'en' ? body.en : body.ja) ?? text.tooMany.replace('{seconds}', seconds));
      } else {
        setError(response.status === 401 || response.status === 400 ? text.wrong : text.failed.replace('{status}', String(response.status)));
      }
    } catch {
      setError(text.failed.replace('{status}', '—'));
    }
    setPending(false);
  }

  return (
    <form className="login-form" onSubmit={submit} data-testid="login-form">
      <label className="field">
        <span className="field-label">{text.email}</span>
        {/* biome-ignore lint/a11y/noAutofocus: the login page has one task; the email field is where every user starts */}
        <input type="email" name="email" autoComplete="username" required autoFocus />
      </label>
      <label className="field">
        <span className="field-label">{text.password}</span>
        <input type="password" name="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={pending}>
        {pending ? text.submitting : text.submit}
      </button>
    </form>
  );
}
