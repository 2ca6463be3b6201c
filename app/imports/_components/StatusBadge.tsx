import type { ImportStatus } from '@/db/queries/imports';
import type { ImportText } from '../_lib/text';

export function StatusBadge({ status, text }: { status: ImportStatus; text: ImportText['status'] }) {
  return <span className={`status status-${status.replace('_', '-')}`}>{text[status]}</span>;
}

/** Who, as stored: a logged-in user's name, or a word for older rows ('local user', 'demo'…). */
export function userLabel(name: string, users: Record<string, string>): string {
  return users[name] ?? name;
}
