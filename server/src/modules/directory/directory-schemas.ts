import { z } from 'zod';

import { ENTERPRISE_SIZES } from '../../../../common/enums';
import { idSchema, pageQuery, requiredText, text } from '../../shared/http/schemas';

export const communityResponse = z.object({
  id: z.string(),
  countyId: z.string(),
  slug: z.string(),
  name: z.string(),
  codePrefix: z.string(),
});

export const createCommunityBody = z
  .object({
    slug: requiredText(40).regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and - only'),
    name: requiredText(100),
    codePrefix: requiredText(4).regex(/^[A-Z]{2,4}$/, '2–4 capital letters'),
  })
  .strict();

export const phoneInput = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'not a mainland mobile or landline number');

export const enterpriseResponse = z.object({
  id: z.string(),
  communityId: z.string(),
  name: z.string(),
  industry: z.string(),
  size: z.enum(ENTERPRISE_SIZES),
  employeeCount: z.number().int(),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  address: z.string().nullable(),
  active: z.boolean(),
});

export const enterpriseListQuery = z
  .object({
    communityId: idSchema.optional(),
    q: text(50).optional(),
    industry: text(50).optional(),
    ...pageQuery,
  })
  .strict();

export const createEnterpriseBody = z
  .object({
    communityId: idSchema,
    name: requiredText(100),
    industry: requiredText(50),
    size: z.enum(ENTERPRISE_SIZES),
    employeeCount: z.number().int().min(0).max(1_000_000),
    contactName: text(50).nullable().optional(),
    contactPhone: phoneInput.nullable().optional(),
    address: text(200).nullable().optional(),
  })
  .strict();

export const updateEnterpriseBody = createEnterpriseBody
  .omit({ communityId: true })
  .partial()
  .extend({ active: z.boolean().optional() })
  .strict();

export const departmentResponse = z.object({
  id: z.string(),
  countyId: z.string(),
  name: z.string(),
  shortName: z.string(),
  active: z.boolean(),
});

export const createDepartmentBody = z
  .object({ name: requiredText(100), shortName: requiredText(30) })
  .strict();

export const updateDepartmentBody = z
  .object({
    name: requiredText(100).optional(),
    shortName: requiredText(30).optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const publicEnterpriseResponse = z.object({
  id: z.string(),
  name: z.string(),
  communityId: z.string(),
  communityName: z.string(),
});

export const publicCommunityResponse = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  enterprises: z.array(z.object({ id: z.string(), name: z.string() })),
});
