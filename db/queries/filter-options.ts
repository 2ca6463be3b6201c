/**
 * What a municipality's filter forms offer: its departments, its まちづくり目標 and the criteria
 * of its rating scheme (for table columns). Shared by pages that filter a list of projects.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';

/** Department names (部名) that have at least one project, in name order. */
export async function listDepartments(db: Db, municipalityId: number): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select d.name from departments d
        where d.municipality_id = ${municipalityId}
          and exists (select 1 from projects p where p.department_id = d.id)
        order by d.name`,
  );
  return rows.map((r) => r.name);
}

export interface GoalOption {
  /** The node's path, the filter's URL value (`1`). */
  path: string;
  number: string | null;
  name: string;
}

/** まちづくり目標 (policy level 1) in the plan's numeric order. */
export async function listGoals(db: Db, municipalityId: number): Promise<GoalOption[]> {
  return queryRows<{ path: string; number: string | null; name: string }>(
    db,
    sql`select path, number, name from policy_nodes
        where municipality_id = ${municipalityId} and level = 1
        order by nullif(regexp_replace(number, '\\D', '', 'g'), '')::int nulls last, path`,
  );
}

export type CriterionOption = {
  key: string;
  labelJa: string;
  labelEn: string;
};

/** The municipality's rating criteria (進捗状況, 実施水準, …) in the scheme's order. */
export async function listRatingCriteria(db: Db, municipalityId: number): Promise<CriterionOption[]> {
  return queryRows<CriterionOption>(
    db,
    sql`select c.key, c.label_ja as "labelJa", c.label_en as "labelEn"
        from rating_criteria c
        join rating_schemes s on s.id = c.scheme_id
        where s.municipality_id = ${municipalityId}
        order by c.position`,
  );
}
