import { z } from 'zod';

import {
  OVERDUE_KINDS,
  PRIORITIES,
  PROBLEM_STATUSES,
  SEVERITIES,
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

const statusList = z
  .string()
  .max(200)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(PROBLEM_STATUSES)).max(7));

export const queueQuery = z
  .object({
    communityId: idSchema.optional(),
    status: statusList.optional(),
    priority: z.enum(PRIORITIES).optional(),
    categoryId: idSchema.optional(),
    departmentId: idSchema.optional(),
    overdue: z.enum(['true', 'false']).optional(),
    dueWithinHours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional(),
    mine: z.enum(['true', 'false']).optional(),
    q: text(50).optional(),
    from: instantQuery.optional(),
    to: instantQuery.optional(),
    ...pageQuery,
  })
  .strict();

export const queueItem = z.object({
  id: z.string(),
  code: z.string(),
  communityId: z.string(),
  title: z.string(),
  category: z.string().nullable(),
  status: z.enum(PROBLEM_STATUSES),
  priority: z.enum(PRIORITIES),
  severity: z.enum(SEVERITIES),
  urgency: z.enum(URGENCIES),
  workersAffected: z.number(),
  troubleCount: z.number(),
  receivedAt: z.number(),
  coordinationDueAt: z.number(),
  resolutionDueAt: z.number(),
  nextDueAt: z.number(),
  overdueKind: z.enum(OVERDUE_KINDS).nullable(),
  escalationLevel: z.number(),
  reopenCount: z.number(),
});

export const problemDetail = z.object({
  id: z.string(),
  code: z.string(),
  communityId: z.string(),
  title: z.string(),
  summary: z.string(),
  publicSummary: z.string().nullable(),
  category: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  ownerUserId: z.string().nullable(),
  status: z.enum(PROBLEM_STATUSES),
  priority: z.enum(PRIORITIES),
  severity: z.enum(SEVERITIES),
  urgency: z.enum(URGENCIES),
  workersAffected: z.number(),
  receivedAt: z.number(),
  coordinationDueAt: z.number(),
  resolutionDueAt: z.number(),
  deadlineEstimated: z.boolean(),
  coordinatedAt: z.number().nullable(),
  answeredAt: z.number().nullable(),
  closedAt: z.number().nullable(),
  resolutionText: z.string().nullable(),
  reopenCount: z.number(),
  overdueKind: z.enum(OVERDUE_KINDS).nullable(),
  escalationLevel: z.number(),
  mergedIntoId: z.string().nullable(),
  departments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      role: z.string(),
      status: z.string(),
      reason: z.string().nullable(),
      assignedAt: z.number(),
      acceptedAt: z.number().nullable(),
    }),
  ),
  troubles: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      title: z.string(),
      channel: z.string(),
      status: z.string(),
      receivedAt: z.number(),
      enterpriseId: z.string().nullable(),
      workersAffected: z.number(),
    }),
  ),
  extensions: z.array(
    z.object({
      id: z.string(),
      departmentId: z.string(),
      reason: z.string(),
      currentDueAt: z.number(),
      requestedDueAt: z.number(),
      status: z.string(),
      decisionNote: z.string().nullable(),
      createdAt: z.number(),
    }),
  ),
  supervisionOrders: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      reason: z.string(),
      demand: z.string(),
      dueAt: z.number(),
      status: z.string(),
      response: z.string().nullable(),
      createdAt: z.number(),
    }),
  ),
});

export const createProblemBody = z
  .object({
    troubleIds: z.array(idSchema).min(1).max(500),
    title: requiredText(100),
    summary: text(2000).optional(),
    categoryId: idSchema.nullable().optional(),
  })
  .strict();

export const linkBody = z.union([
  z.object({ problemId: idSchema }).strict(),
  z
    .object({
      newProblem: z
        .object({
          title: requiredText(100),
          summary: text(2000).optional(),
          categoryId: idSchema.nullable().optional(),
        })
        .strict(),
    })
    .strict(),
]);

export const dispatchBody = z
  .object({
    leadDepartmentId: idSchema,
    cooperatingDepartmentIds: z.array(idSchema).max(10).default([]),
    note: text(1000).nullable().optional(),
    ownerUserId: idSchema.nullable().optional(),
  })
  .strict();
export const reasonBody = z.object({ reason: requiredText(1000) }).strict();
export const answerBody = z
  .object({ text: requiredText(4000), publicSummary: text(1000).nullable().optional() })
  .strict();
export const closeBody = z.object({ note: text(1000).nullable().optional() }).strict();
export const noteBody = z
  .object({ text: requiredText(2000), isPublic: z.boolean().default(false) })
  .strict();
export const mergeBody = z
  .object({ targetId: idSchema, note: text(1000).nullable().optional() })
  .strict();
export const splitBody = z
  .object({ troubleIds: z.array(idSchema).min(1).max(500), title: requiredText(100) })
  .strict();
export const extensionBody = z
  .object({ requestedDueAt: instantInput, reason: requiredText(1000) })
  .strict();
export const decisionBody = z
  .object({ approve: z.boolean(), note: text(1000).nullable().optional() })
  .strict();
export const supervisionBody = z
  .object({ reason: requiredText(1000), demand: requiredText(1000), dueAt: instantInput })
  .strict();
export const respondBody = z.object({ response: requiredText(2000) }).strict();
