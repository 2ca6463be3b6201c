/**
 * The data-quality report (/quality): every evaluation of one municipality and fiscal year whose
 * stated figures disagree with each other or with the year before, one row per finding. The
 * checks are defined in db/domain/quality-checks.ts; the tolerances are the import's
 * (db/domain/consistency.ts). The page, its counts and the CSV export all read `getQualityReport`.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { unitCostBaseSql, unitCostDisagreesSql } from '../domain/consistency';
import { QUALITY_CHECK_KEYS, type CityPractice, type FindingFacts, type QualityCheckKey } from '../domain/quality-checks';

export interface QualityScope {
  municipalityId: number;
  fiscalYear: number;
  /** 部名; undefined = every department. */
  department?: string;
  /** One check only; undefined = all. */
  check?: QualityCheckKey;
}

export interface QualityFinding extends FindingFacts {
  projectCode: string;
  projectName: string;
  department: string | null;
  section: string | null;
}

/** Findings per page of the report page (the CSV export lists every finding). */
export const QUALITY_PAGE_SIZE = 50;

export interface QualityReport {
  /** Department, then project code, then check order: every finding, or one page's when a page was asked for. */
  findings: QualityFinding[];
  /** Findings listed (check filter applied), over every page. */
  listedCount: number;
  /** The page shown (clamped to the last one) and how many there are; 1 and 1 without paging. */
  page: number;
  pageCount: number;
  /** Findings per check in the municipality and year (department filter applied, check filter not). */
  counts: Record<QualityCheckKey, number>;
  /** Evaluations in scope (department filter applied) and how many have a listed finding. */
  evaluatedCount: number;
  affectedCount: number;
  /** What the whole city does that would otherwise be a finding on every row (not counted in `counts`). */
  practices: CityPractice[];
}

/** A 千円 sum of the parts a sheet states (null when it states none), and how many it states. */
function statedSum(parts: SQL[]): { sum: SQL; count: SQL } {
  return {
    sum: sql`(${sql.join(
      parts.map((p) => sql`coalesce(${p}, 0)`),
      sql` + `,
    )})`,
    count: sql`(${sql.join(
      parts.map((p) => sql`(case when ${p} is null then 0 else 1 end)`),
      sql` + `,
    )})`,
  };
}

function findingsSql(scope: QualityScope): SQL {
  const { municipalityId, fiscalYear } = scope;
  const department = scope.department === undefined ? sql`true` : sql`d.name = ${scope.department}`;
  const sources = statedSum([sql`e.national_prefectural`, sql`e.local_bonds`, sql`e.other_specific`, sql`e.general_funds`]);
  // As the import checks it: the stated 人件費, else the sum of its parts (when any is stated).
  const staff = sql`coalesce(e.staff_cost, case when e.regular_staff_cost is null and e.other_staff_cost is null then null
                     else coalesce(e.regular_staff_cost, 0) + coalesce(e.other_staff_cost, 0) end)`;
  const base = unitCostBaseSql(sql`e.total_cost_stated`, sql`e.project_cost`, sql`e.staff_cost`);
  const none = sql`null::text`;
  return sql`
    cur as (
      select e.*, p.code as project_code, p.name as project_name, d.name as department, s.name as section
      from evaluations e
      join projects p on p.id = e.project_id
      left join departments d on d.id = p.department_id
      left join sections s on s.id = p.section_id
      where p.municipality_id = ${municipalityId} and e.fiscal_year = ${fiscalYear} and ${department}
    ),
    values_now as (
      select cur.id as evaluation_id, i.id as indicator_id, i.position, i.name, i.cumulative, v.target, v.actual, v.unit
      from cur
      join indicators i on i.project_id = cur.project_id
      join indicator_values v on v.indicator_id = i.id and v.fiscal_year = cur.fiscal_year
    ),
    -- A city's practice is one line, not a finding per row (practicesSql): no target anywhere
    -- in the city-year, or a criterion no project of the city-year is graded on.
    city_values as (
      select v.target, v.actual
      from evaluations e
      join projects p on p.id = e.project_id
      join indicators i on i.project_id = e.project_id
      join indicator_values v on v.indicator_id = i.id and v.fiscal_year = e.fiscal_year
      where p.municipality_id = ${municipalityId} and e.fiscal_year = ${fiscalYear}
    ),
    no_targets as (select not exists (select 1 from city_values where target is not null) as city),
    graded as (
      select distinct r.criterion_id
      from evaluations e
      join projects p on p.id = e.project_id
      join ratings r on r.evaluation_id = e.id
      where p.municipality_id = ${municipalityId} and e.fiscal_year = ${fiscalYear} and r.grade_id is not null
    ),
    ungraded as (
      select c.id, c.position, c.label_ja, c.label_en
      from rating_criteria c
      join rating_schemes rs on rs.id = c.scheme_id and rs.municipality_id = ${municipalityId}
      where c.id not in (select criterion_id from graded)
    ),
    findings as (
      select e.id as evaluation_id, 'sources' as check_key, 0 as position, ${none} as indicator,
             e.project_cost::text as stated, ${sources.sum}::text as expected,
             null::int as previous_year, ${none} as previous, ${none} as current, null::text as missing
      from cur e
      where e.project_cost is not null and ${sources.count} > 0 and ${sources.sum} <> e.project_cost
      union all
      select e.id, 'total', 0, ${none}, e.total_cost_stated::text, (e.project_cost + ${staff})::text, null, ${none}, ${none}, null
      from cur e
      where e.total_cost_stated is not null and (e.project_cost is not null or ${staff} is not null)
        and coalesce(e.project_cost, 0) + coalesce(${staff}, 0) <> e.total_cost_stated
      union all
      select e.id, 'unitCost', 0, ${none}, e.unit_cost_stated_yen::text,
             round(${base} * 1000 / e.target_count)::text, null, ${none}, ${none}, null
      from cur e
      where e.unit_cost_stated_yen is not null and e.target_count is not null
        and ${unitCostDisagreesSql(sql`e.unit_cost_stated_yen`, base, sql`e.target_count`)}
      union all
      select v.evaluation_id, 'noTarget', v.position, v.name, ${none}, ${none}, null, ${none}, v.actual::text, null
      from values_now v
      where v.actual is not null and v.target is null and not (select city from no_targets)
      union all
      select e.id, 'notRated', 0, ${none}, ${none}, ${none}, null, ${none}, ${none}, m.missing
      from cur e
      cross join lateral (
        select json_agg(json_build_object('ja', c.label_ja, 'en', c.label_en) order by c.position)::text as missing
        from rating_criteria c
        join rating_schemes rs on rs.id = c.scheme_id and rs.municipality_id = ${municipalityId}
        where not exists (select 1 from ratings r where r.evaluation_id = e.id and r.criterion_id = c.id and r.grade_id is not null)
          and c.id not in (select id from ungraded)
      ) m
      where m.missing is not null
      union all
      select v.evaluation_id, 'unitChanged', v.position, v.name, ${none}, ${none}, prev.fiscal_year, prev.unit, v.unit, null
      from values_now v
      cross join lateral (
        select pv.fiscal_year::int as fiscal_year, pv.unit from indicator_values pv
        where pv.indicator_id = v.indicator_id and pv.fiscal_year < ${fiscalYear} and pv.unit is not null
        order by pv.fiscal_year desc limit 1
      ) prev
      where v.unit is not null and prev.unit <> v.unit
      union all
      select v.evaluation_id, 'cumulativeDown', v.position, v.name, ${none}, ${none}, prev.fiscal_year, prev.actual::text, v.actual::text, null
      from values_now v
      cross join lateral (
        select pv.fiscal_year::int as fiscal_year, pv.actual from indicator_values pv
        where pv.indicator_id = v.indicator_id and pv.fiscal_year < ${fiscalYear} and pv.actual is not null
        order by pv.fiscal_year desc limit 1
      ) prev
      where v.cumulative and v.actual is not null and v.actual < prev.actual
    )`;
}

const CHECK_ORDER = sql.raw(`array_position(array[${QUALITY_CHECK_KEYS.map((k) => `'${k}'`).join(', ')}]::text[], f.check_key)`);

/**
 * The report: counts over every finding in scope and the findings listed, all of them or, with
 * `paging`, one page's (the counts need every finding, so the query reads them all either way).
 */
export async function getQualityReport(db: Db, scope: QualityScope, paging?: { page: number; pageSize?: number }): Promise<QualityReport> {
  // One pass over the findings: the counts per check come from the same rows the page lists.
  const [rows, totals, practices] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`with ${findingsSql(scope)}
      select f.*, e.project_code, e.project_name, e.department, e.section
      from findings f join cur e on e.id = f.evaluation_id
      order by e.department collate "C" nulls last, e.project_code collate "C", ${CHECK_ORDER}, f.position`,
    ),
    queryRows<{ evaluated: number }>(
      db,
      sql`select count(*)::int as evaluated
          from evaluations e join projects p on p.id = e.project_id left join departments d on d.id = p.department_id
          where p.municipality_id = ${scope.municipalityId} and e.fiscal_year = ${scope.fiscalYear}
            and ${scope.department === undefined ? sql`true` : sql`d.name = ${scope.department}`}`,
    ),
    cityPractices(db, scope),
  ]);
  const all = rows.map((r) => ({ ...toFinding(r), evaluationId: Number(r.evaluation_id) }));
  const counts = Object.fromEntries(QUALITY_CHECK_KEYS.map((k) => [k, all.filter((f) => f.check === k).length])) as Record<QualityCheckKey, number>;
  const listed = scope.check === undefined ? all : all.filter((f) => f.check === scope.check);
  const pageSize = paging?.pageSize ?? QUALITY_PAGE_SIZE;
  const pageCount = paging ? Math.max(1, Math.ceil(listed.length / pageSize)) : 1;
  const page = paging ? Math.min(Math.max(1, Math.floor(paging.page)), pageCount) : 1;
  const shown = paging ? listed.slice((page - 1) * pageSize, page * pageSize) : listed;
  return {
    findings: shown.map(({ evaluationId: _, ...f }) => f),
    listedCount: listed.length,
    page,
    pageCount,
    counts,
    evaluatedCount: totals[0]?.evaluated ?? 0,
    affectedCount: new Set(listed.map((f) => f.evaluationId)).size,
    practices,
  };
}

/** The city's practices in the municipality and year (whatever the department filter). */
async function cityPractices(db: Db, scope: QualityScope): Promise<CityPractice[]> {
  const [row] = await queryRows<{ no_targets: boolean; actual_only: number; ungraded: string | null; criteria: number; evaluated: number }>(
    db,
    sql`with ${findingsSql({ municipalityId: scope.municipalityId, fiscalYear: scope.fiscalYear })}
    select (select city from no_targets) as no_targets,
           (select count(*)::int from city_values where actual is not null and target is null) as actual_only,
           (select json_agg(json_build_object('ja', label_ja, 'en', label_en) order by position)::text from ungraded) as ungraded,
           (select count(*)::int from rating_criteria c join rating_schemes rs on rs.id = c.scheme_id
             where rs.municipality_id = ${scope.municipalityId}) as criteria,
           (select count(*)::int from evaluations e join projects p on p.id = e.project_id
             where p.municipality_id = ${scope.municipalityId} and e.fiscal_year = ${scope.fiscalYear}) as evaluated`,
  );
  if (!row || row.evaluated === 0) return [];
  const practices: CityPractice[] = [];
  if (row.no_targets && row.actual_only > 0) practices.push({ check: 'noTarget', count: row.actual_only, criteria: [] });
  const ungraded = row.ungraded ? (JSON.parse(row.ungraded) as { ja: string; en: string }[]) : [];
  if (ungraded.length > 0) {
    practices.push({ check: 'notRated', count: row.evaluated, criteria: ungraded.length === row.criteria ? [] : ungraded });
  }
  return practices;
}

/** The overview's card: findings and affected evaluations in a municipality and year. */
export async function getQualityCounts(db: Db, municipalityId: number, fiscalYear: number): Promise<{ findings: number; affected: number }> {
  const [row] = await queryRows<{ findings: number; affected: number }>(
    db,
    sql`with ${findingsSql({ municipalityId, fiscalYear })}
    select count(*)::int as findings, count(distinct evaluation_id)::int as affected from findings`,
  );
  return { findings: row?.findings ?? 0, affected: row?.affected ?? 0 };
}

function toFinding(r: Record<string, unknown>): QualityFinding {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    check: r.check_key as QualityCheckKey,
    projectCode: r.project_code as string,
    projectName: r.project_name as string,
    department: text(r.department),
    section: text(r.section),
    indicator: text(r.indicator),
    stated: text(r.stated),
    expected: text(r.expected),
    previousYear: r.previous_year === null || r.previous_year === undefined ? null : Number(r.previous_year),
    previous: text(r.previous),
    current: text(r.current),
    // Read as text and parsed here: the two drivers disagree on whether json arrives parsed.
    missing: r.missing ? (JSON.parse(r.missing as string) as { ja: string; en: string }[]) : [],
  };
}
