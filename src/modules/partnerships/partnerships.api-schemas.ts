import { z } from '@hono/zod-openapi';
import { PARTNERSHIP_ROLES } from '../../core/access/permissions.ts';
import { AREA_LEVELS, MEMBERSHIP_KINDS } from '../../db/schema.ts';

/**
 * What the partnerships API answers with (the OpenAPI document's response schemas). The forms' and JSON
 * bodies' schemas are in partnerships.schemas.ts. test/api-responses.test.ts calls every API route and parses
 * its answer with these, strictly, so they cannot drift from the handlers.
 */

const ORGANISATION_CATEGORIES = [
  'statutory_partner',
  'community',
  'third_sector',
  'business',
  'national',
  'other',
] as const;

export const PartnershipSummary = z
  .object({
    code: z.string().meta({ description: 'The partnership’s key in URLs, e.g. aberdeen-city' }),
    name: z.string(),
    councilAreaCode: z.string(),
    councilAreaName: z.string(),
    fictional: z.boolean().meta({ description: 'Demo content, invented' }),
    organisationCount: z.number().int(),
  })
  .openapi('PartnershipSummary');

export const PartnershipList = z.object({ data: z.array(PartnershipSummary) });

export const PartnerOrganisation = z
  .object({
    id: z.number().int(),
    name: z.string(),
    website: z.string().nullable(),
    type_code: z.string(),
    type_name: z.string(),
    category: z.enum(ORGANISATION_CATEGORIES),
    sort_order: z.number().int(),
    kind: z.enum(MEMBERSHIP_KINDS).meta({ description: 'How the organisation takes part in the partnership' }),
    joined_on: z.iso.date().nullable(),
    owner_partnership_id: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'The partnership that keeps this record; null for national bodies' }),
    fictional: z.boolean(),
  })
  .openapi('PartnerOrganisation');

export const PartnerOrganisationList = z.object({ data: z.array(PartnerOrganisation) });

export const Locality = z
  .object({
    code: z.string(),
    name: z.string(),
    fictional: z.boolean(),
    components: z.array(z.object({ code: z.string(), name: z.string(), level: z.enum(AREA_LEVELS) })),
  })
  .openapi('Locality');

export const LocalityList = z.object({ data: z.array(Locality) });

export const StatutoryCoverage = z.object({
  code: z.string(),
  name: z.string(),
  note: z.string().nullable(),
  legalBasis: z.string().nullable(),
  members: z.array(z.string()).meta({ description: 'The partnership’s organisations of this type, by name' }),
});

export const PartnershipDetail = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    councilAreaCode: z.string(),
    fictional: z.boolean(),
    organisations: z.array(PartnerOrganisation),
    statutoryCoverage: z.array(StatutoryCoverage).meta({
      description: 'Each statutory partner type of schedule 1 of the 2015 Act, with the members of that type',
    }),
    localities: z.array(Locality),
  })
  .openapi('Partnership');

export const Membership = z.object({
  data: z
    .object({
      partnership_id: z.number().int(),
      organisation_id: z.number().int(),
      kind: z.enum(MEMBERSHIP_KINDS),
      joined_on: z.iso.date().nullable(),
      created_at: z.iso.datetime(),
    })
    .meta({ description: 'The organisation’s membership of the partnership, as recorded' }),
});

export const CreatedLocality = z.object({
  data: z.object({
    code: z.string().meta({ description: 'The new locality’s code: the council area’s code and -L01, -L02, …' }),
    name: z.string(),
    components: z.array(z.string()).meta({ description: 'The codes of the areas it is made of' }),
  }),
});

export const Member = z
  .object({
    id: z.number().int(),
    email: z.string(),
    display_name: z.string(),
    active: z.boolean(),
    role: z.enum(PARTNERSHIP_ROLES),
    created_at: z.iso.datetime().meta({ description: 'When the role was given' }),
    organisation_name: z.string().nullable(),
  })
  .openapi('Member');

export const MemberList = z.object({ data: z.array(Member) });

export const OrganisationType = z
  .object({
    code: z.string(),
    name: z.string(),
    category: z.enum(ORGANISATION_CATEGORIES),
    legal_basis: z.string().nullable(),
    note: z.string().nullable(),
    sort_order: z.number().int(),
  })
  .openapi('OrganisationType');

export const OrganisationTypeList = z.object({ data: z.array(OrganisationType) });
