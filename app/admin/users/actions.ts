'use server';
/**
 * Admin-only: create a user, change a role. Checked here (requirePermission) and again by
 * better-auth's admin plugin, which receives the admin's own request headers.
 */
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getAuth, requirePermission } from '@/app/lib/auth';
import { createUser, newUserSchema, resetPassword, setUserRole } from '@/db/auth/users';
import { isRole } from '@/db/domain/access';

const BACK = '/admin/users';
const SELF_ROLE = '自分の役割は変更できません / you cannot change your own role';

function failed(detail: string): never {
  redirect(`${BACK}?error=${encodeURIComponent(detail.slice(0, 200))}`);
}

export async function createUserAction(formData: FormData): Promise<void> {
  const me = await requirePermission('manageUsers', BACK);
  const parsed = newUserSchema.safeParse({
    email: String(formData.get('email') ?? ''),
    name: String(formData.get('name') ?? ''),
    password: String(formData.get('password') ?? ''),
    role: String(formData.get('role') ?? ''),
  });
  if (!parsed.success) failed(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  try {
    await createUser(await getAuth(), parsed.data, await headers(), me);
  } catch (error) {
    failed((error as Error).message);
  }
  redirect(`${BACK}?created=${encodeURIComponent(parsed.data.name)}`);
}

export async function setRoleAction(formData: FormData): Promise<void> {
  const me = await requirePermission('manageUsers', BACK);
  const userId = String(formData.get('userId') ?? '');
  const role = String(formData.get('role') ?? '');
  const name = String(formData.get('name') ?? '');
  if (!userId || !isRole(role)) failed('role');
  // Changing one's own role could leave the city with no admin; another admin can do it.
  if (userId === me.id) failed(SELF_ROLE);
  try {
    await setUserRole(await getAuth(), userId, role, await headers(), me);
  } catch (error) {
    failed((error as Error).message);
  }
  redirect(`${BACK}?saved=${encodeURIComponent(name)}`);
}

/** Sets another user's password (they are logged out everywhere); one's own is changed on /account. */
export async function resetPasswordAction(formData: FormData): Promise<void> {
  const me = await requirePermission('manageUsers', BACK);
  const userId = String(formData.get('userId') ?? '');
  const name = String(formData.get('name') ?? '');
  if (!userId) failed('user');
  if (userId === me.id) failed('自分のパスワードはアカウントのページで変更してください / change your own password on /account');
  try {
    await resetPassword(await getAuth(), userId, String(formData.get('password') ?? ''), await headers(), me);
  } catch (error) {
    failed((error as Error).message);
  }
  redirect(`${BACK}?reset=${encodeURIComponent(name)}`);
}
