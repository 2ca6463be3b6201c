/**
 * Municipality settings: the population per fiscal year that cost per citizen divides by.
 * Populations usually arrive with the import (a 人口 column); where a city's export has none,
 * staff type them in here. Each figure remembers its source: an import batch, or `settings`.
 */
import { recordActivity, type Actor } from '../activity';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { municipalityPopulations } from '../schema';

export const SETTINGS_SOURCE = 'settings';

export interface PopulationYear {
  fiscalYear: number;
  population: number | null;
  /** `settings`, `import:<batch id>`, or null when unknown. */
  source: string | null;
  /** Projects evaluated that year: the years a population matters for. */
  evaluations: number;
}

export interface MunicipalityPopulations {
  id: number;
  code: string;
  name: string;
  years: PopulationYear[];
}

/** Every municipality with each year it has evaluations or a population for, oldest first. */
export async function listMunicipalityPopulations(db: Db): Promise<MunicipalityPopulations[]> {
  const rows = await queryRows<{
    id: number;
    code: string;
    name: string;
    fiscal_year: number | null;
    population: number | null;
    source: string | null;
    evaluations: number;
  }>(
    db,
    sql`
    with years as (
      select p.municipality_id, e.fiscal_year, count(*)::int as evaluations
      from evaluations e join projects p on p.id = e.project_id
      group by p.municipality_id, e.fiscal_year
      union all
      select municipality_id, fiscal_year, 0 from municipality_populations
    ),
    merged as (
      select municipality_id, fiscal_year, max(evaluations)::int as evaluations from years group by 1, 2
    )
    select m.id::int as id, m.code, m.name, y.fiscal_year::int as fiscal_year,
           mp.population::int as population, mp.source, coalesce(y.evaluations, 0)::int as evaluations
    from municipalities m
    left join merged y on y.municipality_id = m.id
    left join municipality_populations mp on mp.municipality_id = m.id and mp.fiscal_year = y.fiscal_year
    order by m.code, y.fiscal_year`,
  );
  const out = new Map<number, MunicipalityPopulations>();
  for (const r of rows) {
    let m = out.get(r.id);
    if (!m) out.set(r.id, (m = { id: r.id, code: r.code, name: r.name, years: [] }));
    if (r.fiscal_year !== null) {
      m.years.push({ fiscalYear: r.fiscal_year, population: r.population, source: r.source, evaluations: r.evaluations });
    }
  }
  return [...out.values()];
}

/**
 * Sets (or, with null, forgets) populations typed in by hand. Only changed figures are written,
 * so an unchanged imported population keeps its import as its source.
 */
/** `actor`: who saves (logged with each change); none from scripts and tests. */
export async function savePopulations(
  db: Db,
  municipalityId: number,
  entries: { fiscalYear: number; population: number | null }[],
  actor?: Actor,
): Promise<number> {
  return db.transaction(async (tx) => {
    let changed = 0;
    const changes: { fiscalYear: number; from: number | null; to: number | null }[] = [];
    for (const { fiscalYear, population } of entries) {
      const where = and(eq(municipalityPopulations.municipalityId, municipalityId), eq(municipalityPopulations.fiscalYear, fiscalYear));
      const [current] = await tx.select().from(municipalityPopulations).where(where);
      if ((current?.population ?? null) === population) continue;
      changed++;
      changes.push({ fiscalYear, from: current?.population ?? null, to: population });
      if (population === null) {
        await tx.delete(municipalityPopulations).where(where);
      } else {
        await tx
          .insert(municipalityPopulations)
          .values({ municipalityId, fiscalYear, population, source: SETTINGS_SOURCE })
          .onConflictDoUpdate({
            target: [municipalityPopulations.municipalityId, municipalityPopulations.fiscalYear],
            set: { population, source: SETTINGS_SOURCE },
          });
      }
    }
    if (actor && changes.length > 0) await recordActivity(tx, { kind: 'settings.populations', actor, detail: { municipalityId, changes } });
    return changed;
  });
}
