/**
 * Scotland and its 32 council areas: GSS codes and official names (facts, typed here; the data files in
 * ../shared/data are read by importers, never copied). Codes and names as in the statistics.gov.scot
 * data zone 2011 lookup; name variants as seen in the CPOP, LGBF, NPF and SIMD publications; previous
 * codes from the 2018/19 boundary changes (NRS).
 */
export const SCOTLAND = { code: 'S92000003', name: 'Scotland' } as const;

export const COUNCIL_AREAS_SOURCE = 'statistics.gov.scot data zone 2011 lookup (OGL v3)';
export const NAME_VARIANTS_SOURCE = 'Variants seen in CPOP Sep 2023, LGBF Jan 2022, NPF database, SIMD 2020v2';
export const CODE_CHANGES_SOURCE = 'NRS: council area codes changed in 2018/19 boundary revisions';

export interface CouncilAreaFact {
  code: string;
  name: string;
  variants: string[];
  previousCode?: string;
}

export const COUNCIL_AREAS: readonly CouncilAreaFact[] = [
  { code: 'S12000005', name: 'Clackmannanshire', variants: [] },
  { code: 'S12000006', name: 'Dumfries and Galloway', variants: ['Dumfries & Galloway'] },
  { code: 'S12000008', name: 'East Ayrshire', variants: [] },
  { code: 'S12000010', name: 'East Lothian', variants: [] },
  { code: 'S12000011', name: 'East Renfrewshire', variants: [] },
  {
    code: 'S12000013',
    name: 'Na h-Eileanan Siar',
    variants: [
      'Na h-Eileanan an Iar',
      'Eilean Siar',
      'Na-h Eileanan Siar',
      'Comhairle nan Eilean Siar',
      'Western Isles',
    ],
  },
  { code: 'S12000014', name: 'Falkirk', variants: [] },
  { code: 'S12000017', name: 'Highland', variants: [] },
  { code: 'S12000018', name: 'Inverclyde', variants: [] },
  { code: 'S12000019', name: 'Midlothian', variants: [] },
  { code: 'S12000020', name: 'Moray', variants: [] },
  { code: 'S12000021', name: 'North Ayrshire', variants: [] },
  { code: 'S12000023', name: 'Orkney Islands', variants: ['Orkney'] },
  { code: 'S12000026', name: 'Scottish Borders', variants: [] },
  { code: 'S12000027', name: 'Shetland Islands', variants: ['Shetland'] },
  { code: 'S12000028', name: 'South Ayrshire', variants: [] },
  { code: 'S12000029', name: 'South Lanarkshire', variants: [] },
  { code: 'S12000030', name: 'Stirling', variants: [] },
  { code: 'S12000033', name: 'Aberdeen City', variants: ['Aberdeen'] },
  { code: 'S12000034', name: 'Aberdeenshire', variants: [] },
  { code: 'S12000035', name: 'Argyll and Bute', variants: ['Argyll & Bute', 'Argyle & Bute'] },
  { code: 'S12000036', name: 'City of Edinburgh', variants: ['Edinburgh, City of', 'Edinburgh City', 'Edinburgh'] },
  { code: 'S12000038', name: 'Renfrewshire', variants: [] },
  { code: 'S12000039', name: 'West Dunbartonshire', variants: [] },
  { code: 'S12000040', name: 'West Lothian', variants: [] },
  { code: 'S12000041', name: 'Angus', variants: [] },
  { code: 'S12000042', name: 'Dundee City', variants: ['Dundee'] },
  { code: 'S12000045', name: 'East Dunbartonshire', variants: [] },
  { code: 'S12000047', name: 'Fife', variants: [], previousCode: 'S12000015' },
  { code: 'S12000048', name: 'Perth and Kinross', variants: ['Perth & Kinross'], previousCode: 'S12000024' },
  { code: 'S12000049', name: 'Glasgow City', variants: ['Glasgow'], previousCode: 'S12000046' },
  { code: 'S12000050', name: 'North Lanarkshire', variants: [], previousCode: 'S12000044' },
];

/** "City of Edinburgh" → "city-of-edinburgh": the partnership's URL key. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
