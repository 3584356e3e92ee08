import { z } from 'zod';

/** The queries of the national pages (/scotland, /compare and their CSV and API forms). */

export const SORTS = ['area', 'group', 'latest', 'rate', 'light', 'family', 'duncan'] as const;
export type Sort = (typeof SORTS)[number];

const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const OverviewQuery = z.object({
  indicator: blank(z.string().trim().max(80)),
  sort: blank(z.enum(SORTS, { error: 'Sort by area, group, latest, rate, light, family or duncan' })),
  dir: blank(z.enum(['asc', 'desc'], { error: 'Choose asc or desc' })),
  group: blank(
    z.coerce
      .number({ error: 'Choose a family group from 1 to 4' })
      .int()
      .min(1, { error: 'Choose a family group from 1 to 4' })
      .max(8, { error: 'Choose a family group from 1 to 4' }),
  ),
});
export type OverviewQuery = z.output<typeof OverviewQuery>;

export const CompareQuery = z.object({
  indicator: blank(z.string().trim().max(80)),
  areas: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v.split(',')).map((x) => x.trim()).filter(Boolean))
    .pipe(
      z
        .array(z.string().regex(/^S\d{8}$/, { error: 'Choose council areas by their codes, like S12000047' }))
        .max(6, { error: 'Compare at most six areas at once' }),
    ),
});
