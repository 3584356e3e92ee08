import { z } from '@hono/zod-openapi';

/**
 * What the outcomes API answers with (the OpenAPI document's response schemas): profiles, Scotland's
 * overview, inequality, the locality test and communities. test/api-responses.test.ts calls every API route
 * on the national data and parses its answer with these, strictly, so they cannot drift from the handlers
 * (outcomes.service.ts, communities.service.ts, locality-test.ts).
 */

const valueType = z.enum(['raw', 'imputed', 'projected']);
const light = z.enum(['green', 'amber', 'red']);

export const SeriesPoint = z
  .object({
    period: z.string().meta({ description: 'The period as the source labels it, e.g. 2021/22' }),
    periodStart: z.iso.date(),
    value: z.number(),
    valueType,
  })
  .openapi('SeriesPoint');

export const AreaSeries = z
  .object({
    points: z.array(SeriesPoint).meta({ description: 'In period order, projections included' }),
    latest: SeriesPoint.nullable().meta({ description: 'The latest raw or imputed value' }),
    improvementRate: z
      .number()
      .nullable()
      .meta({ description: '(last ÷ first − 1) × 100 over the raw and imputed values (CPOP)' }),
  })
  .openapi('AreaSeries');

export const IndicatorProfile = z
  .object({
    code: z.string(),
    name: z.string(),
    unit: z.string().nullable(),
    higherIsBetter: z.boolean().nullable(),
    prevention: z.boolean().meta({ description: 'Tagged by a national analyst as a measure of prevention' }),
    area: AreaSeries,
    scotland: AreaSeries,
    light: light.nullable().meta({ description: 'CPOP’s traffic light against Scotland' }),
    family: AreaSeries.nullable().meta({ description: 'The mean of the other members of the CPOP family group' }),
    familyLight: light.nullable(),
    change: z
      .object({
        direction: z.enum(['improving', 'maintaining', 'worsening']),
        fromYear: z.number().int(),
        toYear: z.number().int(),
      })
      .nullable(),
  })
  .openapi('IndicatorProfile');

export const OutcomesProfile = z.object({
  partnership: z.object({ code: z.string(), name: z.string(), councilAreaCode: z.string() }),
  indicators: z.array(IndicatorProfile),
});

export const IndicatorChoice = z
  .object({
    code: z.string(),
    name: z.string(),
    framework: z.string().meta({ description: 'CPOP, NPF, LGBF or local' }),
    unit: z.string().nullable(),
    higherIsBetter: z.boolean().nullable(),
  })
  .openapi('IndicatorChoice');

export const ScotlandOverview = z.object({
  indicators: z.array(IndicatorChoice).meta({ description: 'The indicators with values for council areas' }),
  overview: z
    .object({
      indicator: IndicatorChoice,
      scotland: AreaSeries,
      rows: z.array(
        z.object({
          areaCode: z.string(),
          area: z.string(),
          partnershipCode: z.string(),
          familyGroup: z.number().int().nullable().meta({ description: 'The CPOP family group' }),
          series: AreaSeries,
          light: light.nullable(),
          familyLight: light.nullable().meta({ description: 'Against the other members of its family group' }),
          duncan: z
            .object({ year: z.number().int(), value: z.number() })
            .nullable()
            .meta({ description: 'The latest Duncan index' }),
        }),
      ),
    })
    .nullable()
    .meta({ description: 'The chosen indicator (the `indicator` query, or child poverty); null without data' }),
});

export const InequalityProfile = z
  .object({
    indicatorCode: z.string(),
    indicator: z.string(),
    unit: z.string().nullable(),
    higherIsBetter: z.boolean(),
    duncan: z
      .array(z.object({ year: z.number().int(), value: z.number().nullable(), note: z.string().nullable() }))
      .meta({ description: 'The Duncan index year by year (null where the inputs are too incomplete)' }),
    latest: z
      .object({
        year: z.number().int(),
        zones: z.number().int(),
        share: z.number().meta({ description: 'The share of zones at each end (a method parameter)' }),
        mostMean: z.number().nullable(),
        leastMean: z.number().nullable(),
        mostZones: z.number().int(),
        leastZones: z.number().int(),
        gap: z.number().nullable(),
        ratio: z.number().nullable(),
        worse: z.enum(['most deprived', 'least deprived', 'neither']).nullable(),
        sii: z.number().nullable().meta({ description: 'Slope index of inequality' }),
        rii: z.number().nullable().meta({ description: 'Relative index of inequality' }),
      })
      .nullable(),
  })
  .openapi('InequalityProfile');

export const Inequality = z.object({
  partnership: z.object({ code: z.string(), councilAreaCode: z.string() }),
  indicators: z.array(InequalityProfile),
});

const verdict = z.enum([
  'significantly poorer',
  'not significantly different',
  'significantly better',
  'insufficient data',
]);
const comparator = z.enum(['rest of area', 'Scotland']);

export const LocalityComparison = z
  .object({
    comparator,
    comparatorValue: z.number().nullable(),
    difference: z.number().nullable(),
    test: z
      .enum(['two-proportion z-test', 'one-sample proportion z-test', "Welch's t-test", 'one-sample t-test'])
      .nullable(),
    statistic: z.number().nullable().meta({ description: 'z or t' }),
    df: z.number().nullable().meta({ description: 'Degrees of freedom, for the t-tests' }),
    pValue: z.number().nullable(),
    verdict,
    note: z.string().nullable(),
  })
  .openapi('LocalityComparison');

export const LocalityTest = z
  .object({
    parameters: z.object({
      significanceLevel: z.number(),
      minZones: z.number().int(),
      minExpectedCount: z.number(),
    }),
    minPoorer: z.number().int().meta({ description: 'Indicators significantly poorer for a locality to need a plan' }),
    localities: z.array(z.object({ code: z.string(), name: z.string() })),
    indicators: z.array(
      z.object({
        indicatorCode: z.string(),
        indicatorName: z.string(),
        results: z.array(
          z.object({
            code: z.string(),
            name: z.string(),
            value: z.number().nullable().meta({ description: 'Population-weighted mean of its zones' }),
            zones: z.number().int(),
            zonesWithValues: z.number().int(),
            vsArea: LocalityComparison,
            vsScotland: LocalityComparison,
          }),
        ),
      }),
    ),
    summaries: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        poorerThanArea: z.number().int(),
        poorerThanScotland: z.number().int(),
        poorer: z.number().int(),
        tested: z.number().int(),
        insufficient: z.array(z.string()),
        needsPlan: z.boolean(),
        reasons: z.array(
          z.object({
            indicatorCode: z.string(),
            indicatorName: z.string(),
            poorerThan: z.array(comparator),
            value: z.number().nullable(),
            vsArea: LocalityComparison,
            vsScotland: LocalityComparison,
          }),
        ),
      }),
    ),
  })
  .openapi('LocalityTest');

const PartnershipRefJson = z.object({
  code: z.string(),
  name: z.string(),
  councilAreaCode: z.string(),
  fictional: z.boolean(),
});
const CouncilArea = z.object({ code: z.string(), name: z.string(), fictional: z.boolean() });

const CommunityIndicatorFields = {
  code: z.string(),
  name: z.string(),
  unit: z.string().nullable(),
  higherIsBetter: z.boolean().nullable(),
  period: z.string().nullable().meta({ description: 'The year compared: the latest with a value' }),
  communitiesWithValue: z.number().int(),
};

export const CommunityScore = z
  .object({
    period: z.string(),
    value: z.number(),
    valueType,
    zScore: z.number().nullable().meta({ description: 'Against the partnership’s communities; positive is better' }),
    rank: z.number().int().nullable().meta({ description: '1 = best of the partnership’s communities' }),
  })
  .openapi('CommunityScore');

export const Communities = z.object({
  partnership: PartnershipRefJson,
  councilArea: CouncilArea,
  indicators: z.array(z.object(CommunityIndicatorFields)),
  communities: z
    .array(
      z.object({
        code: z.string(),
        name: z.string(),
        scores: z
          .record(z.string(), CommunityScore.nullable())
          .meta({ description: 'By indicator code; null where it has no value in the year compared' }),
        overallScore: z.number().nullable().meta({ description: 'The mean of its z-scores, “in the round”' }),
        overallRank: z.number().int().nullable(),
        indicatorsScored: z.number().int(),
      }),
    )
    .meta({ description: 'Best overall first; those without a score last, by name' }),
  ranked: z.number().int().meta({ description: 'Communities with an overall score' }),
});

const CommunitySeries = z.object({
  points: z.array(SeriesPoint),
  latest: SeriesPoint.nullable(),
});

export const Community = z.object({
  partnership: PartnershipRefJson,
  councilArea: CouncilArea,
  community: z.object({
    code: z.string(),
    name: z.string(),
    overallScore: z.number().nullable(),
    overallRank: z.number().int().nullable(),
    indicatorsScored: z.number().int(),
  }),
  communities: z.number().int().meta({ description: 'Communities in the council area' }),
  ranked: z.number().int(),
  indicators: z.array(
    z.object({
      ...CommunityIndicatorFields,
      community: CommunitySeries,
      councilArea: CommunitySeries,
      scotland: CommunitySeries,
      score: CommunityScore.nullable(),
    }),
  ),
});
