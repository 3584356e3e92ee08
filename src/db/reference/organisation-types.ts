/**
 * Types of partner organisation. The statutory partner types are those of Schedule 1 of the Community
 * Empowerment (Scotland) Act 2015 (community planning partners, besides the local authority); the rest
 * are the other kinds of body a partnership works with.
 */
export const SCHEDULE_1 = 'Community Empowerment (Scotland) Act 2015, s.4 and schedule 1';

export interface OrganisationTypeFact {
  code: string;
  name: string;
  category: 'statutory_partner' | 'community' | 'third_sector' | 'business' | 'national' | 'other';
  legalBasis: string | null;
  note?: string;
}

export const ORGANISATION_TYPES: readonly OrganisationTypeFact[] = [
  {
    code: 'local_authority',
    name: 'Local authority (council)',
    category: 'statutory_partner',
    legalBasis: 'Community Empowerment (Scotland) Act 2015, s.4',
  },
  {
    code: 'regional_college',
    name: 'Board of management of a regional college',
    category: 'statutory_partner',
    legalBasis: SCHEDULE_1,
  },
  {
    code: 'police',
    name: 'Chief Constable of the Police Service of Scotland',
    category: 'statutory_partner',
    legalBasis: SCHEDULE_1,
  },
  { code: 'health_board', name: 'Health Board', category: 'statutory_partner', legalBasis: SCHEDULE_1 },
  {
    code: 'hie',
    name: 'Highlands and Islands Enterprise',
    category: 'statutory_partner',
    legalBasis: SCHEDULE_1,
    note: 'Where its area includes the partnership area.',
  },
  {
    code: 'historic_environment_scotland',
    name: 'Historic Environment Scotland',
    category: 'statutory_partner',
    legalBasis: SCHEDULE_1,
  },
  {
    code: 'integration_joint_board',
    name: 'Integration joint board',
    category: 'statutory_partner',
    legalBasis: SCHEDULE_1,
  },
  {
    code: 'national_park_authority',
    name: 'National Park authority',
    category: 'statutory_partner',
    legalBasis: SCHEDULE_1,
    note: 'Where a National Park lies in the partnership area.',
  },
  {
    code: 'regional_strategic_body',
    name: 'Regional strategic body (further education)',
    category: 'statutory_partner',
    legalBasis: SCHEDULE_1,
  },
  {
    code: 'scottish_enterprise',
    name: 'Scottish Enterprise',
    category: 'statutory_partner',
    legalBasis: SCHEDULE_1,
    note: 'Where its area includes the partnership area.',
  },
  {
    code: 'sepa',
    name: 'Scottish Environment Protection Agency',
    category: 'statutory_partner',
    legalBasis: SCHEDULE_1,
  },
  {
    code: 'fire_and_rescue',
    name: 'Scottish Fire and Rescue Service',
    category: 'statutory_partner',
    legalBasis: SCHEDULE_1,
  },
  {
    code: 'naturescot',
    name: 'NatureScot (Scottish Natural Heritage)',
    category: 'statutory_partner',
    legalBasis: SCHEDULE_1,
  },
  {
    code: 'sportscotland',
    name: 'sportscotland (Scottish Sports Council)',
    category: 'statutory_partner',
    legalBasis: SCHEDULE_1,
  },
  {
    code: 'skills_development_scotland',
    name: 'Skills Development Scotland',
    category: 'statutory_partner',
    legalBasis: SCHEDULE_1,
  },
  {
    code: 'regional_transport_partnership',
    name: 'Regional Transport Partnership',
    category: 'statutory_partner',
    legalBasis: SCHEDULE_1,
  },
  { code: 'visitscotland', name: 'VisitScotland', category: 'statutory_partner', legalBasis: SCHEDULE_1 },
  {
    code: 'community_body',
    name: 'Community body',
    category: 'community',
    legalBasis: null,
    note: 'Community councils, development trusts, tenants’ and residents’ groups, informal groups.',
  },
  { code: 'third_sector_interface', name: 'Third sector interface', category: 'third_sector', legalBasis: null },
  { code: 'third_sector_organisation', name: 'Third sector organisation', category: 'third_sector', legalBasis: null },
  { code: 'business', name: 'Business', category: 'business', legalBasis: null },
  {
    code: 'national_body',
    name: 'National body',
    category: 'national',
    legalBasis: null,
    note: 'Scottish Government, COSLA, Improvement Service, Public Health Scotland, scrutiny bodies.',
  },
  { code: 'other', name: 'Other organisation', category: 'other', legalBasis: null },
];

/** National bodies that exist as facts; partnerships link to them rather than each keeping a copy. */
export const NATIONAL_ORGANISATIONS: readonly { name: string; type: string; website: string }[] = [
  { name: 'Police Scotland', type: 'police', website: 'https://www.scotland.police.uk' },
  { name: 'Scottish Fire and Rescue Service', type: 'fire_and_rescue', website: 'https://www.firescotland.gov.uk' },
  { name: 'Scottish Enterprise', type: 'scottish_enterprise', website: 'https://www.scottish-enterprise.com' },
  { name: 'Highlands and Islands Enterprise', type: 'hie', website: 'https://www.hie.co.uk' },
  {
    name: 'Historic Environment Scotland',
    type: 'historic_environment_scotland',
    website: 'https://www.historicenvironment.scot',
  },
  { name: 'Scottish Environment Protection Agency', type: 'sepa', website: 'https://www.sepa.org.uk' },
  { name: 'NatureScot', type: 'naturescot', website: 'https://www.nature.scot' },
  { name: 'sportscotland', type: 'sportscotland', website: 'https://sportscotland.org.uk' },
  {
    name: 'Skills Development Scotland',
    type: 'skills_development_scotland',
    website: 'https://www.skillsdevelopmentscotland.co.uk',
  },
  { name: 'VisitScotland', type: 'visitscotland', website: 'https://www.visitscotland.org' },
  { name: 'Scottish Government', type: 'national_body', website: 'https://www.gov.scot' },
  { name: 'COSLA', type: 'national_body', website: 'https://www.cosla.gov.uk' },
  { name: 'Improvement Service', type: 'national_body', website: 'https://www.improvementservice.org.uk' },
  { name: 'Public Health Scotland', type: 'national_body', website: 'https://publichealthscotland.scot' },
  { name: 'Audit Scotland', type: 'national_body', website: 'https://www.audit-scotland.gov.uk' },
];
