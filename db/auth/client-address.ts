/**
 * The client's address, as sign-in throttling and sessions see it. X-Forwarded-For is anyone's
 * to write, so it counts only when the connection itself comes from a proxy listed in
 * HYOKA_TRUSTED_PROXIES (addresses or CIDR ranges, comma-separated); then the chain is read from
 * the right, skipping our own proxies, and the first other address is the client. Otherwise the
 * client is the connection's peer. scripts/serve.ts puts the result into CLIENT_ADDRESS_HEADER
 * (replacing whatever a client sent), the only header better-auth reads (db/auth/auth.ts).
 */
import { BlockList, isIP } from 'node:net';

export const CLIENT_ADDRESS_HEADER = 'x-hyoka-client-ip';

export interface TrustedProxies {
  list: BlockList;
  /** Entries that are neither an address nor a CIDR range (reported at start, never silently ignored). */
  invalid: string[];
  empty: boolean;
}

/** `::ffff:10.0.0.1` → `10.0.0.1`: Node reports IPv4 peers on dual-stack sockets in this form. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  const invalid: string[] = [];
  let count = 0;
  for (const entry of (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address = '', prefix] = entry.split('/');
    const plain = plainAddress(address);
    const family = isIP(plain);
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    if (family === 0 || !/^\d*$/.test(prefix ?? '') || !Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) {
      invalid.push(entry);
      continue;
    }
    list.addSubnet(plain, bits, family === 4 ? 'ipv4' : 'ipv6');
    count++;
  }
  return { list, invalid, empty: count === 0 };
}

function isTrusted(address: string, proxies: TrustedProxies): boolean {
  const plain = plainAddress(address);
  const family = isIP(plain);
  return family !== 0 && proxies.list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The client address of a connection from `peer` carrying `forwardedFor` (all X-Forwarded-For
 * values joined by commas, or null). Null only when the peer is unknown (a closed socket).
 */
export function clientAddress(peer: string | undefined | null, forwardedFor: string | null | undefined, proxies: TrustedProxies): string | null {
  if (!peer) return null;
  const direct = plainAddress(peer);
  if (!isTrusted(direct, proxies) || !forwardedFor) return direct;
  const hops = forwardedFor
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = plainAddress(hops[i]!);
    // Garbage in the chain: whoever wrote it is the last hop we can vouch for.
    if (isIP(hop) === 0) return i === hops.length - 1 ? direct : plainAddress(hops[i + 1]!);
    if (!isTrusted(hop, proxies)) return hop;
  }
  return plainAddress(hops[0] ?? direct);
}

/** Node's request headers: sets the client address header from the socket's peer, replacing any sent by the client. */
export function setClientAddress(
  request: { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string } },
  proxies: TrustedProxies,
): void {
  const xff = request.headers['x-forwarded-for'];
  const forwarded = Array.isArray(xff) ? xff.join(',') : (xff ?? null);
  const address = clientAddress(request.socket.remoteAddress, forwarded, proxies);
  if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
  else delete request.headers[CLIENT_ADDRESS_HEADER];
}
