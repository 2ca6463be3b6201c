import type { ReactNode } from 'react';
import { requirePermission } from '@/app/lib/auth';
import '@/app/styles/imports.css';

/** The whole import area (upload, history, reports, originals) is for importers and admins. */
export default async function ImportsLayout({ children }: { children: ReactNode }) {
  await requirePermission('import', '/imports');
  return children;
}
