/**
 * The largest upload the page accepts. A whole city's five years of sheets is a few MB; an
 * upload is held in the server's memory, so the page stops well below the importer's own limit
 * (db/import/limits.ts, for the CLI). The server-action body limit in next.config.js is set a
 * little above this (multipart overhead, the mapping file), so an oversize file gets this page's
 * message rather than a bare 413.
 */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_UPLOAD_TEXT = '50 MB';
