'use server';
/** A user's own name and password; the role is checked by being logged in at all. */
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { currentUser, getAuth } from '@/app/lib/auth';
import { changeOwnPassword, renameUser, UserInputError } from '@/db/auth/users';
import { getDb } from '@/db/client';

const BACK = '/account';

function failed(error: unknown): never {
  if (!(error instanceof UserInputError)) throw error;
  redirect(`${BACK}?error=${encodeURIComponent(error.message.slice(0, 300))}`);
}

async function me() {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(BACK)}`);
  return user;
}

export async function renameAction(formData: FormData): Promise<void> {
  const user = await me();
  try {
    await renameUser(await getDb(), user.id, String(formData.get('name') ?? ''), user);
  } catch (error) {
    failed(error);
  }
  redirect(`${BACK}?saved=name`);
}

export async function changePasswordAction(formData: FormData): Promise<void> {
  const user = await me();
  try {
    await changeOwnPassword(await getAuth(), user, String(formData.get('current') ?? ''), String(formData.get('next') ?? ''), await headers());
  } catch (error) {
    failed(error);
  }
  redirect(`${BACK}?saved=password`);
}
