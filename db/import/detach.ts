/**
 * A copy of a string that shares no memory with the text it was cut from.
 *
 * Papaparse's values are V8 "sliced strings": views into the ~1 MB decoded chunk they came from,
 * and a key built from them (`${code}|${year}`) is a view of views. Kept in a long-lived map,
 * one such key keeps its whole chunk alive — a streamed 1 M-row file would end up entirely in
 * memory through its duplicate-check keys. What outlives a chunk is detached first.
 */
export function detach(s: string): string {
  return s.length === 0 ? '' : Buffer.from(s, 'utf8').toString('utf8');
}

/** A problem that outlives its chunk (kept for the report): every string in it detached. */
export function detachDeep<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
