/**
 * The listed projects, worst first. A table on screens and paper; on a phone each row becomes a
 * card (each cell shows its column name, set once on the table: cardLabels).
 */
import { listGradeText } from '@/app/projects/_components/list-grade';
import { formatChange, formatPercent, formatThousandYen, formatYearShort } from '@/app/lib/format';
import { pick, type Locale } from '@/app/lib/i18n';
import type { WatchlistRow } from '@/db/queries/watchlist';
import { WATCHLIST_TEXT } from './text';
import { trippedRules, type CriterionLabel } from './tripped-rules';
import { WatchRows } from './WatchRows';

/** Most columns a card labels (watchlist.css reads `--l1` … `--l16` in the cells' `::before`). */
const LABELLED_COLUMNS = 16;

/**
 * The column names as CSS strings on the table, once: on a phone each cell shows its column's
 * name from these instead of an attribute repeated in every cell of every row.
 */
export function cardLabels(labels: string[]): Record<string, string> {
  return Object.fromEntries(labels.slice(0, LABELLED_COLUMNS).map((label, i) => [`--l${i + 1}`, JSON.stringify(label)]));
}

export function WatchTable({
  rows,
  explanations,
  criteria,
  municipalityCode,
  fiscalYear,
  locale,
}: {
  rows: WatchlistRow[];
  /** Each project's one-line explanation (db/domain/explain.ts), by code. */
  explanations: Map<string, string>;
  criteria: CriterionLabel[];
  municipalityCode: string;
  fiscalYear: number;
  locale: Locale;
}) {
  const t = pick(WATCHLIST_TEXT, locale);
  const c = t.columns;
  if (rows.length === 0) return <p className="empty">{t.none}</p>;
  const criterionLabel = (x: CriterionLabel) => (locale === 'ja' ? x.labelJa : x.labelEn);
  const labels = [
    c.severity,
    c.code,
    c.name,
    c.organisation,
    c.goal,
    c.totalCost,
    c.costChange,
    c.attainment,
    c.previousAttainmentLong,
    ...criteria.map(criterionLabel),
    c.rules,
  ];
  return (
    // The scheme's columns scroll inside the list's box, never the whole page.
    <div className="watch-scroll">
      <table className="data watch-table" id="watch-list" data-testid="watch-table" style={cardLabels(labels)}>
        <thead>
          <tr>
            <th className="num">{c.severity}</th>
            <th>{c.code}</th>
            <th>{c.name}</th>
            <th>{c.organisation}</th>
            <th>{c.goal}</th>
            <th className="num">{c.totalCost}</th>
            <th className="num">{c.costChange}</th>
            <th className="num">
              {c.attainment}
              <small>{formatYearShort(fiscalYear)}</small>
            </th>
            <th className="num">
              {c.previousAttainment}
              <small>{formatYearShort(fiscalYear - 1)}</small>
            </th>
            {criteria.map((x) => (
              <th key={x.key} className="grade-col">
                {criterionLabel(x)}
              </th>
            ))}
            <th>{c.rules}</th>
          </tr>
        </thead>
        <tbody>
          <WatchRows
            rows={rows.map((row) => ({
              severity: row.severity,
              code: row.projectCode,
              name: row.projectName,
              explanation: explanations.get(row.projectCode) ?? null,
              department: row.department ?? '—',
              section: row.section,
              goal: row.goalName ? `${row.goalNumber ?? ''} ${row.goalName}`.trim() : t.outsidePolicy,
              totalCost: formatThousandYen(row.totalCost),
              costChange: [formatChange(row.costChange), row.tripped.includes('costUp')],
              attainment: [formatPercent(row.attainment), row.tripped.includes('attainment')],
              previousAttainment: formatPercent(row.previousAttainment),
              grades: criteria.map((x) => {
                const grade = row.grades.find((g) => g.criterionKey === x.key);
                return grade ? [grade.band, listGradeText(grade, locale)] : null;
              }),
              tripped: trippedRules(row, criteria, locale).map((r) => [r.key, r.weight, r.label, r.value ?? null]),
            }))}
            sheetQuery={`?municipality=${encodeURIComponent(municipalityCode)}`}
          />
        </tbody>
      </table>
    </div>
  );
}
