/**
 * 他自治体の類似事業: projects of other municipalities in the same policy area (a node of the same
 * level and name) most alike in name, with their cost per citizen and attainment next to this
 * project's own, for the sheet's 実施水準 (level compared with other cities) judgement.
 */
import { formatPercent, formatThousandYen, formatYearIn, formatYen } from '@/app/lib/format';
import { defineText, pick, type Locale } from '@/app/lib/i18n';
import { href } from '@/app/lib/search-params';
import type { SimilarProjects } from '@/db/queries/compare';

const TEXT = defineText({
  ja: {
    title: '他自治体の類似事業',
    caption: (area: string, year: string, method: string) => `同じ政策（${area}）にある他自治体の事業のうち、事業名が似ているもの（${year}、${method}）。`,
    methods: { trigram: '類似度は pg_trgm のトライグラム', bigram: '類似度は文字2-gramの一致率（Dice係数）' },
    none: '同じ名称の政策を持つ他自治体に、似た事業は見つかりませんでした。',
    noArea: 'この事業は政策体系に位置づけられていないため、他自治体と対応づけられません。',
    thisProject: 'この事業',
    municipality: '自治体',
    project: '事業',
    similarity: '類似度',
    totalCost: 'トータルコスト',
    costPerCitizen: '市民1人当たりコスト',
    attainment: '達成率',
    populationUnknown: '人口不明',
    compareLink: 'この政策を他自治体と比較 →',
  },
  en: {
    title: 'Similar projects in other municipalities',
    caption: (area: string, year: string, method: string) =>
      `Projects of other municipalities under the same policy node (${area}) with the most alike names (${year}; ${method}).`,
    methods: { trigram: 'similarity by pg_trgm trigrams', bigram: 'similarity by shared character bigrams (Dice)' },
    none: 'No similar project found in municipalities with a node of the same name.',
    noArea: 'This project sits outside the policy tree, so it cannot be matched with other municipalities.',
    thisProject: 'This project',
    municipality: 'Municipality',
    project: 'Project',
    similarity: 'Similarity',
    totalCost: 'Total cost',
    costPerCitizen: 'Cost per citizen',
    attainment: 'Attainment',
    populationUnknown: 'population unknown',
    compareLink: 'Compare this policy across municipalities →',
  },
});

export interface OwnFigures {
  municipalityName: string;
  totalCost: string | null;
  costPerCitizen: number | null;
  attainment: number | null;
}

export function SimilarSection({
  similar,
  own,
  compareHref,
  locale,
}: {
  similar: SimilarProjects;
  own: OwnFigures;
  compareHref: string | null;
  locale: Locale;
}) {
  const t = pick(TEXT, locale);
  return (
    <section className="panel sheet-similar" aria-labelledby="similar" data-testid="similar-projects">
      <h2 id="similar">{t.title}</h2>
      {similar.nodeName === null || similar.fiscalYear === null ? (
        <p className="caption">{t.noArea}</p>
      ) : (
        <>
          <p className="caption">{t.caption(similar.nodeName, formatYearIn(similar.fiscalYear, locale), t.methods[similar.method])}</p>
          {similar.projects.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <div className="table-scroll" tabIndex={0}>
              <table className="sheet-table similar-table">
                <thead>
                  <tr>
                    <th>{t.municipality}</th>
                    <th>{t.project}</th>
                    <th className="num">{t.similarity}</th>
                    <th className="num">{t.totalCost}</th>
                    <th className="num">{t.costPerCitizen}</th>
                    <th className="num">{t.attainment}</th>
                  </tr>
                </thead>
                <tbody>
                  <tr className="own-row">
                    <td>{own.municipalityName}</td>
                    <td>{t.thisProject}</td>
                    <td className="num">—</td>
                    <td className="num">{formatThousandYen(own.totalCost)}</td>
                    <td className="num">{formatYen(own.costPerCitizen)}</td>
                    <td className="num">{formatPercent(own.attainment)}</td>
                  </tr>
                  {similar.projects.map((p) => (
                    <tr key={`${p.municipality.code}/${p.code}`} data-testid="similar-row" data-municipality={p.municipality.code} data-code={p.code}>
                      <td>{p.municipality.name}</td>
                      <td>
                        <a href={href(`/projects/${encodeURIComponent(p.code)}`, { municipality: p.municipality.code })}>
                          <span className="similar-code">{p.code}</span> {p.name}
                        </a>
                      </td>
                      <td className="num">{p.similarity.toFixed(2)}</td>
                      <td className="num">{formatThousandYen(p.totalCost)}</td>
                      <td className="num">{p.costPerCitizen === null ? t.populationUnknown : formatYen(p.costPerCitizen)}</td>
                      <td className="num">{formatPercent(p.attainment)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {compareHref && (
            <p>
              <a href={compareHref}>{t.compareLink}</a>
            </p>
          )}
        </>
      )}
    </section>
  );
}
