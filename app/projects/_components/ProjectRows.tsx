'use client';

/**
 * The list's rows, drawn from compact figures formatted on the server. A client component so the
 * page's React Server Components payload carries each row as a short array of strings rather
 * than its whole markup a second time (the payload escapes every quote of it).
 */
import type { Band } from '@/db/domain/rating-scheme';

export interface CompactProjectRow {
  key: number;
  code: string;
  name: string;
  department: string;
  section: string | null;
  goal: string;
  measure: string | null;
  /** Total cost as shown, and its value for sorting checks (`data-value`). */
  cost: [string, string];
  costPerCitizen: string;
  /** The change as shown and its colour class (`up`, `down` or none). */
  change: [string, string];
  attainment: [string, string];
  /** Per criterion: band and text, or null (not rated). */
  grades: ([Band, string] | null)[];
}

export function ProjectRows({ rows, sheetQuery, notRated }: { rows: CompactProjectRow[]; sheetQuery: string; notRated: string }) {
  return rows.map((row) => (
    <tr key={row.key} data-code={row.code}>
      <td className="code">{row.code}</td>
      <td className="name">
        <a href={`/projects/${encodeURIComponent(row.code)}${sheetQuery}`}>{row.name}</a>
      </td>
      <td className="org" data-testid="cell-department">
        <span className="dept">{row.department}</span>
        {row.section && <span className="section">{row.section}</span>}
      </td>
      <td className="policy">
        <span className="goal">{row.goal}</span>
        {row.measure && <span className="measure">› {row.measure}</span>}
      </td>
      <td className="num" data-testid="cell-total-cost" data-value={row.cost[1]}>
        {row.cost[0]}
      </td>
      <td className="num">{row.costPerCitizen}</td>
      <td className={`num ${row.change[1]}`}>{row.change[0]}</td>
      <td className="num" data-testid="cell-attainment" data-value={row.attainment[1]}>
        {row.attainment[0]}
      </td>
      {row.grades.map((grade, i) => (
        <td key={i} className="rating-col">
          {grade ? <span className={`grade band-${grade[0]}`}>{grade[1]}</span> : <span className="grade grade-none">{notRated}</span>}
        </td>
      ))}
    </tr>
  ));
}
