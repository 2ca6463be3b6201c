/** The pure rules behind sign-in trust: client address, password policy, names, back-off, activity CSV. */
import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustedProxies } from '../../db/auth/client-address';
import { checkName, nameKey } from '../../db/auth/names';
import { passwordProblem } from '../../db/auth/password-policy';
import { waitAfterFailures } from '../../db/auth/throttle';
import { activityCsvRecord } from '../../db/export/activity-csv';

describe('clientAddress', () => {
  const proxies = parseTrustedProxies('10.0.0.5, 192.168.1.0/24');
  it.each([
    ['203.0.113.9', '1.2.3.4', '203.0.113.9'], // untrusted peer: its header is ignored
    ['::ffff:203.0.113.9', '1.2.3.4', '203.0.113.9'],
    ['10.0.0.5', '198.51.100.1', '198.51.100.1'],
    ['10.0.0.5', '6.6.6.6, 198.51.100.1', '198.51.100.1'], // left-most hop is the client's to write
    ['10.0.0.5', '198.51.100.1, 192.168.1.7', '198.51.100.1'], // our second proxy is skipped
    ['10.0.0.5', null, '10.0.0.5'],
    ['10.0.0.5', 'garbage', '10.0.0.5'],
  ])('peer %s with X-Forwarded-For %s → %s', (peer, xff, expected) => {
    expect(clientAddress(peer, xff, proxies)).toBe(expected);
  });
  it('reports entries that are not addresses', () => {
    expect(parseTrustedProxies('10.0.0.1,nonsense,10.0.0.0/33').invalid).toEqual(['nonsense', '10.0.0.0/33']);
  });
});

describe('passwordProblem', () => {
  const who = { email: 'kanri@city.example', name: '管理 花子' };
  it.each(['aaaaaaaaaa', 'password123', '1234567890', 'qwertyuiop', 'kanri@city.example', 'short'])('refuses %s', (p) => {
    const problem = passwordProblem(p, who);
    expect(problem?.ja).toMatch(/パスワード/);
    expect(problem?.en).toMatch(/password/i);
  });
  it.each(['correct horse battery', 'tsukimi-dango-44', 'k7#Qm2vLp9xR'])('accepts %s', (p) => {
    expect(passwordProblem(p, who)).toBeNull();
  });
});

describe('checkName', () => {
  it.each([
    ['  管理　花子 ', '管理 花子'],
    ['ＡＢＣ', 'ABC'],
  ])('%s → %s', (raw, name) => expect(checkName(raw)).toEqual({ ok: true, name }));
  it.each(['', '   ', 'a'.repeat(51), 'a\u0000b', 'a\u202eb', 'a\u200bb'])('refuses %j', (raw) => {
    expect(checkName(raw).ok).toBe(false);
  });
  it('compares case and width insensitively', () => expect(nameKey('ＡＢＣ')).toBe(nameKey('abc')));
});

describe('waitAfterFailures', () => {
  it.each([
    [4, 0],
    [5, 30],
    [6, 60],
    [7, 120],
    [20, 900],
  ])('%i failures → %i s', (n, s) => expect(waitAfterFailures(n)).toBe(s));
});

describe('activityCsvRecord', () => {
  it('neutralises formula-like text', () => {
    const record = activityCsvRecord({ id: 1, at: new Date('2026-01-01T00:00:00Z'), kind: 'user.name', userId: null, userName: '=HYPERLINK("x")', detail: {} });
    expect(record[3]).toBe('\'=HYPERLINK("x")');
  });
});
