/**
 * What can be wrong with the upload form itself (before any checking of the file): the upload
 * route answers with a redirect to the page carrying one of these in the URL, so the form shows
 * its message with or without JavaScript.
 */
import type { ImportText } from './text';
import { MAX_UPLOAD_TEXT } from './limits';

export type UploadProblem =
  | { code: 'no-file' }
  | { code: 'too-large' }
  | { code: 'name-without-code' }
  | { code: 'bad-mapping'; detail: string }
  | { code: 'bad-profile'; detail: string }
  | { code: 'bad-fiscal-year'; detail: string };

/** Long enough for a JSON parser's message, short enough for a URL. */
const MAX_DETAIL = 200;

export function uploadProblemSearch(problem: UploadProblem): string {
  const params = new URLSearchParams({ upload: problem.code });
  if ('detail' in problem) params.set('detail', problem.detail.slice(0, MAX_DETAIL));
  return `?${params}`;
}

/** The form's message for the URL's `upload` and `detail`, or null when there is none. */
export function uploadProblemText(form: ImportText['form'], code: unknown, detail: unknown): string | null {
  const d = typeof detail === 'string' ? detail.slice(0, MAX_DETAIL) : '';
  switch (code) {
    case 'no-file':
      return form.noFile;
    case 'too-large':
      return form.tooLarge(MAX_UPLOAD_TEXT);
    case 'name-without-code':
      return form.nameWithoutCode;
    case 'bad-mapping':
      return form.badMapping(d);
    case 'bad-profile':
      return form.badProfile(d);
    case 'bad-fiscal-year':
      return form.badFiscalYear(d);
    default:
      return null;
  }
}
