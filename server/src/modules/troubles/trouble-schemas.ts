import { z } from 'zod';

import {
  CATEGORY_SOURCES,
  CHANNELS,
  PRIORITIES,
  PROBLEM_STATUSES,
  RATINGS,
  REPORTER_TYPES,
  SEVERITIES,
  TROUBLE_STATUSES,
  URGENCIES,
} from '../../../../common/enums';
import {
  idSchema,
  instantInput,
  instantQuery,
  pageQuery,
  requiredText,
  text,
} from '../../shared/http/schemas';
import { idNumberInput } from '../../shared/identity-number';
import { phoneInput } from '../directory/directory-schemas';

export const intakeBody = z
  .object({
    communityId: idSchema.optional(),
    enterpriseId: idSchema.nullable().optional(),
    channel: z.enum(CHANNELS).default('online'),
    title: text(60).optional(),
    body: requiredText(2000).min(2),
    categoryId: idSchema.nullable().optional(),
    severity: z.enum(SEVERITIES).default('minor'),
    urgency: z.enum(URGENCIES).default('normal'),
    workersAffected: z.number().int().min(1).max(100_000).default(1),
    anonymous: z.boolean().default(true),
    reporterType: z.enum(REPORTER_TYPES).optional(),
    reporterName: text(40).nullable().optional(),
    reporterPhone: phoneInput.nullable().optional(),
    /** Version of the personal-information notice (PIPL) shown next to the name/phone fields. */
    privacyNoticeVersion: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,20}$/, 'letters, digits and . _ - only')
      .optional(),
    /** 身份证号 (only kept for a named reporter; encrypted at rest, masked in every view). */
    reporterIdNumber: idNumberInput.nullable().optional(),
    attachmentIds: z.array(idSchema).max(6).default([]),
    receivedAt: instantInput.optional(),
    resolvedOnSpot: z
      .object({ answer: requiredText(2000) })
      .strict()
      .optional(),
  })
  .strict();
export type IntakeBody = z.infer<typeof intakeBody>;

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(100)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only')
    .optional(),
});

export const intakeResponse = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(TROUBLE_STATUSES),
  priority: z.enum(PRIORITIES),
  receivedAt: z.number(),
  trackUrl: z.string(),
});

const categoryRef = z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable();

export const troubleView = z.object({
  id: z.string(),
  code: z.string(),
  communityId: z.string(),
  enterprise: z.object({ id: z.string(), name: z.string() }).nullable(),
  reporterType: z.enum(REPORTER_TYPES),
  reporterName: z.string().nullable(),
  reporterPhoneMasked: z.string().nullable(),
  reporterIdNumberMasked: z.string().nullable(),
  channel: z.enum(CHANNELS),
  title: z.string(),
  body: z.string(),
  category: categoryRef,
  categorySource: z.enum(CATEGORY_SOURCES).nullable(),
  categoryConfidence: z.number().nullable(),
  severity: z.enum(SEVERITIES),
  urgency: z.enum(URGENCIES),
  workersAffected: z.number(),
  priority: z.enum(PRIORITIES),
  status: z.enum(TROUBLE_STATUSES),
  problem: z
    .object({
      id: z.string(),
      code: z.string(),
      title: z.string(),
      status: z.enum(PROBLEM_STATUSES),
    })
    .nullable(),
  onSpotAnswer: z.string().nullable(),
  receivedAt: z.number(),
  closedAt: z.number().nullable(),
  attachments: z.array(
    z.object({ id: z.string(), width: z.number(), height: z.number(), sizeBytes: z.number() }),
  ),
  ratings: z.array(
    z.object({
      round: z.number(),
      rating: z.enum(RATINGS),
      comment: z.string().nullable(),
      source: z.string(),
      createdAt: z.number(),
    }),
  ),
});
export type TroubleView = z.infer<typeof troubleView>;

/** The unmasked personal data of a trouble's reporter (permission personal.unmask; audited). */
export const troublePersonalView = z.object({
  id: z.string(),
  code: z.string(),
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  reporterIdNumber: z.string().nullable(),
});

export const troubleListQuery = z
  .object({
    communityId: idSchema.optional(),
    status: z.enum(TROUBLE_STATUSES).optional(),
    categoryId: idSchema.optional(),
    enterpriseId: idSchema.optional(),
    problemId: idSchema.optional(),
    channel: z.enum(CHANNELS).optional(),
    unlinked: z.enum(['true', 'false']).optional(),
    q: text(50).optional(),
    /**
     * `newest` (default): priority, then newest first. `deadline`: priority, then oldest first —
     * the nearest coordination deadline, as the workbench's triage queue needs (SPEC §3).
     */
    order: z.enum(['newest', 'deadline']).optional(),
    from: instantQuery.optional(),
    to: instantQuery.optional(),
    ...pageQuery,
  })
  .strict();

export const troubleListItem = troubleView
  .pick({
    id: true,
    code: true,
    communityId: true,
    enterprise: true,
    reporterType: true,
    channel: true,
    title: true,
    category: true,
    severity: true,
    urgency: true,
    workersAffected: true,
    priority: true,
    status: true,
    receivedAt: true,
  })
  .extend({ problemId: z.string().nullable() });

export const triageBody = z
  .object({
    categoryId: idSchema.nullable().optional(),
    severity: z.enum(SEVERITIES).optional(),
    urgency: z.enum(URGENCIES).optional(),
    workersAffected: z.number().int().min(1).max(100_000).optional(),
    title: requiredText(60).optional(),
  })
  .strict();

export const onSpotBody = z.object({ answer: requiredText(2000) }).strict();

export const linkBody = z.union([
  z.object({ problemId: idSchema }).strict(),
  z
    .object({
      newProblem: z.object({ title: requiredText(100), summary: text(2000).optional() }).strict(),
    })
    .strict(),
]);

export const ratingBody = z
  .object({ rating: z.enum(RATINGS), comment: text(500).nullable().optional() })
  .strict();

export const trackParams = z.object({ code: z.string().trim().min(6).max(30) }).strict();

export const publicTrackView = z.object({
  code: z.string(),
  title: z.string(),
  category: z.string().nullable(),
  receivedAt: z.number(),
  publicStatus: z.enum([
    'received',
    'resolved_on_spot',
    'in_progress',
    'resolved',
    'replied',
    'closed',
  ]),
  answer: z.string().nullable(),
  problem: z
    .object({
      code: z.string(),
      status: z.enum(PROBLEM_STATUSES),
      publicSummary: z.string().nullable(),
      coordinationDueAt: z.number(),
      resolutionDueAt: z.number(),
      answeredAt: z.number().nullable(),
      closedAt: z.number().nullable(),
      departments: z.array(z.string()),
    })
    .nullable(),
  progress: z.array(z.object({ at: z.number(), action: z.string(), text: z.string() })),
  canRate: z.boolean(),
  rating: z
    .object({ rating: z.enum(RATINGS), comment: z.string().nullable(), createdAt: z.number() })
    .nullable(),
});
export type PublicTrackView = z.infer<typeof publicTrackView>;
