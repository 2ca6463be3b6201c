/** Hyoka's own format (db/import/format.ts, docs/import.md): header in row 1, the alias table maps it. */
import type { ProfileInput } from './schema';

export const hyokaProfile: ProfileInput = {
  version: 1,
  name: 'hyoka',
  label: { ja: 'Hyoka標準（CSV・Excel）', en: 'Hyoka standard (CSV, Excel)' },
  description: {
    ja: 'Hyokaの列名（別名を含む）の見出しが1行目にあるファイル。CSVとExcelブックの最初のシート',
    en: 'Files whose first row holds Hyoka column names (or their aliases): CSV, or the first sheet of a workbook',
  },
  accepts: ['csv', 'xlsx'],
  headerRow: 1,
  layout: 'hyoka',
};
