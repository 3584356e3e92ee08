/**
 * The Community Planning Outcomes Profile's indicators (Improvement Service, September 2023 edition):
 * the names CPOP's data files use, the unit from each indicator's published definition (CPOP
 * Metadata.csv), and polarity — whether a higher value is better — as CPOP's community data states it
 * (the "High is Positive" column of IGZ_latest.csv, for the eight community indicators) or the definitions
 * state or imply it (e.g. "Higher scores indicate greater levels of well-being"; "A rising index indicates
 * an increasingly fragile demographic"). Kept as data: a partnership or analyst can see and question every one.
 */
export const CPOP_SOURCE = 'Improvement Service, Community Planning Outcomes Profile, September 2023';

export interface CpopIndicatorFact {
  code: string;
  name: string;
  unit: string | null;
  higherIsBetter: boolean;
  /** Published at intermediate-zone level as well as for the partnership. */
  community: boolean;
}

export const CPOP_INDICATORS: readonly CpopIndicatorFact[] = [
  {
    code: 'cpop-healthy-birthweight',
    name: 'Healthy Birthweight',
    unit: '% of babies',
    higherIsBetter: true,
    community: false,
  },
  {
    code: 'cpop-p1-bmi',
    name: 'Primary 1 Body Mass Index',
    unit: '% of P1 children with a healthy BMI',
    higherIsBetter: true,
    community: false,
  },
  {
    code: 'cpop-child-poverty',
    name: 'Child Poverty',
    unit: '% of children in low income families',
    higherIsBetter: false,
    community: true,
  },
  {
    code: 'cpop-attainment',
    name: 'Attainment',
    unit: 'average highest attainment score',
    higherIsBetter: true,
    community: true,
  },
  { code: 'cpop-participation-rate', name: 'Participation Rate', unit: '%', higherIsBetter: true, community: true },
  {
    code: 'cpop-positive-destinations',
    name: 'Positive Destinations',
    unit: '% of school leavers',
    higherIsBetter: true,
    community: false,
  },
  {
    code: 'cpop-employment-rate',
    name: 'Employment Rate',
    unit: '% of the economically active aged 16-64',
    higherIsBetter: true,
    community: false,
  },
  { code: 'cpop-median-earnings', name: 'Median Earnings', unit: '£', higherIsBetter: true, community: false },
  {
    code: 'cpop-out-of-work-benefits',
    name: 'Out of Work Benefits',
    unit: '% of people aged 16-64',
    higherIsBetter: false,
    community: true,
  },
  {
    code: 'cpop-business-survival',
    name: 'Business Survival',
    unit: '% of new enterprises surviving 3 years',
    higherIsBetter: true,
    community: false,
  },
  {
    code: 'cpop-crime-rate',
    name: 'Crime Rate',
    unit: 'per 10,000 working age population',
    higherIsBetter: false,
    community: true,
  },
  {
    code: 'cpop-dwelling-fires',
    name: 'Dwelling Fires',
    unit: 'per 100,000 population',
    higherIsBetter: false,
    community: false,
  },
  {
    code: 'cpop-carbon-emissions',
    name: 'Carbon Emissions',
    unit: 'CO2 per capita',
    higherIsBetter: false,
    community: false,
  },
  {
    code: 'cpop-emergency-admissions',
    name: 'Emergency Admissions',
    unit: 'per 100,000 population aged 65+',
    higherIsBetter: false,
    community: true,
  },
  {
    code: 'cpop-unplanned-attendances',
    name: 'Unplanned Hospital Attendances',
    unit: 'per 100,000 population',
    higherIsBetter: false,
    community: false,
  },
  {
    code: 'cpop-early-mortality',
    name: 'Early Mortality',
    unit: 'deaths under 75 per 100,000 (age standardised)',
    higherIsBetter: false,
    community: true,
  },
  { code: 'cpop-fragility', name: 'Fragility', unit: 'index', higherIsBetter: false, community: false },
  { code: 'cpop-well-being', name: 'Well-being', unit: 'score', higherIsBetter: true, community: false },
  { code: 'cpop-fuel-poverty', name: 'Fuel Poverty', unit: '% of households', higherIsBetter: false, community: false },
  // CPOP's own community data marks Depopulation "High is Positive" (IGZ_latest.csv): the measure is a
  // population index, higher where fewer people have left.
  { code: 'cpop-depopulation', name: 'Depopulation', unit: 'population index', higherIsBetter: true, community: true },
];
