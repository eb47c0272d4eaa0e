import { z } from 'zod';

import { ROLES } from '../../../../common/enums';
import { idSchema, pageQuery, requiredText } from '../../shared/http/schemas';

/** A current TOTP code: six digits. */
export const totpCode = z.string().regex(/^\d{6}$/, 'six digits');
/** A recovery code as printed (`ABCDE-FGHJK`); spaces, dashes and case are ignored. */
export const recoveryCode = z
  .string()
  .min(10)
  .max(24)
  .regex(/^[A-Za-z0-9 -]+$/, 'letters, digits, spaces and dashes only');

export const loginBody = z
  .object({
    username: requiredText(64),
    password: z.string().min(1).max(256),
    /** Accounts with TOTP: a current code or (instead) a recovery code. */
    totpCode: totpCode.optional(),
    recoveryCode: recoveryCode.optional(),
  })
  .strict()
  .refine((b) => b.totpCode === undefined || b.recoveryCode === undefined, {
    message: 'send totpCode or recoveryCode, not both',
    path: ['recoveryCode'],
  });

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
  /** TOTP_REQUIRED_ROLES applies and TOTP is not set up: only the auth endpoints answer. */
  mustEnrollTotp: z.boolean(),
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

export const userListItem = sessionUserSchema.extend({
  active: z.boolean(),
  totpEnabled: z.boolean(),
});

export const totpStatusResponse = z.object({
  enabled: z.boolean(),
  pending: z.boolean(),
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});

export const totpSetupResponse = z.object({
  /** Base32, for manual entry in the authenticator app. */
  secret: z.string(),
  otpauthUri: z.string(),
  /** The otpauth URI as a QR code (PNG data URL). */
  qrDataUrl: z.string(),
});

export const totpConfirmBody = z.object({ code: totpCode }).strict();

export const totpDisableBody = z
  .object({
    password: z.string().min(1).max(256),
    code: totpCode.optional(),
    recoveryCode: recoveryCode.optional(),
  })
  .strict()
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), {
    message: 'send code or recoveryCode',
    path: ['code'],
  });

export const recoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });

export const setActiveBody = z.object({ active: z.boolean() }).strict();
export const resetPasswordBody = z.object({ password: z.string().min(8).max(128) }).strict();
