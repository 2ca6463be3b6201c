import { describe, expect, it } from 'vitest';
import { hasNulCharacter } from '@/app/lib/url-guard';
import { intParam } from '@/app/lib/search-params';

describe('hasNulCharacter (addresses refused before any page runs)', () => {
  it.each([
    ['/projects?q=%00', true],
    ['/projects?q=abc%00def', true],
    ['/projects?%00=1', true],
    ['/projects/%00', true],
    ['/projects/A%2500', false],
    ['/projects?q=%2500', false],
    ['/projects?q=%E7%B5%8C%E5%96%B6', false],
    ['/projects?q=0', false],
    ['/', false],
  ] as const)('%s → %s', (path, expected) => expect(hasNulCharacter(new URL(path, 'http://hyoka.invalid'))).toBe(expected));
});

describe('intParam (integers PostgreSQL integer columns can compare with)', () => {
  it.each([
    ['12', 12],
    ['-3', -3],
    ['2147483647', 2147483647],
    ['2147483648', undefined],
    ['-2147483649', undefined],
    ['99999999999999', undefined],
    ['9'.repeat(400), undefined],
    ['1e3', undefined],
    ['12abc', undefined],
    ['', undefined],
  ] as const)('%j → %j', (value, expected) => expect(intParam({ n: value }, 'n')).toBe(expected));
});
