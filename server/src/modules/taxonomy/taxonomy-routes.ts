import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { errorResponses, idParams, requiredText } from '../../shared/http/schemas';
import type { TaxonomyService } from './taxonomy-service';

const categoryView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  keywords: z.array(z.string()),
  examples: z.array(z.string()),
  sort: z.number(),
  active: z.boolean(),
});
const treeNode = categoryView.extend({ children: z.array(categoryView) });

const keywordList = z.array(requiredText(30)).max(100);
const createBody = z
  .object({
    parentId: z.string().max(40).nullable(),
    code: requiredText(60).regex(/^[a-z][a-z0-9_.-]*$/, 'lower-case code'),
    name: requiredText(40),
    nameEn: requiredText(80),
    keywords: keywordList.default([]),
    examples: z.array(requiredText(500)).max(50).default([]),
    sort: z.number().int().min(0).max(100_000).default(100),
  })
  .strict();
const updateBody = z
  .object({
    name: requiredText(40).optional(),
    nameEn: requiredText(80).optional(),
    keywords: keywordList.optional(),
    examples: z.array(requiredText(500)).max(50).optional(),
    sort: z.number().int().min(0).max(100_000).optional(),
    active: z.boolean().optional(),
  })
  .strict();

export function taxonomyRoutes(deps: { taxonomy: TaxonomyService }): FastifyPluginAsyncZod {
  const { taxonomy } = deps;
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['taxonomy'];
    app.get(
      '/categories',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '分类树 Category tree',
          querystring: z
            .object({ includeInactive: z.enum(['true', 'false']).default('false') })
            .strict(),
          response: { 200: z.object({ items: z.array(treeNode) }), ...errorResponses },
        },
      },
      async (req) => ({
        // Inactive categories are for admins only.
        items: await taxonomy.tree(
          req.query.includeInactive === 'true' && req.actor.role === 'admin',
        ),
      }),
    );
    app.post(
      '/categories',
      {
        config: { access: 'taxonomy.manage' },
        schema: {
          tags,
          summary: '新建分类 Create category',
          body: createBody,
          response: { 201: categoryView, ...errorResponses },
        },
      },
      async (req, reply) => reply.code(201).send(await taxonomy.create(req.actor, req.body)),
    );
    app.patch(
      '/categories/:id',
      {
        config: { access: 'taxonomy.manage' },
        schema: {
          tags,
          summary: '修改分类 Update category',
          params: idParams,
          body: updateBody,
          response: { 200: categoryView, ...errorResponses },
        },
      },
      (req) => taxonomy.update(req.actor, req.params.id, req.body),
    );
  };
}
