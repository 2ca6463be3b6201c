/** The words of the mapping step started from a saved profile, Japanese first. */
import { defineText } from '@/app/lib/i18n';

export const FROM_PROFILE_TEXT = defineText({
  ja: {
    heading: (name: string, version: number, city: string) => `保存済みの取込設定「${name}」第${version}版（${city}）とほぼ同じ形式です`,
    lead: '見出しが変わった列があるため、自動では取り込みません。保存済みの設定の選択を初期値にしています。変わった列だけを確認して保存してください（新しい版になります）。',
    added: '新しい列（設定にない見出し）:',
    removed: 'なくなった列（このファイルにない見出し）:',
    none: '見出しの違いはありません',
    folded: (count: number, name: string, version: number) => `ほかの${count}列は取込設定「${name}」第${version}版と同じです。`,
    showAll: 'すべての列を表示',
  },
  en: {
    heading: (name: string, version: number, city: string) => `Nearly the layout of the saved profile “${name}” version ${version} (${city})`,
    lead: 'Some headers changed, so the file is not imported automatically. The saved profile’s choices are preselected: check the changed columns and save (a new version).',
    added: 'New columns (headers the profile does not have):',
    removed: 'Columns gone (headers this file does not have):',
    none: 'No header differs',
    folded: (count: number, name: string, version: number) => `The other ${count} columns are the same as profile “${name}” version ${version}.`,
    showAll: 'Show all columns',
  },
});
