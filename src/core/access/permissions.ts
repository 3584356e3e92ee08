/**
 * The one table of permissions. Each is named `noun:verb`. A role holds exactly the permissions listed
 * for it here and nothing else (deny by default). Partnership roles apply only inside the partnership
 * where the user holds them; national roles apply everywhere.
 */
export const PERMISSIONS = {
  'asset:read': 'Load the stylesheets, scripts and images of the user interface',
  'health:read': 'Ask whether the service is up',
  'area:read': 'Read the geography: Scotland, council areas, localities and their name variants',
  'partnership:list': 'List the partnerships',
  'organisation-type:read': 'Read the types of partner organisation',
  'api-doc:read': 'Read the OpenAPI description of the JSON API',
  'session:create': 'Sign in',
  'session:delete': 'Sign out',
  'account:read': 'Read one’s own account',
  'account:update': 'Change one’s own password',
  'partnership:read': 'Read a partnership’s dashboard, partners, localities and members',
  'partnership:update': 'Change a partnership’s name',
  'organisation:create': 'Add a partner organisation to a partnership',
  'organisation:remove': 'Remove a partner organisation from a partnership',
  'locality:create': 'Define a locality of a partnership',
  'member:manage': 'Give people roles in a partnership, or take them away',
  'audit:read': 'Read the audit trail (a partnership’s, or all for administrators)',
  'user:read': 'List all user accounts',
  'user:manage': 'Create accounts, reset passwords, grant national roles and deactivate accounts',
  'permission:read': 'Read this table of roles and permissions',
  'import:read': 'See which files were imported, when, by whom, with their checksums',
  'import:run': 'Import national open data (geography and statistics)',
  'outcome:read': 'Read outcomes data and the measures computed from it (open data)',
  'deadline:read': 'Use the statutory deadline calculator and read the time limits and working-day calendars',
  'register:read':
    'Read the public registers: participation and asset transfer requests, decision notices, reports, registers of land, annual reports',
  'community-body:register': 'Register a community body (and an account for the person registering it)',
  'community:use': 'Work for one’s own community bodies: their profile, members, requests and attachments',
  'notification:read': 'Read one’s own reminders',
  'request:read':
    'Read every participation and asset transfer request made to a partnership’s authorities, with their deadlines',
  'request:process': 'Acknowledge, validate and decide requests, run outcome improvement processes, agree extensions',
  'community-body:involve': 'Record which community bodies the partnership involves',
  'land-register:manage': 'Add land and buildings to the register of land, or import it from a file',
  'plan:read': 'Read published plans (and, inside one’s partnership, its drafts)',
  'plan:edit': 'Create plans and add their priorities, local outcomes, measures, targets and actions',
  'plan:publish': 'Move a plan through consultation, approval and publication (each approval freezes a version)',
  'progress:update':
    'Record progress: RAG status and narrative (partner officers: on their organisation’s actions), and values of the partnership’s own measures',
  'progress:approve': 'Approve progress updates so that they are published, and update any outcome or measure',
  'resource:commit':
    'Record what a partner commits to a plan (partner officers: their own organisation), or import commitments from a file',
  'outcome:import':
    'Load the partnership’s own data (tidy or Open SDG CSV) for indicators of its own, in its own areas',
  'indicator:tag': 'Tag national indicators as measures of prevention, giving the reason',
  'recommendation:read': 'Read audit reports, their recommendations, progress ratings and the impact table',
  'recommendation:manage': 'Add reports and their recommendations, and rate progress on them (Green, Amber, Red)',
  'recommendation:respond': 'Link the partnership’s improvement actions to the recommendations they answer',
  'improvement:read':
    'Read the partnership’s improvement work: responses to recommendations, self-evaluations (published or not), support requests, draft case studies',
  'self-evaluation:read': 'Read the self-evaluations partnerships have published',
  'self-evaluation:score':
    'Score the partnership against a framework’s criteria with evidence, add frameworks of its own, and publish a year’s self-evaluation',
  'self-evaluation:comment': 'Add a partner’s view to the partnership’s self-evaluation',
  'self-evaluation:compare':
    'See the spread of self-evaluation scores across all partnerships (named only where published)',
  'support:read': 'Read the improvement support national bodies offer',
  'support:offer':
    'Publish and withdraw improvement support offers, follow every request to completion, see needs, gaps and rated impact',
  'support:request': 'Request improvement support for the partnership and give feedback on it',
  'case-study:read': 'Read and search the published good-practice case studies',
  'case-study:edit': 'Write the partnership’s case studies and submit them for publication',
  'case-study:publish': 'Publish submitted case studies to the good-practice library, or return them',
  'national-view:read':
    'Read the national view of all 32 partnerships and the plan stocktake (what each has published)',
  'token:read': 'List one’s own personal API tokens (never their secrets)',
  'token:create': 'Create a personal API token for scripts',
  'token:delete': 'Revoke one’s own personal API tokens',
  'token:manage': 'See every user’s API tokens and revoke any of them',
} as const;

export type Permission = keyof typeof PERMISSIONS;

/**
 * What each permission lets its holder do: only `read`, or also `write` (change anything, even one's own
 * reminders' read state). This is what a read-only API token keeps (core/access/actor.ts). It is listed by
 * hand, not guessed from the name: `partnership:list` reads, while `notification:read` also marks
 * reminders read and `community:use` both reads and writes. The record names every permission, so a new one
 * cannot be added without saying which it is, and test/security/tokens.test.ts checks that no route taking
 * a `read` permission has an unsafe method.
 */
export const PERMISSION_EFFECT: Readonly<Record<Permission, 'read' | 'write'>> = {
  'asset:read': 'read',
  'health:read': 'read',
  'area:read': 'read',
  'partnership:list': 'read',
  'organisation-type:read': 'read',
  'api-doc:read': 'read',
  'session:create': 'write',
  'session:delete': 'write',
  'account:read': 'read',
  'account:update': 'write',
  'partnership:read': 'read',
  'partnership:update': 'write',
  'organisation:create': 'write',
  'organisation:remove': 'write',
  'locality:create': 'write',
  'member:manage': 'write',
  'audit:read': 'read',
  'user:read': 'read',
  'user:manage': 'write',
  'permission:read': 'read',
  'import:read': 'read',
  'import:run': 'write',
  'outcome:read': 'read',
  'deadline:read': 'read',
  'register:read': 'read',
  'community-body:register': 'write',
  'community:use': 'write',
  'notification:read': 'write',
  'request:read': 'read',
  'request:process': 'write',
  'community-body:involve': 'write',
  'land-register:manage': 'write',
  'plan:read': 'read',
  'plan:edit': 'write',
  'plan:publish': 'write',
  'progress:update': 'write',
  'progress:approve': 'write',
  'resource:commit': 'write',
  'outcome:import': 'write',
  'indicator:tag': 'write',
  'recommendation:read': 'read',
  'recommendation:manage': 'write',
  'recommendation:respond': 'write',
  'improvement:read': 'read',
  'self-evaluation:read': 'read',
  'self-evaluation:score': 'write',
  'self-evaluation:comment': 'write',
  'self-evaluation:compare': 'read',
  'support:read': 'read',
  'support:offer': 'write',
  'support:request': 'write',
  'case-study:read': 'read',
  'case-study:edit': 'write',
  'case-study:publish': 'write',
  'national-view:read': 'read',
  'token:read': 'read',
  'token:create': 'write',
  'token:delete': 'write',
  'token:manage': 'write',
};

export function isReadPermission(permission: Permission): boolean {
  return PERMISSION_EFFECT[permission] === 'read';
}

/**
 * The scopes of a personal API token. A scope only narrows what the token's user may do at the time of use
 * (their roles are read at every request); it never adds to it. Migration 0026 holds the same names in a
 * check constraint on `api_tokens.scope`.
 */
export const TOKEN_SCOPES = {
  read: 'Read only: whatever its user may read, and no writes',
  'partnership-write': 'Read as its user, and write only inside one named partnership, as its user may there',
} as const;

export type TokenScope = keyof typeof TOKEN_SCOPES;
export const TOKEN_SCOPE_NAMES = Object.keys(TOKEN_SCOPES) as [TokenScope, ...TokenScope[]];

export const PARTNERSHIP_ROLES = ['viewer', 'partner_officer', 'partnership_manager'] as const;
export type PartnershipRole = (typeof PARTNERSHIP_ROLES)[number];
export const NATIONAL_ROLES = ['national_analyst', 'administrator'] as const;
export type NationalRole = (typeof NATIONAL_ROLES)[number];
export type Role = 'anonymous' | 'signed_in' | PartnershipRole | NationalRole;

export const ROLE_LABELS: Record<Role, string> = {
  anonymous: 'Anyone (not signed in)',
  signed_in: 'Anyone signed in',
  viewer: 'Viewer',
  partner_officer: 'Partner officer',
  partnership_manager: 'Partnership manager',
  national_analyst: 'National analyst',
  administrator: 'Administrator',
};

const PUBLIC: Permission[] = [
  'asset:read',
  'health:read',
  'area:read',
  'partnership:list',
  'organisation-type:read',
  'api-doc:read',
  'session:create',
  'permission:read',
  'import:read',
  'outcome:read',
  'deadline:read',
  'register:read',
  'community-body:register',
  'plan:read',
  'recommendation:read',
  'self-evaluation:read',
  'support:read',
  'case-study:read',
  'national-view:read',
];
const SIGNED_IN: Permission[] = [
  'session:delete',
  'account:read',
  'account:update',
  'community:use',
  'notification:read',
  'token:read',
  'token:create',
  'token:delete',
];
const VIEWER: Permission[] = ['partnership:read', 'request:read', 'improvement:read'];
const PARTNER_OFFICER: Permission[] = [
  ...VIEWER,
  'request:process',
  'land-register:manage',
  'plan:edit',
  'progress:update',
  'resource:commit',
  'self-evaluation:comment',
  'case-study:edit',
];
const MANAGER: Permission[] = [
  ...PARTNER_OFFICER,
  'partnership:update',
  'organisation:create',
  'organisation:remove',
  'locality:create',
  'member:manage',
  'audit:read',
  'community-body:involve',
  'plan:publish',
  'progress:approve',
  'outcome:import',
  'recommendation:respond',
  'self-evaluation:score',
  'support:request',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  anonymous: PUBLIC,
  signed_in: [...PUBLIC, ...SIGNED_IN],
  viewer: VIEWER,
  partner_officer: PARTNER_OFFICER,
  partnership_manager: MANAGER,
  national_analyst: [
    'partnership:read',
    'import:run',
    'request:read',
    'indicator:tag',
    'recommendation:manage',
    'self-evaluation:compare',
    'support:offer',
    'case-study:publish',
  ],
  administrator: Object.keys(PERMISSIONS) as Permission[],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
