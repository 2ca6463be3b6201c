import { describe, expect, it } from 'vitest';
import { isSameOriginPost } from '../../app/lib/same-origin';

const cases: [string, Record<string, string>, Record<string, string>, boolean][] = [
  ['the page itself', { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }, {}, true],
  ['behind a TLS proxy (https origin, http app)', { origin: 'https://hyoka.city.example', host: 'hyoka.city.example' }, {}, true],
  ['a forwarded host', { origin: 'https://hyoka.city.example', host: '10.0.0.5:3000', 'x-forwarded-host': 'hyoka.city.example' }, {}, true],
  ['another site', { origin: 'http://evil.example', host: '127.0.0.1:3000' }, {}, false],
  ['another port', { origin: 'http://127.0.0.1:4000', host: '127.0.0.1:3000' }, {}, false],
  ['a hidden origin', { origin: 'null', host: '127.0.0.1:3000' }, {}, false],
  ['BETTER_AUTH_URL', { origin: 'https://hyoka.city.example', host: 'internal:3000' }, { BETTER_AUTH_URL: 'https://hyoka.city.example' }, true],
  ['HYOKA_TRUSTED_ORIGINS', { origin: 'https://b.example', host: 'internal:3000' }, { HYOKA_TRUSTED_ORIGINS: 'https://a.example, https://b.example' }, true],
  ['no origin, same site', { host: '127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }, {}, true],
  ['no origin, no fetch metadata (a script)', { host: '127.0.0.1:3000' }, {}, true],
  ['no origin, cross-site', { host: '127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }, {}, false],
];

describe('isSameOriginPost', () => {
  it.each(cases)('%s', (_name, headers, env, expected) => {
    expect(isSameOriginPost(new Headers(headers), env)).toBe(expected);
  });
});
