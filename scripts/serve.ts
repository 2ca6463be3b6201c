/**
 * Serves the built app (what `next start` does) behind one extra step: each request's client
 * address is worked out from the connection's peer and, only from HYOKA_TRUSTED_PROXIES, from
 * X-Forwarded-For (db/auth/client-address.ts) — `next start` passes a client's X-Forwarded-For
 * through unchecked, so sign-in throttling could be dodged by sending a new one each time.
 * Usage: tsx scripts/serve.ts [--port 3000] [--hostname 0.0.0.0]
 */
import { createServer } from 'node:http';
import next from 'next';
import { parseTrustedProxies, setClientAddress } from '../db/auth/client-address';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = Number(option('port') ?? process.env.PORT ?? 3000);
const hostname = option('hostname');
const proxies = parseTrustedProxies(process.env.HYOKA_TRUSTED_PROXIES);
if (proxies.invalid.length > 0) {
  console.error(
    `HYOKA_TRUSTED_PROXIES: 「${proxies.invalid.join('」「')}」はアドレスでもCIDRでもありません / ${proxies.invalid.join(', ')}: not an address or CIDR range`,
  );
  process.exit(1);
}

const app = next({ dev: false, port, ...(hostname ? { hostname } : {}) });
const handle = app.getRequestHandler();
await app.prepare();
createServer((request, response) => {
  setClientAddress(request, proxies);
  void handle(request, response);
}).listen(port, hostname, () => {
  console.log(`Hyoka: http://${hostname ?? 'localhost'}:${port}`);
});
