import { z } from 'zod';

/** One event of an append-only timeline, as the API shows it. */
export const timelineEvent = z.object({
  id: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  actor: z.string(),
  actorUserId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  note: z.string().nullable(),
  at: z.number(),
});
