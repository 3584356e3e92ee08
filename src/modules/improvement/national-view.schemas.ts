import { z } from 'zod';

/** The national view's query: the reporting year, and the column and direction it is sorted by. */

const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const SORTS = [
  'name',
  'loip',
  'report',
  'recommendations',
  'self_evaluation',
  'green',
  'red',
  'participation',
  'asset_transfer',
] as const;
export type Sort = (typeof SORTS)[number];

export const NationalQuery = z.object({
  year: blank(
    z.coerce
      .number({ error: 'Enter the reporting year as the year it begins, like 2025' })
      .int({ error: 'Enter the reporting year as the year it begins, like 2025' })
      .min(2016, { error: 'Enter a year from 2016' })
      .max(2100, { error: 'Enter a year up to 2100' }),
  ),
  sort: blank(z.enum(SORTS, { error: `Sort by ${SORTS.join(', ')}` })),
  dir: blank(z.enum(['asc', 'desc'], { error: 'Choose asc or desc' })),
});
export type NationalQuery = z.output<typeof NationalQuery>;

/** The direction a column is sorted in when none is asked for: names and report timeliness up, the rest down. */
export function defaultDir(sort: Sort): 'asc' | 'desc' {
  return sort === 'name' || sort === 'report' ? 'asc' : 'desc';
}
