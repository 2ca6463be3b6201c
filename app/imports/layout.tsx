import type { ReactNode } from 'react';
import '@/app/styles/imports.css';

/**
 * The import area (upload, history, reports, originals) is for importers and admins: each page,
 * route and action checks that itself — a layout's redirect would still stream the page below it.
 */
export default function ImportsLayout({ children }: { children: ReactNode }) {
  return children;
}
