import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { errorResponses, idSchema, requiredText } from '../../shared/http/schemas';
import type { ClusterService } from './cluster-service';

const runSummary = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  source: z.string(),
  month: z.string().nullable(),
  items: z.number(),
  clusters: z.number(),
  createdAt: z.number(),
});
const runDetail = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  source: z.string(),
  month: z.string().nullable(),
  items: z.number(),
  createdAt: z.number(),
  params: z.record(z.string(), z.unknown()),
  clusters: z.array(
    z.object({
      id: z.string(),
      ordinal: z.number(),
      title: z.string(),
      keywords: z.array(z.string()),
      cohesion: z.number(),
      status: z.enum(['proposed', 'accepted', 'rejected']),
      problemId: z.string().nullable(),
      members: z.array(
        z.object({
          troubleId: z.string(),
          code: z.string(),
          title: z.string(),
          status: z.string(),
          problemId: z.string().nullable(),
          receivedAt: z.number(),
          similarity: z.number(),
        }),
      ),
    }),
  ),
});
const runParams = z.object({ runId: idSchema }).strict();
const clusterParams = z.object({ runId: idSchema, clusterId: idSchema }).strict();

/** 聚类 review API (SPEC §8): runs over a month's unlinked troubles, candidates to accept. */
export function clusterRoutes(deps: { clusters: ClusterService }): FastifyPluginAsyncZod {
  const { clusters } = deps;
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['text'];
    const config = { access: 'problem.create' as const };
    app.post(
      '/text/clusters',
      {
        config,
        schema: {
          tags,
          summary: '聚类 Cluster a month of unlinked troubles into candidate problems',
          body: z
            .object({
              communityId: idSchema,
              month: z.string().regex(/^\d{4}-\d{2}$/, 'use YYYY-MM'),
              threshold: z.number().min(0.05).max(0.9).optional(),
            })
            .strict(),
          response: { 201: runDetail, ...errorResponses },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await clusters.createRun({ actor: req.actor, ...req.body })),
    );
    app.get(
      '/text/clusters',
      {
        config,
        schema: {
          tags,
          summary: '聚类批次 Clustering runs (latest 100)',
          querystring: z.object({ communityId: idSchema.optional() }).strict(),
          response: { 200: z.object({ items: z.array(runSummary) }), ...errorResponses },
        },
      },
      async (req) => ({ items: await clusters.listRuns(req.actor, req.query.communityId) }),
    );
    app.get(
      '/text/clusters/:runId',
      {
        config,
        schema: {
          tags,
          summary: '聚类结果 A run with its candidate problems',
          params: runParams,
          response: { 200: runDetail, ...errorResponses },
        },
      },
      (req) => clusters.detail(req.actor, req.params.runId),
    );
    app.post(
      '/text/clusters/:runId/candidates/:clusterId/accept',
      {
        config,
        schema: {
          tags,
          summary: '采纳 Accept: create a problem from the candidate’s troubles',
          params: clusterParams,
          body: z
            .object({ title: requiredText(200).optional() })
            .strict()
            .optional(),
          response: {
            201: z.object({
              problemId: z.string(),
              linked: z.array(z.string()),
              skipped: z.array(z.string()),
            }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) =>
        reply.code(201).send(
          await clusters.accept({
            actor: req.actor,
            ...req.params,
            title: req.body?.title,
          }),
        ),
    );
    app.put(
      '/text/clusters/:runId/candidates/:clusterId',
      {
        config,
        schema: {
          tags,
          summary: '调整 Edit the title or move troubles between candidates',
          params: clusterParams,
          body: z
            .object({
              title: requiredText(200).optional(),
              moveIn: z.array(idSchema).max(500).optional(),
              moveOut: z.array(idSchema).max(500).optional(),
            })
            .strict(),
          response: { 200: runDetail, ...errorResponses },
        },
      },
      (req) => clusters.edit({ actor: req.actor, ...req.params, ...req.body }),
    );
    app.post(
      '/text/clusters/:runId/candidates/:clusterId/reject',
      {
        config,
        schema: {
          tags,
          summary: '驳回 Reject a candidate',
          params: clusterParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        await clusters.reject({ actor: req.actor, ...req.params });
        return reply.code(204).send(null);
      },
    );
  };
}
