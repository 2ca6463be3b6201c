import type { ReactNode } from 'react';
import { requirePermission } from '@/app/lib/auth';

/** Settings change what every figure divides by: importers and admins only. */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  await requirePermission('editSettings', '/settings');
  return children;
}
