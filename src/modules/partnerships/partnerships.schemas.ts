import { z } from 'zod';
import { MEMBERSHIP_KINDS } from '../../db/schema.ts';
import { displayName, email, partnershipRole } from '../accounts/index.ts';

const optionalUrl = z
  .string()
  .trim()
  .max(500)
  .pipe(z.url({ protocol: /^https?$/, error: 'Enter a web address starting with https:// or http://' }))
  .optional();

const date = z.iso.date({ error: 'Enter a date in the form YYYY-MM-DD' });

/**
 * Add a partner: either link an existing organisation (organisation_id) or create a new one owned by
 * this partnership (name and type_code).
 */
export const AddOrganisationSchema = z
  .object({
    organisation_id: z.coerce.number({ error: 'Choose an organisation' }).int().positive().optional(),
    name: z
      .string()
      .trim()
      .min(2, { error: 'Enter the organisation’s name' })
      .max(200, { error: 'Use at most 200 characters' })
      .optional(),
    type_code: z.string().trim().max(64).optional(),
    website: optionalUrl,
    kind: z.enum(MEMBERSHIP_KINDS, { error: 'Choose how the organisation takes part' }),
    joined_on: date.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.organisation_id === undefined && v.name === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['organisation_id'],
        message: 'Choose an existing organisation, or enter the name of a new one',
      });
    }
    if (v.organisation_id !== undefined && v.name !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'Either choose an existing organisation or enter a new name, not both',
      });
    }
    if (v.name !== undefined && v.type_code === undefined) {
      ctx.addIssue({ code: 'custom', path: ['type_code'], message: 'Choose the type of the new organisation' });
    }
  });

const areaCodeList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => {
    const list = Array.isArray(v) ? v : (v ?? '').split(/[\s,;]+/);
    return [...new Set(list.map((s) => s.trim().toUpperCase()).filter(Boolean))];
  });

export const CreateLocalitySchema = z.object({
  name: z
    .string({ error: 'Enter the locality’s name' })
    .trim()
    .min(2, { error: 'Enter the locality’s name' })
    .max(120, { error: 'Use at most 120 characters' }),
  components: areaCodeList,
});

export const AddMemberSchema = z.object({
  email,
  display_name: displayName.optional(),
  role: partnershipRole,
});

export const RenamePartnershipSchema = z.object({
  name: z
    .string({ error: 'Enter the partnership’s name' })
    .trim()
    .min(3, { error: 'Enter the partnership’s name' })
    .max(200, { error: 'Use at most 200 characters' }),
});
