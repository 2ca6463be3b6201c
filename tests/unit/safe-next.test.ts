import { describe, expect, it } from 'vitest';
import { safeNext } from '@/app/lib/safe-next';

describe('safeNext (where the login page sends the user)', () => {
  it.each([
    ['/imports', '/imports'],
    ['/projects?year=2023&department=%E7%B5%8C', '/projects?year=2023&department=%E7%B5%8C'],
    ['/', '/'],
    [undefined, '/'],
    [null, '/'],
    ['', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['imports', '/'],
  ] as const)('%s → %s', (value, expected) => expect(safeNext(value)).toBe(expected));
});
