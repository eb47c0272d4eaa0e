import { z } from 'zod';

import { ROLES } from '../../../../common/enums';
import { idSchema, pageQuery, requiredText } from '../../shared/http/schemas';

export const loginBody = z
  .object({
    username: requiredText(64),
    password: z.string().min(1).max(256),
  })
  .strict();

export const passwordBody = z
  .object({
    currentPassword: z.string().min(1).max(256),
    newPassword: z.string().min(8).max(128),
  })
  .strict();

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  countyId: z.string(),
  communityId: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  departmentId: z.string().nullable(),
  mustChangePassword: z.boolean(),
});

export const sessionResponse = z.object({ user: sessionUserSchema, csrfToken: z.string() });

export const createUserBody = z
  .object({
    username: requiredText(64).regex(/^[A-Za-z0-9_.@-]+$/, 'letters, digits and _ . @ - only'),
    displayName: requiredText(64),
    password: z.string().min(8).max(128),
    role: z.enum(ROLES),
    countyId: idSchema.optional(),
    communityId: idSchema.nullable().optional(),
    enterpriseId: idSchema.nullable().optional(),
    departmentId: idSchema.nullable().optional(),
  })
  .strict();

export const listUsersQuery = z
  .object({ role: z.enum(ROLES).optional(), communityId: idSchema.optional(), ...pageQuery })
  .strict();

export const userListItem = sessionUserSchema.extend({ active: z.boolean() });

export const setActiveBody = z.object({ active: z.boolean() }).strict();
export const resetPasswordBody = z.object({ password: z.string().min(8).max(128) }).strict();
