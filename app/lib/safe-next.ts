/**
 * Where to go after logging in: only ever a path on this site. `//evil.example`, `/\evil.example`,
 * `https://…` and anything else fall back to the overview, so the login page is no open redirect.
 */
export function safeNext(value: string | undefined | null): string {
  return value && /^\/(?![/\\])/.test(value) ? value : '/';
}
