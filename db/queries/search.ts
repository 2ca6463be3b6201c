/**
 * Search across the sheets: projects of every municipality and year whose text — code, 事業名,
 * 目的, 対象, 事業内容 (projects.search_text), any year's 総評 (evaluations.search_text) or an
 * indicator's name (indicators.search_text) — contains every term of the query.
 *
 * Matching is `search_text LIKE '%term%'` on NFKC-normalised, lowercased text (db/domain/
 * search-text.ts), answered by pg_trgm GIN indexes (migration 0007). LIKE rather than pg_trgm's
 * word similarity (% / <%): its word splitting depends on the server's ctype (a plain "C" locale
 * splits Japanese into nothing), while LIKE is exact on any locale and the index only narrows
 * the rows it rechecks. A term of one or two characters has no trigram: beside its LIKE it gets
 * `search_ngrams(search_text) collate "C" @> array[term]`, which the n-gram GIN indexes answer
 * (migration 0008) and which holds whenever the LIKE does. docs/benchmarks.md has the figures.
 *
 * Ranking: per term, the best place it matched (code/事業名 8, other project text 4, indicator
 * 2, 総評 1), summed over the terms; then the name's trigram similarity to the query (shorter,
 * closer names first); then municipality and code.
 *
 * Bounded for common words by two tiers that the projects table alone decides (`rankTiers`):
 * every term in code or 事業名 (score 8 per term), then every term in the project text with all
 * but at most one in code or 事業名. Each tier holds exactly the projects scoring at least its
 * floor, so when more than `rankCap` (1,000) projects are in a tier, the first 1,000 places of the
 * full ranking are all in it: the search ranks that tier alone and reports 「1,000件以上」
 * (`capped`) instead of scoring every match (事業 is in every project). When each term is a piece
 * in most projects, a tier's names are taken nearest first (`<->` on the GiST index
 * projects_name_trgm). Otherwise the candidates come from the indexes of the terms that are not
 * common pieces and are scored per project, so a common term beside a rare one costs a lookup
 * per candidate, not a table scan.
 */
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { isNgramTerm, likePattern, searchTerms } from '../domain/search-text';

export const SEARCH_PAGE_SIZE = 20;

/** Projects in a score tier (see rankTiers) beyond which the search ranks this many of them and says 「以上」. */
export const SEARCH_RANK_CAP = 1000;

export interface SearchHit {
  projectId: number;
  code: string;
  name: string;
  municipalityCode: string;
  municipalityName: string;
  department: string | null;
  purpose: string | null;
  targetDescription: string | null;
  content: string | null;
  /** The latest 総評 that matches a term, and its fiscal year. */
  review: { fiscalYear: number; text: string } | null;
  /** The project's indicators whose names match a term, in sheet order. */
  indicators: string[];
  firstFiscalYear: number | null;
  lastFiscalYear: number | null;
  score: number;
}

export interface SearchPage {
  /** The normalised terms searched for (what the page highlights). */
  terms: string[];
  hits: SearchHit[];
  /** How many projects match; a lower bound when `capped`. */
  total: number;
  /** More than `total` projects match: only the first `total` are ranked and paged (「1,000件以上」). */
  capped: boolean;
  page: number;
  pageCount: number;
  pageSize: number;
}

/**
 * `column` (a search_text) contains `term`: the LIKE decides; for a one- or two-character term
 * the n-gram containment, true whenever the LIKE is, lets the planner use the n-gram index.
 * `ngrams: false` leaves it out (see commonPieces).
 */
export function textContains(column: SQL, term: string, ngrams = isNgramTerm(term)): SQL {
  const like = sql`${column} like ${likePattern(term)}`;
  if (!ngrams || !isNgramTerm(term)) return like;
  return sql`(search_ngrams(${column}) collate "C" @> array[${term}::text] and ${like})`;
}

/**
 * A piece in at least this share of a table's rows is searched by LIKE alone: its index would
 * return most of the table, the planner scans it instead, and the scan would then compute
 * search_ngrams on every matching row (推進 at 1 M rows: 28 s instead of a plain scan).
 */
export const COMMON_PIECE_SHARE = 0.05;

type SearchTable = 'projects' | 'evaluations' | 'indicators';

/**
 * The short terms that are common pieces of each table (`projects:推進`), from the statistics
 * ANALYZE keeps on the n-gram indexes (their most common elements and shares). None before
 * the first ANALYZE: every short term then uses the index.
 */
async function commonPieces(db: Db, terms: string[]): Promise<Set<string>> {
  const short = terms.filter((t) => isNgramTerm(t));
  if (short.length === 0) return new Set();
  const rows = await queryRows<{ index: string; piece: string }>(
    db,
    sql`select s.tablename::text as index, e.piece
        from pg_stats s cross join lateral unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as e(piece, share)
        where s.schemaname = 'public'
          and s.tablename in ('projects_search_ngrams', 'evaluations_search_ngrams', 'indicators_search_ngrams')
          and e.piece in (${sql.join(
            short.map((t) => sql`${t}`),
            sql`, `,
          )}) and e.share >= ${COMMON_PIECE_SHARE}`,
  );
  return new Set(rows.map((r) => `${r.index.replace(/_search_ngrams$/, '')}:${r.piece}`));
}

/**
 * One condition per term, each true when the term is in the project's text, one of its
 * indicators' names, or the evaluation's 総評: the /projects list's `q` filter (one year's row,
 * so that year's 総評). `p` and `e` are the list's aliases for projects and evaluations.
 */
export function projectTextConditions(query: string | undefined): SQL[] {
  return searchTerms(query).map(
    (term) => sql`(${textContains(sql`p.search_text`, term)} or ${textContains(sql`e.search_text`, term)}
      or exists (select 1 from indicators i where i.project_id = p.id and ${textContains(sql`i.search_text`, term)}))`,
  );
}

/** Each term's matching projects (`project_id`, `term`: its index), from the tables' indexes. */
function termHits(terms: string[], common: Set<string>): SQL {
  const contains = (table: SearchTable, term: string) => textContains(sql`search_text`, term, !common.has(`${table}:${term}`));
  const parts = terms.map(
    (term, index) => sql`
      select id as project_id, ${index}::int as term from projects where ${contains('projects', term)}
      union all
      select project_id, ${index}::int from indicators where ${contains('indicators', term)}
      union all
      select project_id, ${index}::int from evaluations where ${contains('evaluations', term)}`,
  );
  return sql.join(parts, sql` union all `);
}

interface RawHit extends Record<string, unknown> {
  project_id: number;
  code: string;
  name: string;
  municipality_code: string;
  municipality_name: string;
  department: string | null;
  purpose: string | null;
  target_description: string | null;
  content: string | null;
  review_year: number | null;
  review: string | null;
  indicators: string;
  first_year: number | null;
  last_year: number | null;
  score: number;
  total: number;
}

/** `p.title_search` (code and 事業名) holds every term; the search_text index narrows first. */
function inTitle(terms: string[], common: Set<string>): SQL {
  return sql.join(
    terms.map((term) => sql`(${textContains(sql`p.search_text`, term, !common.has(`projects:${term}`))} and p.title_search like ${likePattern(term)})`),
    sql` and `,
  );
}

/** The best place `term` matched in project `p`: 8 code or 事業名, 4 other project text, 2 indicator, 1 総評, 0 nowhere. */
function termWeight(term: string): SQL {
  const pattern = likePattern(term);
  return sql`case when p.title_search like ${pattern} then 8
    when p.search_text like ${pattern} then 4
    when exists (select 1 from indicators i where i.project_id = p.id and i.search_text like ${pattern}) then 2
    when exists (select 1 from evaluations e where e.project_id = p.id and e.search_text like ${pattern}) then 1
    else 0 end`;
}

/**
 * The order among equal scores: closer names, then municipality and project code. The
 * municipalities' order is one array read once (an InitPlan), not a lookup per ranked row.
 */
const similarityOrder = (terms: string[]) =>
  sql`similarity(p.name_search, ${terms.join(' ')}) desc,
    array_position((select array_agg(m.id order by m.code collate "C") from municipalities m), p.municipality_id), p.code collate "C"`;

/** Every project matching every term, scored exactly, best first, with the exact total. */
function rankedExactly(terms: string[], common: Set<string>): SQL {
  // A term that is a common piece of any table would scan it; it is checked per candidate instead.
  const selective = terms.filter((t) => !['projects', 'indicators', 'evaluations'].some((table) => common.has(`${table}:${t}`)));
  const candidates =
    selective.length > 0
      ? sql.join(
          selective.map((term) => sql`(${termHits([term], common)})`),
          sql` intersect `,
        )
      : sql`select id as project_id from projects`;
  const weights = terms.map((term, i) => sql`${termWeight(term)} as ${sql.raw(`w${i}`)}`);
  const all = sql.join(
    terms.map((_, i) => sql.raw(`w${i} > 0`)),
    sql` and `,
  );
  const score = sql.join(
    terms.map((_, i) => sql.raw(`w${i}`)),
    sql` + `,
  );
  return sql`
    with scored as materialized (
      select p.id as project_id, ${sql.join(weights, sql`, `)} from (select distinct project_id from (${candidates}) h) c join projects p on p.id = c.project_id)
    select s.project_id, (${score})::int as score, count(*) over ()::int as total
    from scored s join projects p on p.id = s.project_id
    where ${all}
    order by 2 desc, ${similarityOrder(terms)}`;
}

/** How many of `terms` are in code or 事業名, as an SQL integer. */
function termsInTitle(terms: string[]): SQL {
  return sql`(${sql.join(
    terms.map((term) => sql`(p.title_search like ${likePattern(term)})::int`),
    sql` + `,
  )})`;
}

/** Every term in the project text (projects.search_text: code, 事業名, 目的, 対象, 事業内容). */
function inProjectText(terms: string[], common: Set<string>): SQL {
  return sql.join(
    terms.map((term) => textContains(sql`p.search_text`, term, !common.has(`projects:${term}`))),
    sql` and `,
  );
}

/**
 * A set of projects that is exactly those scoring at least some floor, decided by the projects
 * table alone: `where` finds them (through the search_text indexes), `below` those of them not in
 * the tier above (one score level), `score` is their exact score.
 */
interface RankTier {
  where: SQL;
  below: SQL;
  score: SQL;
}

/**
 * The tiers, best first, for n terms. Title: every term in code or 事業名, score 8n, the highest.
 * Text: every term in the project text and at least n − 1 of them in code or 事業名, score
 * 8 × (in title) + 4 × (the rest) ≥ 8n − 4; a project outside it has a term that is not in its
 * project text (worth 2 at most) or two that are not in the title, so it scores 8n − 6 at most.
 */
function rankTiers(terms: string[], common: Set<string>): RankTier[] {
  const n = terms.length;
  const title: RankTier = { where: inTitle(terms, common), below: inTitle(terms, common), score: sql`${8 * n}::int` };
  const inTitleCount = termsInTitle(terms);
  const text: RankTier = {
    where: sql`${inProjectText(terms, common)} and ${inTitleCount} >= ${n - 1}`,
    below: sql`${inProjectText(terms, common)} and ${inTitleCount} = ${n - 1}`,
    score: sql`(${4 * n} + 4 * ${inTitleCount})::int`,
  };
  return [title, text];
}

/** Every term is a common piece of the projects: a tier's names are then taken nearest first. */
const everyCommonPiece = (terms: string[], common: Set<string>) => terms.every((t) => common.has(`projects:${t}`));

/**
 * The first `rankCap` places of a tier holding more than `rankCap` projects, read from the
 * projects rows the tier's scan finds (no second lookup per project). When every term is a common
 * piece of the projects, each score level of the tier (it spans one or two) is taken nearest
 * names first (`<->` on the GiST index), `rankCap` of each, instead of all of it.
 */
function rankedInTier(tiers: RankTier[], level: number, terms: string[], common: Set<string>, rankCap: number): SQL {
  const columns = sql`p.id, p.name_search, p.title_search, p.municipality_id, p.code`;
  const found = everyCommonPiece(terms, common)
    ? sql.join(
        tiers
          .slice(0, level + 1)
          .map((tier) => sql`(select ${columns} from projects p where ${tier.below} order by p.name_search <-> ${terms.join(' ')}::text limit ${rankCap})`),
        sql` union all `,
      )
    : sql`select ${columns} from projects p where ${tiers[level]!.where}`;
  const score = tiers[level]!.score;
  return sql`
    select project_id, score, total from (
      select p.id as project_id, ${score} as score, ${rankCap}::int as total,
             row_number() over (order by ${score} desc, ${similarityOrder(terms)}) as place
      from (${found}) p
    ) r where place <= ${rankCap} order by place`;
}

/** One page of the projects matching every term of `query`, best first. No terms, no hits. */
export async function searchProjects(
  db: Db,
  query: string | undefined,
  requestedPage = 1,
  pageSize = SEARCH_PAGE_SIZE,
  rankCap = SEARCH_RANK_CAP,
): Promise<SearchPage> {
  const terms = searchTerms(query);
  const empty = { terms, hits: [], total: 0, capped: false, page: 1, pageCount: 1, pageSize };
  if (!Number.isInteger(rankCap) || rankCap < 1) throw new RangeError(`rankCap must be a positive integer, got ${rankCap}`);
  if (terms.length === 0) return empty;
  const common = await commonPieces(db, terms);
  let page = Math.max(1, Math.floor(requestedPage));

  // Projects in a tier, counted up to rankCap + 1. The project-text tier holds the names tier, so
  // one count decides whether the search is capped; its top places are the names' when those are
  // more than rankCap. Only the nearest-name path ranks the names tier alone (its scan of the
  // project-text level would walk past every name match first), so only it counts the names too.
  const tiers = rankTiers(terms, common);
  const inTier = async (tier: RankTier) => {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (select 1 from projects p where ${tier.where} limit ${rankCap + 1}) t`);
    return Number(row?.n ?? 0);
  };
  if ((await inTier(tiers[1]!)) > rankCap) {
    const level = everyCommonPiece(terms, common) && (await inTier(tiers[0]!)) > rankCap ? 0 : 1;
    const pageCount = Math.max(1, Math.ceil(rankCap / pageSize));
    page = Math.min(page, pageCount);
    const rows = await pageOf(db, rankedInTier(tiers, level, terms, common, rankCap), terms, page, pageSize);
    return { terms, hits: rows.map(toHit), total: rankCap, capped: true, page, pageCount, pageSize };
  }

  const ranked = rankedExactly(terms, common);
  let rows = await pageOf(db, ranked, terms, page, pageSize);
  if (rows.length === 0 && page > 1) {
    // A page past the end (an old link) shows the last page rather than nothing.
    const [count] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from (${ranked}) r`);
    page = Math.max(1, Math.ceil(Number(count?.total ?? 0) / pageSize));
    rows = await pageOf(db, ranked, terms, page, pageSize);
  }
  const total = Number(rows[0]?.total ?? 0);
  if (total === 0) return empty;
  return { terms, hits: rows.map(toHit), total, capped: false, page, pageCount: Math.ceil(total / pageSize), pageSize };
}

function pageOf(db: Db, ranked: SQL, terms: string[], page: number, pageSize: number): Promise<RawHit[]> {
  const anyTerm = (column: SQL) =>
    sql`(${sql.join(
      terms.map((t) => sql`${column} like ${likePattern(t)}`),
      sql` or `,
    )})`;
  return queryRows<RawHit>(
    db,
    sql`
    with ranked as (${ranked} limit ${pageSize} offset ${(page - 1) * pageSize})
    select r.project_id, r.score, r.total, p.code, p.name, m.code as municipality_code, m.name as municipality_name,
           d.name as department, p.purpose, p.target_description, p.content,
           rv.fiscal_year::int as review_year, rv.review,
           (select coalesce(json_agg(i.name order by i.position), '[]'::json)::text
              from indicators i where i.project_id = p.id and ${anyTerm(sql`i.search_text`)}) as indicators,
           (select min(fiscal_year)::int from evaluations where project_id = p.id) as first_year,
           (select max(fiscal_year)::int from evaluations where project_id = p.id) as last_year
    from ranked r
    join projects p on p.id = r.project_id
    join municipalities m on m.id = p.municipality_id
    left join departments d on d.id = p.department_id
    left join lateral (
      select e.fiscal_year, e.review from evaluations e
      where e.project_id = p.id and ${anyTerm(sql`e.search_text`)}
      order by e.fiscal_year desc limit 1
    ) rv on true
    order by r.score desc, ${similarityOrder(terms)}`,
  );
}

function toHit(r: RawHit): SearchHit {
  return {
    projectId: Number(r.project_id),
    code: r.code,
    name: r.name,
    municipalityCode: r.municipality_code,
    municipalityName: r.municipality_name,
    department: r.department,
    purpose: r.purpose,
    targetDescription: r.target_description,
    content: r.content,
    review: r.review_year !== null && r.review !== null ? { fiscalYear: Number(r.review_year), text: r.review } : null,
    indicators: JSON.parse(r.indicators) as string[],
    firstFiscalYear: r.first_year === null ? null : Number(r.first_year),
    lastFiscalYear: r.last_year === null ? null : Number(r.last_year),
    score: Number(r.score),
  };
}
