import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { Config } from '../../config';
import { AppError } from '../../shared/errors';
import { clearSessionCookie, clientIp, setSessionCookie } from '../../shared/http/auth-plugin';
import { errorResponses, idParams } from '../../shared/http/schemas';
import {
  createUserBody,
  listUsersQuery,
  loginBody,
  passwordBody,
  recoveryCodesResponse,
  resetPasswordBody,
  sessionResponse,
  sessionUserSchema,
  setActiveBody,
  totpConfirmBody,
  totpDisableBody,
  totpSetupResponse,
  totpStatusResponse,
  userListItem,
} from './account-schemas';
import type { AccountService } from './account-service';

export function accountRoutes(deps: {
  accounts: AccountService;
  config: Config;
}): FastifyPluginAsyncZod {
  const { accounts, config } = deps;
  const { totp } = accounts;
  /** Routes that check a password or a one-time code: the login route's rate limit. */
  const secretCheckLimit = { max: config.loginRatePerMinute, timeWindow: '1 minute' };
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: {
          access: 'public',
          rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['auth'],
          summary: '登录 Log in',
          body: loginBody,
          response: { 200: sessionResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { token, session } = await accounts.login({
          ...request.body,
          ip: clientIp(request),
          userAgent: request.headers['user-agent'] ?? null,
        });
        setSessionCookie(reply, config, token);
        return { user: session.user, csrfToken: session.csrfToken };
      },
    );

    app.get(
      '/auth/session',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: '当前会话 Current session',
          response: { 200: sessionResponse, ...errorResponses },
        },
      },
      (request) => {
        if (!request.session) {
          throw new AppError('UNAUTHENTICATED');
        }
        return { user: request.session.user, csrfToken: request.session.csrfToken };
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { access: 'session' },
        schema: {
          tags: ['auth'],
          summary: '退出 Log out',
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await accounts.logout(request.session!.sessionId, request.actor, clientIp(request));
        clearSessionCookie(reply, config);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/auth/password',
      {
        config: {
          access: 'session',
          rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' },
        },
        schema: {
          tags: ['auth'],
          summary: '修改密码 Change password',
          body: passwordBody,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await accounts.changePassword({
          actor: request.actor,
          sessionId: request.session!.sessionId,
          ...request.body,
          ip: clientIp(request),
        });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/auth/totp',
      {
        config: { access: 'session' },
        schema: {
          tags: ['auth'],
          summary: '两步验证状态 Two-step verification status',
          response: { 200: totpStatusResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        return totp.status(request.actor);
      },
    );

    app.post(
      '/auth/totp/setup',
      {
        config: { access: 'session', rateLimit: secretCheckLimit },
        schema: {
          tags: ['auth'],
          summary: '开始设置两步验证 Start TOTP enrolment',
          response: { 200: totpSetupResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        return totp.start(request.actor);
      },
    );

    app.post(
      '/auth/totp/confirm',
      {
        config: { access: 'session', rateLimit: secretCheckLimit },
        schema: {
          tags: ['auth'],
          summary: '确认开启两步验证 Confirm TOTP with a code',
          body: totpConfirmBody,
          response: { 200: recoveryCodesResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        return totp.confirm({
          actor: request.actor,
          code: request.body.code,
          ip: clientIp(request),
        });
      },
    );

    app.post(
      '/auth/totp/disable',
      {
        config: { access: 'session', rateLimit: secretCheckLimit },
        schema: {
          tags: ['auth'],
          summary: '关闭两步验证 Turn TOTP off',
          body: totpDisableBody,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await totp.disable({
          actor: request.actor,
          password: request.body.password,
          factor: { totpCode: request.body.code, recoveryCode: request.body.recoveryCode },
          ip: clientIp(request),
        });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/auth/totp/recovery-codes',
      {
        config: { access: 'session', rateLimit: secretCheckLimit },
        schema: {
          tags: ['auth'],
          summary: '重新生成恢复码 New recovery codes',
          body: totpConfirmBody,
          response: { 200: recoveryCodesResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        return totp.regenerateRecoveryCodes({
          actor: request.actor,
          code: request.body.code,
          ip: clientIp(request),
        });
      },
    );

    app.get(
      '/users',
      {
        config: { access: 'users.manage' },
        schema: {
          tags: ['admin'],
          summary: '用户列表 Users',
          querystring: listUsersQuery,
          response: { 200: z.object({ items: z.array(userListItem) }), ...errorResponses },
        },
      },
      async (request) => ({ items: await accounts.listUsers(request.actor, request.query) }),
    );

    app.post(
      '/users',
      {
        config: { access: 'users.manage' },
        schema: {
          tags: ['admin'],
          summary: '新建用户 Create user',
          body: createUserBody,
          response: { 201: sessionUserSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const user = await accounts.createUser({
          ...request.body,
          countyId: request.body.countyId ?? request.actor.countyId!,
          actor: request.actor,
          ip: clientIp(request),
          mustChangePassword: true,
        });
        return reply.code(201).send(user);
      },
    );

    app.post(
      '/users/:id/active',
      {
        config: { access: 'users.manage' },
        schema: {
          tags: ['admin'],
          summary: '启用/停用用户 Activate or deactivate',
          params: idParams,
          body: setActiveBody,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await accounts.setActive({
          actor: request.actor,
          userId: request.params.id,
          active: request.body.active,
          ip: clientIp(request),
        });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/users/:id/password',
      {
        config: { access: 'users.manage' },
        schema: {
          tags: ['admin'],
          summary: '重置密码 Reset password',
          params: idParams,
          body: resetPasswordBody,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await accounts.resetPassword({
          actor: request.actor,
          userId: request.params.id,
          password: request.body.password,
          ip: clientIp(request),
        });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/users/:id/totp/reset',
      {
        config: { access: 'users.manage' },
        schema: {
          tags: ['admin'],
          summary: '重置两步验证 Reset a user’s TOTP',
          params: idParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await totp.reset({
          actor: request.actor,
          userId: request.params.id,
          ip: clientIp(request),
        });
        return reply.code(204).send(null);
      },
    );
  };
}
