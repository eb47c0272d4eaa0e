import { z } from 'zod';

import {
  CHANNEL_KINDS,
  DELIVERY_STATES,
  NOTIFICATION_EVENTS,
} from '../../../../common/notifications';
import { idSchema, pageQuery, requiredText } from '../../shared/http/schemas';

const events = z.array(z.enum(NOTIFICATION_EVENTS)).min(1).max(NOTIFICATION_EVENTS.length);
/** A webhook URL, or for e-mail a comma-separated list of addresses (checked per kind). */
const target = requiredText(1000);
const secret = z.string().trim().min(8).max(200);

export const channelCreateBody = z
  .object({
    communityId: idSchema,
    name: requiredText(60),
    kind: z.enum(CHANNEL_KINDS),
    events,
    target,
    secret: secret.nullable().optional(),
    active: z.boolean().default(true),
  })
  .strict();
export type ChannelCreateBody = z.infer<typeof channelCreateBody>;

export const channelPatchBody = z
  .object({
    name: requiredText(60).optional(),
    events: events.optional(),
    target: target.optional(),
    /** A new secret; null removes it; absent keeps it. */
    secret: secret.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type ChannelPatchBody = z.infer<typeof channelPatchBody>;

export const channelListQuery = z.object({ communityId: idSchema.optional() }).strict();

/** A channel as admins see it: the target masked, the secret never shown. */
export const channelView = z.object({
  id: z.string(),
  communityId: z.string(),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  events: z.array(z.enum(NOTIFICATION_EVENTS)),
  targetMasked: z.string(),
  secretSet: z.boolean(),
  active: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ChannelView = z.infer<typeof channelView>;

export const deliveryListQuery = z
  .object({
    status: z.enum(DELIVERY_STATES).optional(),
    channelId: idSchema.optional(),
    event: z.enum(NOTIFICATION_EVENTS).optional(),
    ...pageQuery,
  })
  .strict();

export const deliveryView = z.object({
  id: z.string(),
  channelId: z.string(),
  channelName: z.string(),
  channelKind: z.enum(CHANNEL_KINDS),
  communityId: z.string(),
  event: z.string(),
  title: z.string(),
  status: z.enum(DELIVERY_STATES),
  attempts: z.number(),
  maxAttempts: z.number(),
  nextAttemptAt: z.number().nullable(),
  lastAttemptAt: z.number().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.number().nullable(),
  createdAt: z.number(),
});
export type DeliveryView = z.infer<typeof deliveryView>;
