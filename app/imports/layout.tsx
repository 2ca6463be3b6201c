import type { ReactNode } from 'react';
import '@/app/styles/imports.css';

export default function ImportsLayout({ children }: { children: ReactNode }) {
  return children;
}
