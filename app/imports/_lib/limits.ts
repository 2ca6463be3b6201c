/**
 * The largest upload the page accepts: the importer's own limit (db/import/limits.ts), so the
 * page, the CLI and the importer refuse the same files. The server-action body limit in
 * next.config.js is set a little above this (multipart overhead, the mapping file), so an
 * oversize file gets this page's message rather than a bare 413.
 */
export { MAX_FILE_BYTES as MAX_UPLOAD_BYTES, MAX_FILE_TEXT as MAX_UPLOAD_TEXT } from '@/db/import/limits';
