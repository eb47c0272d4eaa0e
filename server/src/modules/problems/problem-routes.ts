import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { Actor } from '../../shared/actor';
import type { Clock } from '../../shared/clock';
import { errorResponses, idParams } from '../../shared/http/schemas';
import { timelineEvent } from '../../shared/http/timeline-schema';
import type { Permission } from '../../shared/permissions';
import {
  answerBody,
  closeBody,
  createProblemBody,
  decisionBody,
  dispatchBody,
  extensionBody,
  linkBody,
  mergeBody,
  noteBody,
  problemDetail,
  queueItem,
  queueQuery,
  reasonBody,
  respondBody,
  splitBody,
  supervisionBody,
} from './problem-schemas';
import type { ProblemService } from './problem-service';

export function problemRoutes(deps: {
  problems: ProblemService;
  clock: Clock;
}): FastifyPluginAsyncZod {
  const { problems, clock } = deps;
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['problems'];
    const detail = { 200: problemDetail, ...errorResponses };
    const idOnly = { 201: z.object({ id: z.string() }), ...errorResponses };

    app.get(
      '/problems',
      {
        config: { access: 'problem.read' },
        schema: {
          tags,
          summary: '类问题队列 Problem queue (priority, then nearest deadline)',
          querystring: queueQuery,
          response: { 200: z.object({ items: z.array(queueItem) }), ...errorResponses },
        },
      },
      async (req) => ({
        items: await problems.read.queue(
          req.actor,
          {
            ...req.query,
            overdue: req.query.overdue === undefined ? undefined : req.query.overdue === 'true',
            mine: req.query.mine === 'true',
          },
          clock.now(),
        ),
      }),
    );
    app.get(
      '/problems/:id',
      {
        config: { access: 'problem.read' },
        schema: { tags, summary: '类问题详情 Problem', params: idParams, response: detail },
      },
      (req) => problems.read.detail(req.actor, req.params.id),
    );
    app.get(
      '/problems/:id/timeline',
      {
        config: { access: 'problem.read' },
        schema: {
          tags,
          summary: '时间线 Timeline',
          params: idParams,
          response: { 200: z.object({ items: z.array(timelineEvent) }), ...errorResponses },
        },
      },
      async (req) => ({
        items: await problems.read.timeline(req.actor, req.params.id),
      }),
    );
    app.post(
      '/problems',
      {
        config: { access: 'problem.create' },
        schema: {
          tags,
          summary: '由烦恼新建类问题 Create from troubles',
          body: createProblemBody,
          response: idOnly,
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send({ id: await problems.createFromTroubles({ actor: req.actor, ...req.body }) }),
    );
    app.post(
      '/troubles/:id/link',
      {
        config: { access: 'trouble.link' },
        schema: {
          tags,
          summary: '归入类问题 Link a trouble to a new or existing problem',
          params: idParams,
          body: linkBody,
          response: { 200: z.object({ problemId: z.string() }), ...errorResponses },
        },
      },
      async (req) => {
        if ('problemId' in req.body) {
          await problems.linkTrouble({
            actor: req.actor,
            troubleId: req.params.id,
            problemId: req.body.problemId,
          });
          return { problemId: req.body.problemId };
        }
        return {
          problemId: await problems.createFromTroubles({
            actor: req.actor,
            troubleIds: [req.params.id],
            ...req.body.newProblem,
          }),
        };
      },
    );

    /** A lifecycle action: POST /problems/:id/<path>, answering with the updated problem. */
    const action = <B extends z.ZodType>(
      path: string,
      access: Permission,
      summary: string,
      body: B | null,
      run: (r: { actor: Actor; id: string; body: z.infer<B> }) => Promise<unknown>,
    ) =>
      app.post(
        `/problems/:id/${path}`,
        {
          config: { access },
          schema: { tags, summary, params: idParams, ...(body ? { body } : {}), response: detail },
        },
        async (req) => {
          await run({ actor: req.actor, id: req.params.id, body: req.body as z.infer<B> });
          return problems.read.detail(req.actor, req.params.id);
        },
      );

    action('dispatch', 'problem.dispatch', '交办 Dispatch to departments', dispatchBody, (r) =>
      problems.dispatch({ actor: r.actor, problemId: r.id, ...r.body }),
    );
    action('accept', 'problem.accept', '签收 Accept', null, (r) =>
      problems.accept({ actor: r.actor, problemId: r.id }),
    );
    action('hand-back', 'problem.handBack', '退回 Hand back with a reason', reasonBody, (r) =>
      problems.handBack({ actor: r.actor, problemId: r.id, reason: r.body.reason }),
    );
    action('resolve', 'problem.answer', '办结 Resolve', answerBody, (r) =>
      problems.answer({ actor: r.actor, problemId: r.id, kind: 'resolve', ...r.body }),
    );
    action('reply', 'problem.answer', '答复 Formal reply', answerBody, (r) =>
      problems.answer({ actor: r.actor, problemId: r.id, kind: 'reply', ...r.body }),
    );
    action('close', 'problem.close', '关闭 Close', closeBody, (r) =>
      problems.close({ actor: r.actor, problemId: r.id, note: r.body.note }),
    );
    action('reopen', 'problem.reopen', '重新办理 Reopen', reasonBody, (r) =>
      problems.reopen({ actor: r.actor, problemId: r.id, reason: r.body.reason }),
    );
    action('send-back', 'problem.sendBack', '退回重办 Send an answer back', reasonBody, (r) =>
      problems.sendBack({ actor: r.actor, problemId: r.id, reason: r.body.reason }),
    );
    action('notes', 'problem.note', '记录进展 Progress note', noteBody, (r) =>
      problems.note({ actor: r.actor, problemId: r.id, ...r.body }),
    );
    action('merge', 'problem.merge', '合并 Merge into another problem', mergeBody, (r) =>
      problems.merge({
        actor: r.actor,
        sourceId: r.id,
        targetId: r.body.targetId,
        note: r.body.note,
      }),
    );

    app.post(
      '/problems/:id/split',
      {
        config: { access: 'problem.split' },
        schema: {
          tags,
          summary: '拆分 Split troubles into a new problem',
          params: idParams,
          body: splitBody,
          response: idOnly,
        },
      },
      async (req, reply) =>
        reply.code(201).send({
          id: await problems.split({ actor: req.actor, problemId: req.params.id, ...req.body }),
        }),
    );
    app.post(
      '/problems/:id/extensions',
      {
        config: { access: 'extension.request' },
        schema: {
          tags,
          summary: '申请延期 Request an extension',
          params: idParams,
          body: extensionBody,
          response: idOnly,
        },
      },
      async (req, reply) =>
        reply.code(201).send({
          id: await problems.extensions.request({
            actor: req.actor,
            problemId: req.params.id,
            ...req.body,
          }),
        }),
    );
    app.get(
      '/extensions',
      {
        config: { access: 'extension.decide' },
        schema: {
          tags,
          summary: '待审批延期 Pending extension requests',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  problemId: z.string(),
                  problemCode: z.string(),
                  problemTitle: z.string(),
                  departmentName: z.string(),
                  reason: z.string(),
                  currentDueAt: z.number(),
                  requestedDueAt: z.number(),
                  createdAt: z.number(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => ({
        items: (await problems.extensions.pending(req.actor)).map((e) => ({
          id: e.id,
          problemId: e.problem_id,
          problemCode: e.problem_code,
          problemTitle: e.problem_title,
          departmentName: e.department_name,
          reason: e.reason,
          currentDueAt: e.current_due_at,
          requestedDueAt: e.requested_due_at,
          createdAt: e.created_at,
        })),
      }),
    );
    app.post(
      '/extensions/:id/decision',
      {
        config: { access: 'extension.decide' },
        schema: {
          tags,
          summary: '审批延期 Approve or refuse',
          params: idParams,
          body: decisionBody,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        await problems.extensions.decide({
          actor: req.actor,
          extensionId: req.params.id,
          ...req.body,
        });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/supervision-orders',
      {
        config: { access: 'supervision.read' },
        schema: {
          tags,
          summary: '督办单 Supervision orders',
          querystring: z
            .object({ status: z.enum(['issued', 'responded', 'closed']).optional() })
            .strict(),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  code: z.string(),
                  problemId: z.string(),
                  problemCode: z.string(),
                  problemTitle: z.string(),
                  reason: z.string(),
                  demand: z.string(),
                  dueAt: z.number(),
                  status: z.string(),
                  response: z.string().nullable(),
                  createdAt: z.number(),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => ({
        items: (await problems.read.supervisionOrders(req.actor, req.query.status)).map((o) => ({
          id: o.id,
          code: o.code,
          problemId: o.problem_id,
          problemCode: o.problem_code,
          problemTitle: o.problem_title,
          reason: o.reason,
          demand: o.demand,
          dueAt: o.due_at,
          status: o.status,
          response: o.response,
          createdAt: o.created_at,
        })),
      }),
    );
    app.post(
      '/problems/:id/supervision-orders',
      {
        config: { access: 'supervision.issue' },
        schema: {
          tags,
          summary: '下发督办单 Issue a supervision order',
          params: idParams,
          body: supervisionBody,
          response: idOnly,
        },
      },
      async (req, reply) =>
        reply.code(201).send({
          id: await problems.supervision.issue({
            actor: req.actor,
            problemId: req.params.id,
            ...req.body,
          }),
        }),
    );
    app.post(
      '/supervision-orders/:id/respond',
      {
        config: { access: 'supervision.respond' },
        schema: {
          tags,
          summary: '反馈督办 Respond',
          params: idParams,
          body: respondBody,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        await problems.supervision.respond({
          actor: req.actor,
          orderId: req.params.id,
          response: req.body.response,
        });
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/supervision-orders/:id/close',
      {
        config: { access: 'supervision.close' },
        schema: {
          tags,
          summary: '办结督办单 Close',
          params: idParams,
          body: closeBody,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        await problems.supervision.close({
          actor: req.actor,
          orderId: req.params.id,
          note: req.body.note,
        });
        return reply.code(204).send(null);
      },
    );
  };
}
