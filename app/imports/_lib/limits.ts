/**
 * The largest upload the page accepts. A whole city's five years of sheets is a few MB. The page
 * stops well below the importer's own limit (db/import/limits.ts, for the CLI): an upload is
 * streamed to a temporary file up to this size (app/imports/upload/route.ts), then checked, and
 * the check reads it whole.
 */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_UPLOAD_TEXT = '50 MB';
/** A column mapping file is a few lines of JSON. */
export const MAX_MAPPING_BYTES = 1024 * 1024;
