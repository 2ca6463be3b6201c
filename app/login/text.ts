import { defineText } from '@/app/lib/i18n';
import type { Permission } from '@/db/domain/access';

export const LOGIN_TEXT = defineText({
  ja: {
    title: 'ログイン',
    lead: '取込・ロールバック・設定・利用者管理にはログインが必要です。',
    leadLoginOnly: 'このダッシュボードを見るにはログインしてください。',
    email: 'メールアドレス',
    password: 'パスワード',
    submit: 'ログイン',
    submitting: 'ログインしています…',
    wrong: 'メールアドレスまたはパスワードが違います。',
    tooMany: 'ログインの試行が多すぎます。1分ほど待ってからもう一度お試しください。',
    failed: 'ログインできませんでした（{status}）。もう一度お試しください。',
    denied: (what: string) => `${what}には「取込担当」または「管理者」の権限が必要です。権限のある利用者でログインしてください。`,
    deniedUsers: '利用者の管理には「管理者」の権限が必要です。管理者としてログインしてください。',
    loggedInAs: (name: string, role: string) => `${name}（${role}）としてログインしています。`,
    noAccount: '利用者は管理者が作成します。アカウントがない場合は管理者に依頼してください。',
    what: { import: 'CSVの取込', rollback: '取込のロールバック', downloadOriginal: '元ファイルのダウンロード', editSettings: '設定の変更', manageUsers: '利用者の管理', view: '閲覧' } satisfies Record<Permission, string>,
  },
  en: {
    title: 'Log in',
    lead: 'Importing, rolling back, settings and user management need a login.',
    leadLoginOnly: 'Log in to see this dashboard.',
    email: 'Email',
    password: 'Password',
    submit: 'Log in',
    submitting: 'Logging in…',
    wrong: 'Wrong email or password.',
    tooMany: 'Too many login attempts. Wait a minute and try again.',
    failed: 'Could not log in ({status}). Please try again.',
    denied: (what: string) => `${what} needs the Importer or Administrator role. Log in as a user who has it.`,
    deniedUsers: 'Managing users needs the Administrator role. Log in as an administrator.',
    loggedInAs: (name: string, role: string) => `Logged in as ${name} (${role}).`,
    noAccount: 'Users are created by an administrator. Ask one if you have no account.',
    what: { import: 'Importing CSV files', rollback: 'Rolling back an import', downloadOriginal: 'Downloading original files', editSettings: 'Changing settings', manageUsers: 'Managing users', view: 'Viewing' } satisfies Record<Permission, string>,
  },
});
