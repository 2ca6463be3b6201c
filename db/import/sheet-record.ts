/** A read record: one project-year of a sheet in Hyoka's terms, every value still as stated. */
import type { evaluations, indicators, indicatorValues, projects } from '../schema';

/** The columns a sheet states, from the tables that store them (keys, links and generated columns aside). */
type PlanFields = Omit<
  typeof projects.$inferSelect,
  'id' | 'municipalityId' | 'code' | 'name' | 'policyNodeId' | 'departmentId' | 'sectionId' | 'importBatchId' | 'searchText' | 'titleSearch' | 'nameSearch'
>;
type EvaluationFields = Omit<typeof evaluations.$inferSelect, 'id' | 'projectId' | 'fiscalYear' | 'importBatchId' | 'contentHash' | 'searchText'>;

export interface PolicyLevel {
  number: string | null;
  name: string;
}

/** One indicator as a row states it: its definition (the indicators table) and this year's target and actual. */
export type IndicatorRecord = Pick<
  typeof indicators.$inferSelect,
  'position' | 'name' | 'unit' | 'kind' | 'direction' | 'cumulative' | 'baselineValue' | 'baselineFiscalYear'
> &
  Pick<typeof indicatorValues.$inferSelect, 'target' | 'actual'>;

export interface RatingRecord {
  criterionKey: string;
  /** The column the grade came from, for messages (a profile's verdict column). */
  column?: string;
  grade: string | null;
  reason: string | null;
}

export interface SheetRecord {
  line: number;
  /** Hyoka column → where it came from in the sheet (`BY (事業費計（A）)`), when that is not the column itself. */
  columnLabels?: Record<string, string>;
  municipalityCode: string;
  municipalityName: string;
  population: number | null;
  fiscalYear: number;
  projectCode: string;
  projectName: string;
  department: string | null;
  section: string | null;
  pillar: string | null;
  /** まちづくり目標 › 基本政策 › 施策展開の方向 › 施策, as far as the file goes. */
  policy: PolicyLevel[];
  /** The project's plan (Plan), as the projects table holds it. */
  plan: PlanFields;
  /** The year's Do / Check / Action, as the evaluations table holds it (money in 千円, exact strings). */
  evaluation: EvaluationFields;
  ratings: RatingRecord[];
  indicators: IndicatorRecord[];
}
