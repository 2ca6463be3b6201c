import { describe, expect, it } from 'vitest';
import { can, isRole, PERMISSIONS, viewModeFrom, type Permission, type ViewMode } from '@/db/domain/access';

// Every role (and anonymous, and a role string this version does not know) against every permission.
const EXPECTED: [role: string | null, open: Permission[], login: Permission[]][] = [
  [null, ['view'], []],
  ['superuser', ['view'], []],
  ['viewer', ['view'], ['view']],
  ['importer', ['view', 'import', 'rollback', 'downloadOriginal', 'editSettings'], ['view', 'import', 'rollback', 'downloadOriginal', 'editSettings']],
  ['admin', [...PERMISSIONS], [...PERMISSIONS]],
];

describe('can', () => {
  for (const [role, open, login] of EXPECTED) {
    for (const [mode, granted] of [
      ['open', open],
      ['login', login],
    ] as [ViewMode, Permission[]][]) {
      it.each(PERMISSIONS.map((p) => [p, granted.includes(p)] as const))(`${role ?? 'anonymous'} (view ${mode}) %s → %s`, (permission, allowed) => {
        expect(can(role, permission, mode)).toBe(allowed);
      });
    }
  }

  it('defaults to open viewing', () => {
    expect(can(null, 'view')).toBe(true);
    expect(can(null, 'import')).toBe(false);
  });
});

describe('isRole', () => {
  it.each([
    ['viewer', true],
    ['importer', true],
    ['admin', true],
    ['Admin', false],
    ['', false],
    [null, false],
    [3, false],
  ] as const)('%s → %s', (value, expected) => expect(isRole(value)).toBe(expected));
});

describe('viewModeFrom (HYOKA_VIEW)', () => {
  it.each([
    [undefined, 'open'],
    ['', 'open'],
    ['open', 'open'],
    ['login', 'login'],
    [' LOGIN ', 'login'],
    ['logins', 'open'],
  ] as const)('%s → %s', (value, expected) => expect(viewModeFrom(value)).toBe(expected));
});
