/** The search page's words (app/search/page.tsx), Japanese first. */
import { defineText } from '@/app/lib/i18n';

export const SEARCH_TEXT = defineText({
  ja: {
    title: '検索',
    titleFor: (q: string) => `「${q}」の検索結果`,
    count: (n: string) => `${n}事業`,
    // More match than the search ranks (db/queries/search.ts SEARCH_RANK_CAP): say so and how to narrow.
    atLeast: (n: string) => `${n}件以上の事業が該当します。上位${n}件を表示しています（語句を加えると絞り込めます）。`,
    hint: 'すべての自治体・年度の事業名、目的、対象、事業内容、総評、指標名から探します。語句はスペースで区切るとすべてを含む事業に絞り込みます。',
    empty: '語句を入力してください。',
    none: '該当する事業はありません。語句を短くするか、別の言い方で試してください。',
    purpose: '目的',
    target: '対象',
    content: '事業内容',
    review: (year: string) => `総評（${year}）`,
    indicators: '指標',
    years: (from: string, to: string) => (from === to ? from : `${from}〜${to}`),
    pages: '検索結果のページ',
  },
  en: {
    title: 'Search',
    titleFor: (q: string) => `Results for “${q}”`,
    count: (n: string) => `${n} projects`,
    atLeast: (n: string) => `${n}+ projects match; the best ${n} are shown (add words to narrow the search).`,
    hint: 'Searches the name, purpose, target, content, review and indicator names of every project in every municipality and year. Several words separated by spaces must all appear.',
    empty: 'Type some words to search for.',
    none: 'No project matches. Try fewer or other words.',
    purpose: 'Purpose',
    target: 'Target',
    content: 'Content',
    review: (year: string) => `Review (${year})`,
    indicators: 'Indicators',
    years: (from: string, to: string) => (from === to ? from : `${from}–${to}`),
    pages: 'Search result pages',
  },
});
