import { z } from 'zod';
import { NATIONAL_ROLES, PARTNERSHIP_ROLES } from '../../core/access/permissions.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.ts';

export const email = z
  .string({ error: 'Enter an email address' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.org' }).max(254));

export const newPassword = z
  .string({ error: 'Enter a new password' })
  .min(PASSWORD_MIN_LENGTH, { error: `Use at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH, { error: `Use at most ${PASSWORD_MAX_LENGTH} characters` });

export const LoginSchema = z.object({
  email,
  password: z
    .string({ error: 'Enter your password' })
    .min(1, { error: 'Enter your password' })
    .max(PASSWORD_MAX_LENGTH),
  next: z.string().optional(),
});

export const ChangePasswordSchema = z
  .object({
    current_password: z
      .string({ error: 'Enter your current password' })
      .min(1, { error: 'Enter your current password' }),
    new_password: newPassword,
    confirm_password: z.string({ error: 'Enter the new password again' }),
  })
  .refine((v) => v.new_password === v.confirm_password, {
    path: ['confirm_password'],
    error: 'The two new passwords do not match',
  });

export const displayName = z
  .string({ error: 'Enter a name' })
  .trim()
  .min(1, { error: 'Enter a name' })
  .max(120, { error: 'Use at most 120 characters' });

export const CreateUserSchema = z.object({
  email,
  display_name: displayName,
  national_role: z.enum(NATIONAL_ROLES, { error: 'Choose a national role, or none' }).optional(),
});

export const partnershipRole = z.enum(PARTNERSHIP_ROLES, {
  error: 'Choose a role: viewer, partner officer or partnership manager',
});
