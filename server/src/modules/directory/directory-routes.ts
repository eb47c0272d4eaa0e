import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import { errorResponses, idParams } from '../../shared/http/schemas';
import {
  communityResponse,
  createCommunityBody,
  createDepartmentBody,
  createEnterpriseBody,
  departmentResponse,
  enterpriseListQuery,
  enterpriseResponse,
  publicCommunityResponse,
  publicEnterpriseResponse,
  updateDepartmentBody,
  updateEnterpriseBody,
} from './directory-schemas';
import type { DirectoryService } from './directory-service';

export function directoryRoutes(deps: { directory: DirectoryService }): FastifyPluginAsyncZod {
  const { directory } = deps;
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    const tags = ['directory'];
    app.get(
      '/communities',
      {
        config: { access: 'directory.read' },
        schema: {
          tags,
          summary: '社区列表 Communities',
          response: { 200: z.object({ items: z.array(communityResponse) }), ...errorResponses },
        },
      },
      async (req) => ({
        items: await directory.listCommunities(req.actor),
      }),
    );
    app.get(
      '/communities/:id',
      {
        config: { access: 'directory.read' },
        schema: {
          tags,
          summary: '社区 Community',
          params: idParams,
          response: { 200: communityResponse, ...errorResponses },
        },
      },
      (req) => directory.getCommunity(req.actor, req.params.id),
    );
    app.post(
      '/communities',
      {
        config: { access: 'directory.manage' },
        schema: {
          tags,
          summary: '新建社区 Create community',
          body: createCommunityBody,
          response: { 201: communityResponse, ...errorResponses },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await directory.createCommunity(req.actor, req.body)),
    );

    app.get(
      '/enterprises',
      {
        config: { access: 'directory.read' },
        schema: {
          tags,
          summary: '企业列表 Enterprises',
          querystring: enterpriseListQuery,
          response: { 200: z.object({ items: z.array(enterpriseResponse) }), ...errorResponses },
        },
      },
      async (req) => ({
        items: await directory.listEnterprises(req.actor, req.query),
      }),
    );
    app.get(
      '/enterprises/:id',
      {
        config: { access: 'directory.read' },
        schema: {
          tags,
          summary: '企业 Enterprise',
          params: idParams,
          response: { 200: enterpriseResponse, ...errorResponses },
        },
      },
      (req) => directory.getEnterprise(req.actor, req.params.id),
    );
    app.post(
      '/enterprises',
      {
        config: { access: 'enterprise.manage' },
        schema: {
          tags,
          summary: '新建企业 Create enterprise',
          body: createEnterpriseBody,
          response: { 201: enterpriseResponse, ...errorResponses },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await directory.createEnterprise(req.actor, req.body)),
    );
    app.patch(
      '/enterprises/:id',
      {
        config: { access: 'enterprise.manage' },
        schema: {
          tags,
          summary: '修改企业 Update enterprise',
          params: idParams,
          body: updateEnterpriseBody,
          response: { 200: enterpriseResponse, ...errorResponses },
        },
      },
      (req) => directory.updateEnterprise(req.actor, req.params.id, req.body),
    );

    app.get(
      '/departments',
      {
        config: { access: 'directory.read' },
        schema: {
          tags,
          summary: '职能部门 Departments',
          response: { 200: z.object({ items: z.array(departmentResponse) }), ...errorResponses },
        },
      },
      async (req) => ({
        items: await directory.listDepartments(req.actor),
      }),
    );
    app.post(
      '/departments',
      {
        config: { access: 'directory.manage' },
        schema: {
          tags,
          summary: '新建部门 Create department',
          body: createDepartmentBody,
          response: { 201: departmentResponse, ...errorResponses },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await directory.createDepartment(req.actor, req.body)),
    );
    app.patch(
      '/departments/:id',
      {
        config: { access: 'directory.manage' },
        schema: {
          tags,
          summary: '修改部门 Update department',
          params: idParams,
          body: updateDepartmentBody,
          response: { 200: departmentResponse, ...errorResponses },
        },
      },
      (req) => directory.updateDepartment(req.actor, req.params.id, req.body),
    );

    app.get(
      '/public/enterprises/:id',
      {
        config: { access: 'public' },
        schema: {
          tags: ['public'],
          summary: '扫码企业信息 Enterprise for a QR code',
          params: idParams,
          response: { 200: publicEnterpriseResponse, ...errorResponses },
        },
      },
      (req) => directory.publicEnterprise(req.params.id),
    );
    app.get(
      '/public/communities/:slug',
      {
        config: { access: 'public' },
        schema: {
          tags: ['public'],
          summary: '社区与企业名单 Community for the report form',
          params: z.object({ slug: z.string().trim().min(1).max(40) }).strict(),
          response: { 200: publicCommunityResponse, ...errorResponses },
        },
      },
      (req) => directory.publicCommunity(req.params.slug),
    );
  };
}
