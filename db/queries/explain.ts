/**
 * The figures behind each project's one-line explanation (db/domain/explain.ts): its project
 * attainment, total cost and the municipality's population for every evaluated year up to the
 * year explained, from the same scope building blocks as the overview (db/queries/scope.ts), so
 * the sentence and the dashboard never disagree. The sheet and the watchlist both read this.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { explainProject, type ExplainYear } from '../domain/explain';
import { scopeCtes } from './scope';

export async function getExplanationYears(
  db: Db,
  municipalityId: number,
  fiscalYear: number,
  projectCodes: readonly string[],
): Promise<Map<string, ExplainYear[]>> {
  const result = new Map<string, ExplainYear[]>();
  if (projectCodes.length === 0) return result;
  const rows = await queryRows<{ code: string; fiscal_year: number; total_cost: string; attainment: number | null; population: number | null }>(
    db,
    sql`${scopeCtes({ municipalityId, projectCodes })}
    select p.code, ev.fiscal_year, ev.total_cost::text as total_cost, ev.attainment, mp.population
    from ev
    join projects p on p.id = ev.project_id
    left join municipality_populations mp on mp.municipality_id = ${municipalityId} and mp.fiscal_year = ev.fiscal_year
    where ev.fiscal_year <= ${fiscalYear}
    order by p.code, ev.fiscal_year`,
  );
  for (const r of rows) {
    const list = result.get(r.code) ?? [];
    list.push({
      fiscalYear: Number(r.fiscal_year),
      attainment: r.attainment === null ? null : Number(r.attainment),
      totalCost: Number(r.total_cost),
      population: r.population === null ? null : Number(r.population),
    });
    result.set(r.code, list);
  }
  return result;
}

/** Each project's sentence for `fiscalYear` (projects not evaluated that year get none). */
export async function getExplanations(
  db: Db,
  municipalityId: number,
  fiscalYear: number,
  projectCodes: readonly string[],
  locale: 'ja' | 'en',
): Promise<Map<string, string>> {
  const years = await getExplanationYears(db, municipalityId, fiscalYear, projectCodes);
  const sentences = new Map<string, string>();
  for (const [code, list] of years) {
    if (list.at(-1)?.fiscalYear !== fiscalYear) continue;
    const sentence = explainProject(list, locale);
    if (sentence) sentences.set(code, sentence);
  }
  return sentences;
}
