/** The words of the funding panel (財源の内訳) on the overview and the policy pages. */
import { defineText } from '@/app/lib/i18n';

export const FUNDING_TEXT = defineText({
  ja: {
    title: '財源の内訳（事業費）',
    caption:
      '事業費（人件費を除く）がどこから出ているか。評価シートは国庫支出金と都道府県支出金を「国・県支出金」の1欄にまとめています。割合は記載された財源と「内訳なし」の合計に対するもの。範囲や年度を選ぶとその表示に移動します。',
    sources: {
      nationalPrefectural: '国・県支出金',
      localBonds: '地方債',
      otherSpecific: 'その他特財',
      generalFunds: '一般財源',
      unexplained: '内訳なし',
    },
    facts: {
      projectCost: '事業費',
      generalFunds: '一般財源（市の自主財源）',
      generalFundsShare: (share: string) => `事業費の財源の${share}`,
      costPerCitizen: '市民1人当たりコスト',
      costPerCitizenNote: 'トータルコスト（事業費＋人件費）÷ 人口',
      generalFundsPerCitizen: 'うち一般財源 市民1人当たり',
      generalFundsPerCitizenNote: '一般財源 ÷ 人口（人件費の財源は評価シートに記載なし）',
      noPopulation: '人口未登録',
    },
    unexplained: (amount: string, none: string, short: string) =>
      `財源の内訳が事業費に満たない分 ${amount}を「内訳なし」として示しています（財源の記載がない事業 ${none}件、財源の合計が事業費より少ない事業 ${short}件）。配分し直したり一般財源とみなしたりはしていません。`,
    excess: (amount: string, n: string) =>
      `${n}件の事業で財源の合計が事業費を計${amount}上回っています（そのまま集計しています。データ品質のページで確認できます）。`,
    complete: '全事業で財源の合計が事業費と一致しています。',
    noCost: 'この範囲には事業費の記載がありません。',
    nowTitle: (year: string) => `${year}の財源の割合（全体と下の階層別）`,
    total: '全体',
    outsideTree: '政策体系外',
    directlyOnNode: 'この階層に直接属する事業',
    amountsTitle: '年度別の財源（金額と割合、この範囲の全体）',
    table: {
      scope: '範囲',
      mix: '構成',
      year: '年度',
      projectCost: '事業費',
      generalFundsPerCitizen: '一般財源 市民1人当たり',
      costPerCitizen: '市民1人当たりコスト',
    },
  },
  en: {
    title: 'Where the money comes from (project cost)',
    caption:
      'The sources of project cost (staff cost excluded). The sheets give national and prefectural disbursements as one column. Shares are of the stated sources plus “no breakdown”. Choose a scope or a year to go there.',
    sources: {
      nationalPrefectural: 'National / prefectural',
      localBonds: 'Local bonds',
      otherSpecific: 'Other specific',
      generalFunds: 'General funds',
      unexplained: 'No breakdown',
    },
    facts: {
      projectCost: 'Project cost',
      generalFunds: 'General funds (the city’s own money)',
      generalFundsShare: (share: string) => `${share} of the sources`,
      costPerCitizen: 'Cost per citizen',
      costPerCitizenNote: 'Total cost (project + staff) ÷ population',
      generalFundsPerCitizen: 'General funds per citizen',
      generalFundsPerCitizenNote: 'General funds ÷ population (sheets state no source for staff cost)',
      noPopulation: 'No population',
    },
    unexplained: (amount: string, none: string, short: string) =>
      `${amount} of project cost has no stated source and is shown as “no breakdown” (${none} projects state no source, ${short} state sources that add up to less than the cost). It is not redistributed or counted as general funds.`,
    excess: (amount: string, n: string) =>
      `In ${n} projects the stated sources exceed the project cost by ${amount} in all (summed as stated; see Data quality).`,
    complete: 'Every project’s sources add up to its project cost.',
    noCost: 'No project cost is stated in this scope.',
    nowTitle: (year: string) => `Shares of the sources in ${year} (all, and by the level below)`,
    total: 'All',
    outsideTree: 'Outside the policy tree',
    directlyOnNode: 'Projects directly on this node',
    amountsTitle: 'Sources by year (amounts and shares, the whole scope)',
    table: {
      scope: 'Scope',
      mix: 'Mix',
      year: 'Year',
      projectCost: 'Project cost',
      generalFundsPerCitizen: 'General funds per citizen',
      costPerCitizen: 'Cost per citizen',
    },
  },
});
