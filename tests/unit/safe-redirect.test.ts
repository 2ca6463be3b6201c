import { describe, expect, it } from 'vitest';
import { safeRedirect } from '@/app/lib/safe-redirect';

describe('safeRedirect (every redirect target: login next, locale back, login redirects)', () => {
  it.each([
    ['/imports', '/imports'],
    ['/projects?year=2023&department=%E7%B5%8C', '/projects?year=2023&department=%E7%B5%8C'],
    ['/projects?q=経営#list', '/projects?q=%E7%B5%8C%E5%96%B6#list'],
    ['/', '/'],
    ['/a\\b', '/a/b'],
    ['/%5Cevil.example/', '/%5Cevil.example/'],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/／evil.example', '/%EF%BC%8Fevil.example'],
  ] as const)('accepts %j → %j', (value, expected) => expect(safeRedirect(value)).toBe(expected));

  it.each([
    [undefined],
    [null],
    [''],
    ['imports'],
    ['//evil.example/x'],
    ['///evil.example/x'],
    ['/\\evil.example'],
    ['/\\/evil.example'],
    ['\\\\evil.example'],
    ['\\/evil.example'],
    ['/\t/evil.example/path'],
    ['/\n/evil.example/path'],
    ['/\r/evil.example/path'],
    ['/\t\\evil.example'],
    ['\t//evil.example'],
    [' //evil.example'],
    ['/%09/evil.example'.replace('%09', '\u0009')],
    ['/\u0000/evil.example'],
    ['/\u007f/evil.example'],
    ['/\u0085/evil.example'],
    ['/\u2028/evil.example'],
    ['https://evil.example/'],
    ['http:evil.example'],
    ['https:/evil.example'],
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['＼＼evil.example'],
    ['／／evil.example'],
    ['。/evil.example'],
    [`/${'a'.repeat(3000)}`],
  ] as const)('refuses %j', (value) => expect(safeRedirect(value)).toBe('/'));

  it('falls back to the given path', () => {
    expect(safeRedirect('//evil.example', '/imports')).toBe('/imports');
  });
});
