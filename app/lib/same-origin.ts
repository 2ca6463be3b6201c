/**
 * Route handlers that change data refuse cross-site POSTs the way Next refuses them for server
 * actions: the Origin must be the app's own (the Host the browser sent, or BETTER_AUTH_URL) or one
 * of HYOKA_TRUSTED_ORIGINS. A cross-site page cannot choose the Host its victim's browser sends.
 */
export function isSameOriginPost(headers: Headers, env: Partial<Record<string, string>> = process.env): boolean {
  const origin = headers.get('origin');
  // Browsers send Origin on every cross-origin POST; without one, only a same-site fetch metadata passes.
  if (origin === null) return headers.get('sec-fetch-site') !== 'cross-site';
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (a sandboxed or privacy-hidden origin) or garbage
  }
  const own = [headers.get('x-forwarded-host'), headers.get('host')].filter((h): h is string => !!h);
  const configured = [env.BETTER_AUTH_URL ?? '', ...(env.HYOKA_TRUSTED_ORIGINS ?? '').split(',')].map((s) => s.trim()).filter(Boolean);
  return own.includes(host) || configured.some((o) => o === origin || safeHost(o) === host);
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
