import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { TIME_MODES } from '../../../../common/enums';
import type { Deps } from '../../deps';
import { badRequest } from '../../shared/errors';
import { errorResponses, idParams, idSchema, requiredText } from '../../shared/http/schemas';
import { calendarDayInput } from './calendar-day-input';
import type { PromiseService } from './promise-service';
import { listOpenAlerts } from './system-alerts';

const settingsBody = z
  .object({
    timeMode: z.enum(TIME_MODES),
    coordinationHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    resolutionHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 365),
    escalationIntervalHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30),
    severityWorkersThreshold: z.number().int().min(1).max(100_000),
    maxReopens: z.number().int().min(0).max(10),
  })
  .strict();
const settingsResponse = settingsBody.extend({ communityId: z.string() });

const dayBody = z.object({ isOffDay: z.boolean(), name: requiredText(40) }).strict();
const yearBody = z
  .object({
    source: requiredText(300),
    days: z
      .array(
        z.object({ day: calendarDayInput, isOffDay: z.boolean(), name: requiredText(40) }).strict(),
      )
      .max(400),
  })
  .strict();

export function promiseRoutes(
  deps: { promise: PromiseService } & Pick<Deps, 'db'>,
): FastifyPluginAsyncZod {
  const { promise } = deps;
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['promise'];
    app.get(
      '/communities/:id/sla',
      {
        config: { access: 'settings.read' },
        schema: {
          tags,
          summary: '承诺时限设置 SLA settings',
          params: idParams,
          response: { 200: settingsResponse, ...errorResponses },
        },
      },
      (req) => promise.getSettings(req.actor, req.params.id),
    );
    app.put(
      '/communities/:id/sla',
      {
        config: { access: 'settings.manage' },
        schema: {
          tags,
          summary: '修改承诺时限 Update SLA settings',
          params: idParams,
          body: settingsBody,
          response: { 200: settingsResponse, ...errorResponses },
        },
      },
      (req) => promise.updateSettings(req.actor, { communityId: req.params.id, ...req.body }),
    );
    app.get(
      '/calendar/:year',
      {
        config: { access: 'settings.read' },
        schema: {
          tags,
          summary: '节假日日历 Holiday calendar',
          params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict(),
          response: {
            200: z.object({
              year: z.number(),
              covered: z.boolean(),
              source: z.string().nullable(),
              days: z.array(
                z.object({
                  day: z.string(),
                  isOffDay: z.boolean(),
                  name: z.string(),
                  source: z.string(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      (req) => promise.calendarYear(req.params.year),
    );
    app.put(
      '/calendar/days/:day',
      {
        config: { access: 'calendar.manage' },
        schema: {
          tags,
          summary: '设置节假日/调休 Set a day',
          params: z.object({ day: calendarDayInput }).strict(),
          body: dayBody,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        await promise.setDay(req.actor, { day: req.params.day, ...req.body });
        return reply.code(204).send(null);
      },
    );
    app.delete(
      '/calendar/days/:day',
      {
        config: { access: 'calendar.manage' },
        schema: {
          tags,
          summary: '删除日历条目 Delete a day',
          params: z.object({ day: calendarDayInput }).strict(),
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        await promise.deleteDay(req.actor, req.params.day);
        return reply.code(204).send(null);
      },
    );
    app.put(
      '/calendar/:year',
      {
        config: { access: 'calendar.manage' },
        schema: {
          tags,
          summary: '导入全年日历 Load a year',
          params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict(),
          body: yearBody,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        if (req.body.days.some((d) => !d.day.startsWith(`${req.params.year}-`))) {
          throw badRequest('daysOutsideYear', { year: req.params.year });
        }
        await promise.loadYear(req.actor, { year: req.params.year, ...req.body });
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/alerts',
      {
        config: { access: 'alerts.read' },
        schema: {
          tags,
          summary: '系统告警 System alerts',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: idSchema,
                  kind: z.string(),
                  key: z.string(),
                  message: z.string(),
                  createdAt: z.number(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async () => ({
        items: (await listOpenAlerts(deps.db)).map((a) => ({
          id: a.id,
          kind: a.kind,
          key: a.alert_key,
          message: a.message,
          createdAt: a.created_at,
        })),
      }),
    );
  };
}
