/**
 * One schema-based reader per page family: each family declares its URL parameters as a zod shape
 * and reads pages' `searchParams` and route handlers' URLSearchParams through it. Every field
 * catches its own bad value (arrays, garbage, numbers out of range), so a hostile URL reads as
 * "no value" for that field and never throws.
 */
import { z } from 'zod';
import type { SearchParams } from '@/app/lib/search-params';

/** The first value of a repeated parameter; an empty value is no value. */
function firstValue(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : undefined;
}

/** Free text (a department name, a policy path, a search term): the first value, as typed. */
export const textParam = () => z.preprocess(firstValue, z.string().optional()).catch(undefined);

/** An integer that fits PostgreSQL's `integer` (ids, years, pages); anything else is no value. */
export const intParam = () =>
  z
    .preprocess(
      firstValue,
      z
        .string()
        .regex(/^-?\d{1,10}$/)
        .transform(Number)
        .pipe(z.number().int().min(-2147483648).max(2147483647))
        .optional(),
    )
    .catch(undefined);

/** A page number: 1 when missing, garbage or below 1. */
export const pageParam = () => intParam().transform((n) => Math.max(1, n ?? 1));

/** One of a fixed set of values; anything else is no value. */
export const choiceParam = <const T extends string>(values: readonly T[]) =>
  z
    .preprocess(
      firstValue,
      z
        .string()
        .refine((v) => (values as readonly string[]).includes(v))
        .transform((v) => v as T)
        .optional(),
    )
    .catch(undefined);

/** Every value of a parameter that may repeat (`rules=a&rules=b`), in order. */
export const listParam = () => z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.string())).catch([]);

/** URLSearchParams (route handlers) as the record pages receive, repeated keys as arrays. */
export function searchParamsRecord(params: URLSearchParams): SearchParams {
  const record: SearchParams = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? values[0] : values;
  }
  return record;
}

export interface UrlReader<S extends z.ZodRawShape> {
  /** Every parameter the family reads (the page cache keys its pages on them alone). */
  names: readonly (keyof S & string)[];
  /** The parameters of a page's `searchParams` or a route's URL, each field typed and checked. */
  read: (params: SearchParams | URLSearchParams) => z.output<z.ZodObject<S>>;
}

export function urlReader<S extends z.ZodRawShape>(shape: S): UrlReader<S> {
  const schema = z.object(shape);
  return {
    names: Object.keys(shape) as (keyof S & string)[],
    read: (params) => schema.parse(params instanceof URLSearchParams ? searchParamsRecord(params) : params),
  };
}
