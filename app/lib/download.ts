/**
 * Responses that download an export: the file name in ASCII for old clients and in Japanese as
 * `filename*` (RFC 5987), never cached, never sniffed. One place for every CSV and .xlsx route.
 */
import { encodeCsv } from '@/db/export/projects-csv';
import { formatFiscalYear } from '@/db/domain/fiscal-year';
import { type Condition, XLSX_CONTENT_TYPE, xlsxStream, type XlsxExport } from '@/db/export/xlsx';

export type ExportFormat = 'csv' | 'sjis' | 'xlsx';

/** `?format=xlsx` → workbook; otherwise CSV, `?encoding=sjis` → Shift_JIS. */
export function exportFormat(params: URLSearchParams): ExportFormat {
  if (params.get('format') === 'xlsx') return 'xlsx';
  return params.get('encoding') === 'sjis' ? 'sjis' : 'csv';
}

/** Percent-encoding for `filename*` (RFC 5987): encodeURIComponent leaves ' ( ) * as they are. */
export function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="…"; filename*=UTF-8''…`, the ASCII name stripped of anything unsafe. */
export function contentDisposition(asciiName: string, japaneseName: string): string {
  return `attachment; filename="${asciiName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${rfc5987(japaneseName)}`;
}

function downloadHeaders(contentType: string, asciiName: string, japaneseName: string): HeadersInit {
  return {
    'Content-Type': contentType,
    'Content-Disposition': contentDisposition(asciiName, japaneseName),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

/** Names without extension: `projects-142140-2024` and `事業一覧_桜ヶ丘市_2024`. */
export interface ExportNames {
  ascii: string;
  japanese: string;
}

/** Every export's names, one pattern: `<kind>-<code>-<year>` and `<種類>_<市区町村>_<年度>`. */
export function exportNames(kind: { ascii: string; japanese: string }, municipality: { code: string; name: string }, fiscalYear: number): ExportNames {
  return { ascii: `${kind.ascii}-${municipality.code}-${fiscalYear}`, japanese: `${kind.japanese}_${municipality.name}_${fiscalYear}` };
}

/** An export of a city or year without evaluations: 404, said in both languages. */
export function noExportDataResponse(): Response {
  return new Response(
    'この自治体・年度には出力できる評価データがありません。評価データを取り込むか、別の年度を選んでください。\nNo evaluation data to export for this municipality and year: import evaluations or choose another year.\n',
    {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
    },
  );
}

/** A CSV text as UTF-8 with a BOM (Excel's cue) or as Shift_JIS, named `…-sjis.csv` then. */
export function csvResponse(text: string, format: 'csv' | 'sjis', names: ExportNames): Response {
  const sjis = format === 'sjis';
  return new Response(Buffer.from(encodeCsv(text, sjis ? 'sjis' : 'utf8')), {
    headers: downloadHeaders(
      `text/csv; charset=${sjis ? 'Shift_JIS' : 'utf-8'}`,
      `${names.ascii}${sjis ? '-sjis' : ''}.csv`,
      `${names.japanese}${sjis ? '_sjis' : ''}.csv`,
    ),
  });
}

/** A CSV body already streaming (UTF-8 with its BOM). */
export function csvStreamResponse(body: ReadableStream<Uint8Array>, names: ExportNames): Response {
  return new Response(body, { headers: downloadHeaders('text/csv; charset=utf-8', `${names.ascii}.csv`, `${names.japanese}.csv`) });
}

export function xlsxResponse<R>(spec: XlsxExport<R>, names: ExportNames): Response {
  return new Response(xlsxStream(spec), { headers: downloadHeaders(XLSX_CONTENT_TYPE, `${names.ascii}.xlsx`, `${names.japanese}.xlsx`) });
}

/**
 * The second sheet of a workbook: the municipality and year, then each filter the view carries
 * (its URL parameter under a Japanese label, defaults left out) and when the file was made.
 */
export function exportConditions(
  municipality: { code: string; name: string },
  fiscalYear: number,
  params: Record<string, string | string[] | undefined>,
  labels: Record<string, string>,
): Condition[] {
  const conditions: Condition[] = [
    ['市区町村', `${municipality.name} (${municipality.code})`],
    ['年度', formatFiscalYear(fiscalYear, { western: true })],
  ];
  for (const [key, value] of Object.entries(params)) {
    if (key === 'municipality' || key === 'year' || key === 'page' || value === undefined || value === '') continue;
    conditions.push([labels[key] ?? key, Array.isArray(value) ? value.join(', ') : value]);
  }
  conditions.push(['出力日時', new Date().toISOString()]);
  return conditions;
}
