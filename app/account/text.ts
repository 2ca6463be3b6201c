import { defineText } from '@/app/lib/i18n';

export const ACCOUNT_TEXT = defineText({
  ja: {
    title: 'アカウント',
    name: '氏名',
    nameHint: '1〜50文字。取込の履歴や操作の記録に表示されます。',
    saveName: '氏名を変更する',
    password: 'パスワードの変更',
    current: '現在のパスワード',
    next: '新しいパスワード（10文字以上、推測されにくいもの）',
    savePassword: 'パスワードを変更する',
    nameSaved: '氏名を変更しました。',
    passwordSaved: 'パスワードを変更しました。ほかの端末のログインは終了しました。',
    error: (detail: string) => `できませんでした: ${detail}`,
  },
  en: {
    title: 'Account',
    name: 'Name',
    nameHint: '1–50 characters. Shown in the import history and the activity log.',
    saveName: 'Change name',
    password: 'Change password',
    current: 'Current password',
    next: 'New password (10 characters or more, hard to guess)',
    savePassword: 'Change password',
    nameSaved: 'Your name was changed.',
    passwordSaved: 'Your password was changed. Your other sessions were logged out.',
    error: (detail: string) => `Not done: ${detail}`,
  },
});
