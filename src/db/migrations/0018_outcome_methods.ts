import type { Kysely } from 'kysely';
import { runStatements } from './run.ts';

/**
 * The parameters of the remaining outcome methods, as data: the criteria for change (improving /
 * maintaining / worsening) per indicator with a default row '*', the share of communities compared as
 * most and least income-deprived, and the locality test's significance level and minimum data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // indicator_code has no foreign key: the default row '*' is no indicator.
    `CREATE TABLE change_criteria (
       indicator_code text PRIMARY KEY,
       kind text NOT NULL CHECK (kind IN ('relative', 'absolute')),
       threshold numeric NOT NULL CHECK (threshold >= 0),
       years_back smallint NOT NULL CHECK (years_back >= 1),
       source text NOT NULL
     )`,
    `INSERT INTO change_criteria (indicator_code, kind, threshold, years_back, source) VALUES
       ('*', 'relative', 0.01, 1,
        'Cairn default: the NPF rates each national indicator by its own criteria for change between the last two data points (DOMAIN.md section 4; SPICe, How is Scotland performing?, 2022), and sets no general rule; 1% of the earlier value is the annual report''s maintained_band in method_parameters, so outcome pages and annual reports agree. Set a row per indicator to use its own criteria.')`,
    `INSERT INTO method_parameters (method, name, value, description, source) VALUES
       ('deprivation_extremes', 'deprived_share', 0.1,
        'Share of a partnership''s communities compared as its most and its least income-deprived (least = ceil(share x n) zones, most = max(1, floor(share x n)), as dplyr::ntile gives)',
        'Improvement Service, CPOP: Other Code/8. Create income deciles.R and 9. PrepDecileData.R (tenths 1 and 10 within each CPP); DOMAIN.md section 5'),
       ('locality_test', 'significance_level', 0.05,
        'Two-sided significance level at which a locality''s outcome counts as significantly poorer (or better) than the rest of the area or Scotland',
        'Cairn default: the conventional 5% level, matching the 95% confidence intervals of ScotPHO profiles; Community Empowerment (Scotland) Act 2015 s.10 does not set one'),
       ('locality_test', 'min_zones', 3,
        'Fewest zones with data on each side of a locality comparison; below it the verdict is insufficient data',
        'Cairn default: a t-test needs at least two zones a side for a variance; three give each variance two degrees of freedom'),
       ('locality_test', 'min_expected_count', 5,
        'Smallest expected count (n x p and n x (1 - p)) for the normal approximation of the proportion z-tests; below it the zone values are compared by t-tests',
        'The usual rule of thumb for the normal approximation to the binomial (np >= 5 and n(1 - p) >= 5)'),
       ('locality_test', 'min_poorer_indicators', 1,
        'Indicators on which a locality must be significantly poorer before Cairn lists it as needing a locality plan',
        'Community Empowerment (Scotland) Act 2015 s.10: a locality plan is needed where residents experience significantly poorer outcomes; one such outcome is enough to raise the question')`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    "DELETE FROM method_parameters WHERE method IN ('deprivation_extremes', 'locality_test')",
    'DROP TABLE change_criteria',
  ]);
}
