/**
 * The demo partnership. Everything here is fictional and flagged so in the database (`fictional`):
 * Glenlochy does not exist, and nor do its people, places or local organisations. It links to real
 * national bodies (Police Scotland and others) only as partners of a fictional partnership.
 */
export const DEMO_PASSWORD = 'cairn-demo-password';

export const DEMO_AREA = { code: 'DEMO-GLENLOCHY', name: 'Glenlochy (fictional)' };

export const DEMO_PARTNERSHIP = { code: 'glenlochy-demo', name: 'Glenlochy Community Planning Partnership (demo)' };

export const DEMO_ZONES = [
  { code: 'DEMO-IZ-01', name: 'Kilbrae North' },
  { code: 'DEMO-IZ-02', name: 'Kilbrae South' },
  { code: 'DEMO-IZ-03', name: 'Strathmorrow' },
  { code: 'DEMO-IZ-04', name: 'Glenlochy Town Centre' },
  { code: 'DEMO-IZ-05', name: 'Glenlochy West' },
  { code: 'DEMO-IZ-06', name: 'Lochside' },
  { code: 'DEMO-IZ-07', name: 'Ardnamoine' },
  { code: 'DEMO-IZ-08', name: 'Balnacraig' },
];

export const DEMO_LOCALITIES = [
  { name: 'Kilbrae', components: ['DEMO-IZ-01', 'DEMO-IZ-02'] },
  { name: 'Strathmorrow and Lochside', components: ['DEMO-IZ-03', 'DEMO-IZ-06'] },
  { name: 'Glenlochy Town', components: ['DEMO-IZ-04', 'DEMO-IZ-05'] },
  { name: 'Glens and Villages', components: ['DEMO-IZ-07', 'DEMO-IZ-08'] },
];

/** Local organisations, created as the partnership's own. */
export const DEMO_ORGANISATIONS = [
  { name: 'Glenlochy Council', type_code: 'local_authority', kind: 'statutory_partner' },
  { name: 'NHS Glenlochy', type_code: 'health_board', kind: 'statutory_partner' },
  { name: 'Glenlochy Integration Joint Board', type_code: 'integration_joint_board', kind: 'statutory_partner' },
  { name: 'Glenlochy College', type_code: 'regional_college', kind: 'statutory_partner' },
  { name: 'Glenlochy Third Sector Interface', type_code: 'third_sector_interface', kind: 'partner' },
  { name: 'Kilbrae Community Council', type_code: 'community_body', kind: 'community' },
  { name: 'Strathmorrow Development Trust', type_code: 'community_body', kind: 'community' },
] as const;

/** Real national bodies linked as partners of the fictional partnership. */
export const DEMO_NATIONAL_PARTNERS = [
  'Police Scotland',
  'Scottish Fire and Rescue Service',
  'Skills Development Scotland',
  'Scottish Enterprise',
  'NatureScot',
];

export const DEMO_USERS = [
  {
    email: 'manager@glenlochy.example',
    display_name: 'Morag Henderson',
    organisation: 'Glenlochy Council',
    role: 'partnership_manager',
  },
  {
    email: 'officer@glenlochy.example',
    display_name: 'Ravi Sharma',
    organisation: 'NHS Glenlochy',
    role: 'partner_officer',
  },
  {
    email: 'viewer@glenlochy.example',
    display_name: 'Eilidh Fraser',
    organisation: 'Kilbrae Community Council',
    role: 'viewer',
  },
  { email: 'analyst@cairn.example', display_name: 'Callum Reid', organisation: null, national: 'national_analyst' },
  { email: 'admin@cairn.example', display_name: 'Ishbel Grant', organisation: null, national: 'administrator' },
] as const;
