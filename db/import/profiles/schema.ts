/**
 * Import profiles: how one source's layout maps onto Hyoka's columns, as data (validated by zod)
 * rather than code, so a new city's export is a new profile file, not a new importer.
 *
 * A profile turns a sheet (CSV or .xlsx worksheet) into rows of Hyoka CSV columns
 * (db/import/format.ts); from there the file goes through the same reading, meaning checks and
 * one-transaction write as a Hyoka CSV. Sources are named by their header text as the sheet
 * writes it (line breaks, spaces and width do not matter) or, where a header is not unique
 * outside a year block, by column letter (`{ "column": "AV" }`).
 */
import { z } from 'zod';
import { BANDS, WATCH_ROLES } from '../../domain/rating-scheme';

export const PROFILE_FORMAT_VERSION = 1;

/** A source column: its header, or its letter (`{ column: "H" }`). */
const source = z.union([z.string().min(1), z.object({ column: z.string().regex(/^[A-Z]{1,3}$/) }).strict()]);
export type SourceRef = z.infer<typeof source>;

/**
 * What feeds one Hyoka column: a source; several sources joined (`join`: 政策番号 十の位 + 一の位
 * → `06`), summed (`sum`: 国庫支出金 + 都道府県支出金 → 国県支出金), or a fixed value.
 */
const feed = z.union([
  source,
  z.object({ join: z.array(source).min(2), separator: z.string().default(''), number: z.boolean().default(false) }).strict(),
  z.object({ sum: z.array(source).min(2) }).strict(),
  z.object({ value: z.string() }).strict(),
]);
export type Feed = z.infer<typeof feed>;

const message = z.object({ ja: z.string(), en: z.string() });

/**
 * A row filter: keep a row only if the column is empty, equals a text, or matches a pattern
 * (national 2-1 mixes summary rows, 会計区分 empty, with per-account rows). Every condition of
 * `keepRows` must hold.
 */
const rowCondition = z.union([
  z.object({ column: source, empty: z.literal(true) }).strict(),
  z.object({ column: source, equals: z.string() }).strict(),
  z.object({ column: source, matches: z.string() }).strict(),
]);
export type RowCondition = z.infer<typeof rowCondition>;

/**
 * Largest amount one project-year may state, in 千円: `city` 1兆円 (a whole prefecture's budget),
 * `national` 1,000兆円 (a national programme such as 基礎年金 spends tens of 兆円).
 */
export const AMOUNT_CAPS = { city: 1_000_000_000, national: 1_000_000_000_000 } as const;

const gradeSpec = z.object({
  /** What the cell says (or a short code); matched after width/space normalisation. */
  code: z.string().min(1),
  labelJa: z.string().min(1),
  labelEn: z.string().min(1),
  band: z.enum(BANDS),
});

const criterionSpec = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/),
  labelJa: z.string().min(1),
  labelEn: z.string().min(1),
  /**
   * The column with the grade (verdict) and, optionally, the one with its reason. Without
   * `grade` the criterion belongs to the scheme but this file does not state it (one table of a
   * source whose verdicts come in another).
   */
  grade: source.optional(),
  reason: source.optional(),
  /** Best first. */
  grades: z.array(gradeSpec).min(1),
  /** The watchlist rule its poor band trips (db/domain/rating-scheme.ts WATCH_ROLES); default `poor`, null none. */
  watch: z.enum(WATCH_ROLES).nullable().optional(),
});

export const profileSchema = z
  .object({
    /** Format version of this file (PROFILE_FORMAT_VERSION). */
    version: z.literal(PROFILE_FORMAT_VERSION),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    label: message,
    description: message,
    /** Which inputs the profile reads. */
    accepts: z.array(z.enum(['csv', 'xlsx'])).min(1),
    /** A worksheet name (xlsx); default the first sheet. */
    sheet: z.string().optional(),
    /** 1-based row of the header; rows above it are titles or filler. */
    headerRow: z.number().int().min(1).default(1),
    /**
     * `hyoka`: the header is matched with Hyoka's alias table (the CSV format and its variants).
     * `columns`: only what `columns` / `yearBlocks` / `rating` name is read (a city's own sheet).
     * `indicator-rows`: one row per indicator × measure (目標値 / 実績値), years as columns.
     */
    layout: z.enum(['hyoka', 'columns', 'indicator-rows']),
    /** The municipality when the file has no column for it (the CLI/form may still override). */
    municipality: z.object({ code: z.string().regex(/^\d{6}$/), name: z.string().min(1) }).optional(),
    /** Cell text that means "no value", on top of Hyoka's own (`-`, `ー`, `…`, `該当なし` …). */
    missing: z.array(z.string()).default([]),
    /**
     * Cell text that means "no value" only where a name or text is expected (an indicator named
     * `0`), never in a figure column, where 0 is a figure.
     */
    missingText: z.array(z.string()).default([]),
    /**
     * The same indicator name used for an activity and an outcome indicator of one project:
     * `error` (default), or `suffix-kind` — the later one is named `…（成果指標）`.
     */
    indicatorNameClash: z.enum(['error', 'suffix-kind']).default('error'),
    /**
     * A figure followed by a note in brackets (`29（4）`): `error` (default), or `warn` — the
     * figure is read, the note is left out with a warning naming the cell (the original file is kept).
     */
    figureNotes: z.enum(['error', 'warn']).default('error'),
    /** Unit of money cells that state none. */
    moneyUnit: z.enum(['円', '千円', '百万円']).default('千円'),
    /** How the sheet states staff effort: persons (FTE) or hours worked (with the rate, for the check). */
    staff: z.object({ basis: z.enum(['fte', 'hours']), yenPerHour: z.number().positive().optional() }).default({ basis: 'fte' }),
    /**
     * Hyoka column → source, for every record made from a row. A money column's target may name
     * the unit of its cells (`"事業費合計（円）": "執行額（合計）"`), which wins over `moneyUnit`.
     * `年度` here is read as `fiscalYear` (give one or the other).
     */
    columns: z.record(z.string(), feed).default({}),
    /** Keep only the rows meeting every condition (db/import/row-filter.ts). */
    keepRows: z.array(rowCondition).default([]),
    /**
     * Rows of one project-year: identical repeats collapse and a repeat whose cells are blank adds
     * nothing; the Hyoka columns in `sum` are added up; any other difference is an error.
     */
    mergeRows: z
      .object({ sum: z.array(z.string()).default([]) })
      .strict()
      .default({ sum: [] }),
    /** Largest amount per project-year (AMOUNT_CAPS): `city` by default, `national` for the national body. */
    amountCap: z.enum(['city', 'national']).default('city'),
    /**
     * A combined column split into Hyoka columns: `部課名` `市民生活部市民環境課` → 部名 + 課名.
     * The pattern's capture groups feed `into` in order; a value it does not match goes whole to
     * the first.
     */
    split: z.array(z.object({ from: source, pattern: z.string(), into: z.array(z.string()).min(2) })).default([]),
    /** The evaluated fiscal year: a column (年度 `7`) read with an era when it gives the bare year. */
    fiscalYear: z.object({ from: source, era: z.enum(['令和', '平成']).optional() }).optional(),
    /**
     * Repeated column blocks, one per fiscal year, unlabeled: the k-th occurrence of each header
     * belongs to fiscalYears[k]. Each block becomes its own record (project × year).
     */
    yearBlocks: z
      .object({
        fiscalYears: z.array(z.number().int().min(1900).max(2100)).min(1),
        /** Hyoka column → header inside the block. */
        columns: z.record(z.string(), z.union([z.string(), z.object({ sum: z.array(z.string()).min(2) }).strict()])),
      })
      .optional(),
    /** Hyoka columns that belong only to the evaluated year's record (verdicts, review, direction). */
    evaluatedYearOnly: z.array(z.string()).default([]),
    /** The city's rating scheme, stored for a municipality seen for the first time. */
    rating: z.object({ name: z.string().min(1), criteria: z.array(criterionSpec).min(1) }).optional(),
    /** indicator-rows layout: which columns say what. */
    indicatorRows: z
      .object({
        /** Hyoka column → source, repeated on every row of a project (事業番号, 事業名, 部名 …). */
        identity: z.record(z.string(), source),
        name: source,
        unit: source.optional(),
        kind: source.optional(),
        direction: source.optional(),
        /** The column saying what the row's year cells hold, and the words for target and actual. */
        measure: source,
        targetWords: z.array(z.string()).min(1),
        actualWords: z.array(z.string()).min(1),
        /** Year columns: headers that are a fiscal year (2019, 令和元年度 …) between these bounds. */
        years: z.object({ from: z.number().int(), to: z.number().int() }),
      })
      .optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.layout === 'indicator-rows' && !p.indicatorRows) ctx.addIssue({ code: 'custom', message: 'indicator-rows layout needs "indicatorRows"' });
    if (p.yearBlocks && !p.fiscalYear) ctx.addIssue({ code: 'custom', message: 'yearBlocks need "fiscalYear" (the evaluated year)' });
    const yearKey = Object.keys(p.columns).find((k) => k.replace(/\s+/g, '') === '年度');
    if (yearKey && p.fiscalYear)
      ctx.addIssue({
        code: 'custom',
        path: ['columns', yearKey],
        message:
          '「年度」は columns と fiscalYear の一方だけに書いてください / give the fiscal year once: "fiscalYear": { "from": "<header>" } (or columns.年度, not both)',
      });
  });

export type ImportProfile = z.infer<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;
