/**
 * Who may do what — the one place for Hyoka's role rules. Pure, so they are table-tested
 * (tests/unit/access.test.ts) and the server actions, route handlers, the header's navigation and
 * the proxy all ask the same function.
 *
 * - viewer:   reads the dashboard (when viewing needs a login at all, see `ViewMode`);
 * - importer: also imports, rolls back, downloads original files and edits settings;
 * - admin:    also manages users.
 */
export const ROLES = ['viewer', 'importer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = ['view', 'import', 'rollback', 'downloadOriginal', 'editSettings', 'manageUsers'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** `open`: anyone may read the dashboard; `login`: reading needs a logged-in user too. */
export type ViewMode = 'open' | 'login';

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['view'],
  importer: ['view', 'import', 'rollback', 'downloadOriginal', 'editSettings'],
  admin: PERMISSIONS,
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * May a person with `role` (null: not logged in) do `permission`? Unknown role strings (a row
 * edited by hand, a role from a later version) get nothing beyond what anonymous users get.
 */
export function can(role: string | null | undefined, permission: Permission, viewMode: ViewMode = 'open'): boolean {
  if (permission === 'view' && viewMode === 'open') return true;
  if (!isRole(role)) return false;
  return GRANTS[role].includes(permission);
}

/** `HYOKA_VIEW`: `login` makes viewing login-only; anything else (unset, `open`) keeps it open. */
export function viewModeFrom(value: string | undefined): ViewMode {
  return value?.trim().toLowerCase() === 'login' ? 'login' : 'open';
}
