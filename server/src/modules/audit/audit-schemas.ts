import { z } from 'zod';

import { ROLES } from '../../../../common/enums';
import { idSchema, instantQuery, requiredText } from '../../shared/http/schemas';

/** An action name or its first part (`auth.`, `user.create`): letters, digits and `._:-`. */
const actionPrefix = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and . _ : - only');

/** The filters shared by the list and the CSV export. */
const filters = {
  /** At or after this instant (epoch ms or ISO 8601 with an offset). */
  from: instantQuery.optional(),
  /** Before this instant (exclusive). */
  to: instantQuery.optional(),
  /** A user id (exact) or part of the actor's name or username. */
  actor: requiredText(64).optional(),
  /** The action or its beginning: `auth.` finds every login, logout and password change. */
  action: actionPrefix.optional(),
  targetType: actionPrefix.optional(),
  targetId: idSchema.optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  /** Full client addresses instead of masked ones; recorded in the trail with the read. */
  fullIp: z.enum(['true', 'false']).optional(),
};

export const auditListQuery = z
  .object({
    ...filters,
    /** Keyset cursor: rows with a smaller `seq` (the `nextBefore` of the previous page). */
    before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const auditExportQuery = z.object(filters).strict();

export const auditEntry = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  actorUserId: z.string().nullable(),
  /** The name stored with the row (系统 for jobs and the CLI, null user for failed logins). */
  actorLabel: z.string(),
  actorUsername: z.string().nullable(),
  actorRole: z.enum(ROLES).nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** Masked (`203.0.113.*`, IPv6 `/64` prefix + `:*`) unless `fullIp=true`. */
  ip: z.string().nullable(),
  outcome: z.enum(['success', 'failure']),
  detail: z.record(z.string(), z.unknown()).nullable(),
  hash: z.string(),
});

export const auditListResponse = z.object({
  items: z.array(auditEntry),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});

export const auditVerifyResponse = z.object({
  /** The chain links up and every exported head matches. */
  ok: z.boolean(),
  /** Rows checked. */
  checked: z.number().int(),
  lastSeq: z.number().int().nullable(),
  lastHash: z.string().nullable(),
  /** The first row whose link or content does not match (absent when the chain is intact). */
  brokenAt: z.number().int().optional(),
  /** Heads exported earlier (AUDIT_HEAD_FILE) and those the database no longer matches. */
  heads: z.object({
    checked: z.number().int(),
    mismatches: z.array(
      z.object({ seq: z.number().int(), expected: z.string(), found: z.string().nullable() }),
    ),
    /** AUDIT_HEAD_FILE exists but does not parse (then `ok` is false). */
    unreadable: z.boolean().optional(),
  }),
  verifiedAt: z.number().int(),
});
