/**
 * The cross-municipality benchmark (/compare): one policy node's figures in every municipality
 * side by side, and, for one project, the most alike projects of other municipalities.
 *
 * Correspondence: plans differ from city to city (a まちづくり目標 numbered 1 in one city is 2 in
 * the next), so nodes are matched by level and name — the same 政策体系 level with the same name,
 * ignoring spaces — never by number. A municipality without such a node shows "no matching node".
 *
 * Every figure is the overview's (`scopeFigures` over the node's subtree in each municipality),
 * so a municipality's row here reads the same as its own policy page. Grades are compared by
 * their common band (good / middle / poor / not comparable), since cities grade differently.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { BANDS, type Band } from '../domain/rating-scheme';
import { costPerCitizenYen } from '../domain/metrics';
import { rank } from '../domain/ranking';
import { bigramSimilarity, type SimilarityMethod } from '../domain/similarity';
import { policyOrderSql, scopeCtes, scopeFigures, type ScopeFigures } from './scope';

export interface CompareNode {
  level: number;
  number: string | null;
  name: string;
  path: string;
}

/** Every node of a municipality's plan (levels 1–4), in plan order, for the node picker. */
export async function listPlanNodes(db: Db, municipalityId: number): Promise<CompareNode[]> {
  const rows = await queryRows<{ level: number; number: string | null; name: string; path: string }>(
    db,
    sql`with recursive walk as (
          select id, level, number, name, path, array[${policyOrderKey('n')}] as sort_key
          from policy_nodes n where municipality_id = ${municipalityId} and level = 1
          union all
          select c.id, c.level, c.number, c.name, c.path, w.sort_key || ${policyOrderKey('c')}
          from policy_nodes c join walk w on c.parent_id = w.id
        )
        select level, number, name, path from walk order by sort_key`,
  );
  return rows.map((r) => ({ ...r, level: Number(r.level) }));
}

/** A sortable text key for plan order within siblings (number first, 2 before 10, then path). */
function policyOrderKey(alias: string) {
  const a = sql.raw(alias);
  return sql`lpad(coalesce(nullif(regexp_replace(coalesce(${a}.number, ''), '\\D', '', 'g'), ''), '999999'), 6, '0') || ${a}.path`;
}

export type BandCounts = Record<Band | 'not_rated', number>;

export interface CriterionMix {
  key: string;
  labelJa: string;
  labelEn: string;
  counts: BandCounts;
}

export interface MunicipalityComparison {
  municipality: { id: number; code: string; name: string };
  /** The matching node in this municipality (null: the whole municipality was asked for). */
  node: CompareNode | null;
  /** False when a node was asked for and this municipality has none of that level and name. */
  matched: boolean;
  figures: ScopeFigures | null;
  ratingMix: CriterionMix[];
  /** 1 = best among the municipalities with the figure; null without it. */
  rank: { costPerCitizen: number | null; medianAttainment: number | null; effectivenessGood: number | null };
  /** Share of evaluations graded in the good band on 有効性 (of those graded), null without grades. */
  effectivenessGoodShare: number | null;
}

export interface Comparison {
  /** The node in the chosen municipality (null: whole municipalities). */
  source: CompareNode | null;
  rows: MunicipalityComparison[];
}

const EFFECTIVENESS = 'effectiveness';

/**
 * One policy node (by path in `municipalityId`'s plan; null for whole municipalities) and fiscal
 * year, in every municipality: figures, rating mixes by band, ranks.
 */
export async function getComparison(db: Db, municipalityId: number, fiscalYear: number, policyPath: string | null): Promise<Comparison | null> {
  const matches = await queryRows<{
    id: number;
    code: string;
    name: string;
    level: number | null;
    number: string | null;
    node_name: string | null;
    path: string | null;
  }>(
    db,
    sql`with src as (select level, name from policy_nodes where municipality_id = ${municipalityId} and path = ${policyPath})
        select m.id, m.code, m.name, n.level, n.number, n.name as node_name, n.path
        from municipalities m
        left join lateral (
          select n.level, n.number, n.name, n.path from policy_nodes n, src
          where n.municipality_id = m.id and n.level = src.level and ${comparableNodeName(sql`n.name`)} = ${comparableNodeName(sql`src.name`)}
          order by ${policyOrderSql('n')} limit 1
        ) n on true
        order by m.code`,
  );
  const self = matches.find((m) => m.id === municipalityId);
  if (!self) return null;
  if (policyPath !== null && self.path === null) return null;

  const rows: MunicipalityComparison[] = [];
  for (const m of matches) {
    const node = m.path === null ? null : { level: Number(m.level), number: m.number, name: m.node_name!, path: m.path };
    const matched = policyPath === null || node !== null;
    let figures: ScopeFigures | null = null;
    let ratingMix: CriterionMix[] = [];
    if (matched) {
      const scope = { municipalityId: m.id, fiscalYear, policyPath: node?.path ?? null };
      figures = (await scopeFigures(db, scope, 'none')).get(0) ?? null;
      ratingMix = await getRatingMix(db, scope);
    }
    const eff = ratingMix.find((c) => c.key === EFFECTIVENESS)?.counts;
    const graded = eff ? BANDS.reduce((n, b) => n + eff[b], 0) : 0;
    rows.push({
      municipality: { id: m.id, code: m.code, name: m.name },
      node,
      matched,
      figures,
      ratingMix,
      rank: { costPerCitizen: null, medianAttainment: null, effectivenessGood: null },
      effectivenessGoodShare: eff && graded > 0 ? eff.good / graded : null,
    });
  }
  // Ranks only among municipalities with evaluations in the node that year.
  const withData = (r: MunicipalityComparison) => (r.figures?.projectCount ?? 0) > 0;
  const ranks = {
    costPerCitizen: rank(
      rows.map((r) => (withData(r) ? r.figures!.costPerCitizen : null)),
      'lower',
    ),
    medianAttainment: rank(
      rows.map((r) => (withData(r) ? r.figures!.medianAttainment : null)),
      'higher',
    ),
    effectivenessGood: rank(
      rows.map((r) => (withData(r) ? r.effectivenessGoodShare : null)),
      'higher',
    ),
  };
  rows.forEach((r, i) => {
    r.rank = { costPerCitizen: ranks.costPerCitizen[i]!, medianAttainment: ranks.medianAttainment[i]!, effectivenessGood: ranks.effectivenessGood[i]! };
  });
  const source = self.path === null ? null : { level: Number(self.level), number: self.number, name: self.node_name!, path: self.path };
  return { source, rows };
}

/** Node names as matched across municipalities: spaces (half- and full-width) ignored. */
function comparableNodeName(name: unknown) {
  return sql`regexp_replace(${name}, '[[:space:]\u3000]+', '', 'g')`;
}

/** Each criterion's evaluations in scope by grade band; `not_rated` = no grade. */
export async function getRatingMix(db: Db, scope: { municipalityId: number; fiscalYear: number; policyPath: string | null }): Promise<CriterionMix[]> {
  const rows = await queryRows<{ key: string; label_ja: string; label_en: string; band: string; count: number }>(
    db,
    sql`${scopeCtes(scope)}
    select c.key, c.label_ja, c.label_en, coalesce(g.band::text, 'not_rated') as band, count(*)::int as count, min(c.position) as position
    from ev
    cross join rating_criteria c
    join rating_schemes s on s.id = c.scheme_id and s.municipality_id = ${scope.municipalityId}
    left join lateral (
      select grade_id from ratings r where r.evaluation_id = ev.id and r.criterion_id = c.id offset 0
    ) r on true
    left join rating_grades g on g.id = r.grade_id
    group by 1, 2, 3, 4
    order by position`,
  );
  const mixes = new Map<string, CriterionMix>();
  for (const r of rows) {
    let mix = mixes.get(r.key);
    if (!mix) {
      mix = { key: r.key, labelJa: r.label_ja, labelEn: r.label_en, counts: { good: 0, middle: 0, poor: 0, not_comparable: 0, not_rated: 0 } };
      mixes.set(r.key, mix);
    }
    mix.counts[r.band as Band | 'not_rated'] += r.count;
  }
  return [...mixes.values()];
}

// ── Similar projects in other municipalities ────────────────────────────────────────────────

export interface SimilarProject {
  municipality: { code: string; name: string };
  code: string;
  name: string;
  /** The matching 施策 (or whichever node the project sits on) in that municipality. */
  nodeName: string;
  similarity: number;
  fiscalYear: number;
  /** 千円, exact decimal string. */
  totalCost: string;
  costPerCitizen: number | null;
  attainment: number | null;
}

export interface SimilarProjects {
  method: SimilarityMethod;
  /** The project's own node name (the area searched), or null when it sits outside the plan. */
  nodeName: string | null;
  fiscalYear: number | null;
  projects: SimilarProject[];
}

/**
 * pg_trgm is installed on both drivers now (for search), but its trigrams miss the two-character
 * words Japanese project names share (学童保育 and 保育所運営 share 保育): the bigram measure
 * (db/domain/similarity.ts) scores them, so it is the one used.
 */
const SIMILARITY_METHOD: SimilarityMethod = 'bigram';

/**
 * The projects of other municipalities in the same policy area (a node of the same level and
 * name as this project's) most alike in name (similarity above zero), with their figures for the project's latest
 * evaluated year: up to `limit`, most similar first.
 */
export async function getSimilarProjects(db: Db, municipalityId: number, projectCode: string, limit = 5): Promise<SimilarProjects> {
  const method = SIMILARITY_METHOD;
  const [self] = await queryRows<{ name: string; node_level: number | null; node_name: string | null; fiscal_year: number | null }>(
    db,
    sql`select p.name, n.level as node_level, n.name as node_name,
               (select max(fiscal_year)::int from evaluations e where e.project_id = p.id) as fiscal_year
        from projects p left join policy_nodes n on n.id = p.policy_node_id
        where p.municipality_id = ${municipalityId} and p.code = ${projectCode}`,
  );
  if (!self || self.node_name === null || self.fiscal_year === null) {
    return { method, nodeName: self?.node_name ?? null, fiscalYear: self?.fiscal_year ?? null, projects: [] };
  }
  const fiscalYear = self.fiscal_year;
  // Every candidate at once: the matching nodes of the other municipalities, their subtrees, the
  // projects on them evaluated that year (figures from the rollup, as scopeCtes reads them).
  // With pg_trgm the database scores the names; otherwise bigramSimilarity does, here, in
  // microseconds per name (in SQL it was a subquery per candidate).
  const candidates = await queryRows<{
    municipality_code: string;
    municipality_name: string;
    node_name: string;
    population: number | null;
    code: string;
    name: string;
    total_cost: string;
    attainment: number | null;
  }>(
    db,
    sql`with recursive
        matched (root_id, node_id) as (
          select n.id, n.id from policy_nodes n
          where n.municipality_id <> ${municipalityId} and n.level = ${self.node_level}
            and ${comparableNodeName(sql`n.name`)} = ${comparableNodeName(sql`${self.node_name}::text`)}
          union all
          select m.root_id, c.id from matched m join policy_nodes c on c.parent_id = m.node_id
        )
        select mu.code as municipality_code, mu.name as municipality_name, root.name as node_name, mp.population,
               p.code, p.name, e.total_cost::text as total_cost, e.attainment
        from matched m
        join policy_nodes root on root.id = m.root_id
        join municipalities mu on mu.id = root.municipality_id
        join projects p on p.policy_node_id = m.node_id
        join evaluation_rollups e on e.project_id = p.id and e.fiscal_year = ${fiscalYear}
        left join municipality_populations mp on mp.municipality_id = mu.id and mp.fiscal_year = ${fiscalYear}`,
  );
  const found: SimilarProject[] = [];
  for (const r of candidates) {
    const similarity = bigramSimilarity(r.name, self.name);
    // Nothing in common but the area is no likeness: such projects are left out.
    if (!(similarity > 0)) continue;
    found.push({
      municipality: { code: r.municipality_code, name: r.municipality_name },
      code: r.code,
      name: r.name,
      nodeName: r.node_name,
      similarity,
      fiscalYear,
      totalCost: r.total_cost,
      costPerCitizen: costPerCitizenYen(Number(r.total_cost), r.population),
      attainment: r.attainment === null ? null : Number(r.attainment),
    });
  }
  found.sort((a, b) => b.similarity - a.similarity || a.municipality.code.localeCompare(b.municipality.code) || (a.code < b.code ? -1 : 1));
  return { method, nodeName: self.node_name, fiscalYear, projects: found.slice(0, limit) };
}
