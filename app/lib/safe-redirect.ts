/**
 * The one check every redirect target in the app goes through (login `next`, the locale switch's
 * `back`, the login redirects of the proxy and of requirePermission): only ever a path on this
 * site. Browsers strip TAB/CR/LF and read `\` as `/` before resolving, so the raw text must be a
 * single `/` followed by neither `/` nor `\`, hold no control characters, and — resolved against
 * a placeholder origin as a browser would — still land on that origin.
 */
const PLACEHOLDER = 'http://hyoka.invalid';
/** Longer targets are not links this app makes; refusing them keeps Location headers small. */
const MAX_LENGTH = 2048;
// C0 and C1 controls, DEL and the Unicode line/paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** `value` as a same-site path (pathname + search + hash), or `fallback`. */
export function safeRedirect(value: string | undefined | null, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  if (CONTROL.test(value)) return fallback;
  if (value !== '/' && !/^\/[^/\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER) return fallback;
  return url.pathname + url.search + url.hash;
}
