/** A read record: one project-year of a sheet in Hyoka's terms, every value still as stated. */

export interface PolicyLevel {
  number: string | null;
  name: string;
}

export interface IndicatorRecord {
  position: number;
  name: string;
  unit: string | null;
  kind: 'activity' | 'outcome';
  direction: 'higher' | 'lower';
  cumulative: boolean;
  baselineValue: string | null;
  baselineFiscalYear: number | null;
  target: string | null;
  actual: string | null;
}

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
  plan: {
    budgetNames: string | null;
    administrativeType: string | null;
    legalBasis: string | null;
    startFiscalYear: number | null;
    endFiscalYear: number | null;
    relatedLaws: string | null;
    nationalPlans: string | null;
    individualPlans: string | null;
    background: string | null;
    purpose: string | null;
    targetDescription: string | null;
    content: string | null;
  };
  evaluation: {
    previousPolicy: string | null;
    implementationMethod: string | null;
    activities: string | null;
    projectCost: string | null;
    nationalPrefectural: string | null;
    localBonds: string | null;
    otherSpecific: string | null;
    generalFunds: string | null;
    regularStaffFte: string | null;
    regularStaffHours: string | null;
    regularStaffCost: string | null;
    otherStaffFte: string | null;
    otherStaffHours: string | null;
    otherStaffCost: string | null;
    staffCost: string | null;
    totalCostStated: string | null;
    targetDefinition: string | null;
    targetCount: string | null;
    targetUnit: string | null;
    unitCostStatedYen: string | null;
    review: string | null;
    direction: string | null;
  };
  ratings: RatingRecord[];
  indicators: IndicatorRecord[];
}
