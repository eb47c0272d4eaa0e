import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';

import type { Config } from './config';
import type { Database } from './db/database';
import { ping } from './db/dialect';
import { createDeps } from './deps';
import { createJobs } from './jobs';
import { accountRoutes, createAccountService } from './modules/accounts';
import { auditRoutes, createAuditService } from './modules/audit';
import { createDirectoryService, directoryRoutes } from './modules/directory';
import { createExportService, exportRoutes } from './modules/exports';
import { createImportService, importRoutes } from './modules/imports';
import { createIndexService, createScreenService, indexRoutes } from './modules/indices';
import {
  createNotificationAdmin,
  notificationAdminRoutes,
  notificationRoutes,
} from './modules/notifications';
import {
  createOpen311Service,
  open311DiscoveryRoutes,
  open311KeyRoutes,
  open311Routes,
} from './modules/open311';
import { createPosterService, posterRoutes } from './modules/posters';
import { createProblemService, problemRoutes } from './modules/problems';
import { createPromiseService, promiseRoutes } from './modules/promise';
import { createReportService, reportRoutes } from './modules/reports';
import { createSatisfactionService, satisfactionRoutes } from './modules/satisfaction';
import { createTaxonomyService, taxonomyRoutes } from './modules/taxonomy';
import { createTextModelService, textRoutes } from './modules/text';
import { clusterRoutes } from './modules/text/cluster-routes';
import { createClusterService } from './modules/text/cluster-service';
import { heatRoutes } from './modules/text/heat-routes';
import { createHeatService } from './modules/text/heat-service';
import { replyRoutes } from './modules/text/reply-routes';
import { createReplyQualityService } from './modules/text/reply-service';
import { similarRoutes } from './modules/text/similar-routes';
import { createSimilarService } from './modules/text/similar-service';
import {
  createTroubleIntake,
  createTroubleService,
  createTroubleTracking,
  createUploadService,
  troubleRoutes,
} from './modules/troubles';
import { type Clock, systemClock } from './shared/clock';
import { registerAuth } from './shared/http/auth-plugin';
import { registerErrorHandler, sendProblem } from './shared/http/error-handler';
import { registerInputGuard } from './shared/http/input-guard';
import { registerSecurityHeaders, securityHeaderOptions } from './shared/http/security-headers';
import { localeFromHeader, messageFor } from './shared/messages';
import { lazyRequestLogger, loggerOptions } from './shared/observability/log-options';
import { createMetrics, registerMetricsRoute } from './shared/observability/metrics';

export interface BuildOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  logger?: boolean;
  /** Where JSON log lines go (default stdout); tests capture them. */
  logStream?: { write(line: string): void };
}

const BODY_LIMIT = 256 * 1024;
const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/**
 * Builds the HTTP application without listening (tests use `app.inject`). Everything the server
 * needs is created here from explicit dependencies; there is no container and no global state.
 */
export async function buildApp(options: BuildOptions) {
  const { config, database } = options;
  const clock = options.clock ?? systemClock;
  const deps = createDeps(config, database, clock);

  const app: FastifyInstance = Fastify({
    logger:
      options.logger === false
        ? false
        : loggerOptions({ level: config.logLevel, stream: options.logStream }),
    bodyLimit: BODY_LIMIT,
    trustProxy: config.env === 'production',
    genReqId: () => crypto.randomUUID(),
    childLoggerFactory: lazyRequestLogger,
    // Router-level refusals (a malformed URL, a path parameter over maxParamLength) leave as
    // problem+json like every other error, not Fastify's default JSON.
    frameworkErrors: (error, req, reply) => {
      void sendProblem(
        reply,
        req,
        'BAD_REQUEST',
        messageFor(
          'BAD_REQUEST',
          { reason: error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'paramTooLong' : 'badUrl' },
          localeFromHeader(req.headers['accept-language']),
        ),
      );
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  let shuttingDown = false;
  const similar = createSimilarService(deps);
  const text = createTextModelService(deps);
  const services = {
    accounts: createAccountService(deps),
    directory: createDirectoryService(deps),
    taxonomy: createTaxonomyService(deps),
    promise: createPromiseService(deps),
    troubles: createTroubleService(deps, {
      // After the triage commit; a failure to learn must not fail the triage already stored.
      onCategorized: (e) =>
        text.learnLabel(e).then(
          () => undefined,
          (err: unknown) => app.log.error({ err }, 'text: learning a confirmed label failed'),
        ),
    }),
    intake: createTroubleIntake(deps),
    track: createTroubleTracking(deps),
    uploads: createUploadService(deps),
    problems: createProblemService({
      ...deps,
      onProblemsChanged: (ids) => similar.problemsChanged(ids),
    }),
    similar,
    heat: createHeatService(deps),
    replies: createReplyQualityService(deps),
    text,
    satisfaction: createSatisfactionService(deps),
    indices: createIndexService(deps),
    screen: createScreenService(deps),
    reports: createReportService(deps),
    imports: createImportService({ ...deps, log: app.log }),
    exports: createExportService({ ...deps, indices: createIndexService(deps) }),
    notificationAdmin: createNotificationAdmin(deps),
    open311: createOpen311Service(deps),
    audit: createAuditService(deps),
  };
  const posters = createPosterService({ directory: services.directory, config });
  const metrics = createMetrics(deps);
  deps.committer.observe(metrics.commitBatch);
  const jobs = createJobs({ ...deps, log: app.log, onJobRun: metrics.jobRun });
  app.addHook('onResponse', (req, reply, done) => {
    metrics.request(req, reply);
    done();
  });
  registerMetricsRoute(app, { metrics, token: config.metricsToken });

  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  registerErrorHandler(app, {
    spa: hasWeb,
    uploadMaxBytes: config.uploadMaxBytes,
    bodyLimitBytes: BODY_LIMIT,
  });
  await app.register(fastifyCookie);
  registerSecurityHeaders(app, securityHeaderOptions({ hsts: config.secureCookies }));
  await app.register(fastifyRateLimit, {
    global: false,
    hook: 'preHandler',
    keyGenerator: (req) => req.session?.user.id ?? req.ip,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `retry in ${ctx.after}`,
    }),
  });
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 5, parts: 6 },
    // Keep the client's full file name so that a path in it is seen and refused (upload route).
    preservePath: true,
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Fannao 烦恼指数 API',
        version: '1',
        description: 'Errors are application/problem+json with a stable `code`.',
      },
      servers: [{ url: config.publicUrl }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerAuth(app, {
    config,
    accounts: services.accounts,
    apiKeys: { verify: (key) => services.open311.verifyApiKey(key) },
  });
  registerInputGuard(app);
  const routeTable: { method: string; url: string; access: string | undefined }[] = [];
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') || route.url.startsWith('/open311/')) {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') {
          routeTable.push({ method, url: route.url, access: route.config?.access });
        }
      }
    }
  });

  await app.register(
    async (api) => {
      await api.register(accountRoutes({ accounts: services.accounts, config }));
      await api.register(directoryRoutes({ directory: services.directory }));
      await api.register(taxonomyRoutes({ taxonomy: services.taxonomy }));
      await api.register(promiseRoutes({ promise: services.promise, db: deps.db }));
      await api.register(
        troubleRoutes({
          config,
          troubles: services.troubles,
          intake: services.intake,
          track: services.track,
          uploads: services.uploads,
        }),
      );
      await api.register(problemRoutes({ problems: services.problems, clock }));
      await api.register(satisfactionRoutes({ satisfaction: services.satisfaction, config }));
      await api.register(notificationRoutes(deps));
      await api.register(notificationAdminRoutes({ admin: services.notificationAdmin }));
      await api.register(open311KeyRoutes({ open311: services.open311 }));
      await api.register(
        indexRoutes({ indices: services.indices, screen: services.screen, db: deps.db, clock }),
      );
      await api.register(reportRoutes({ reports: services.reports }));
      await api.register(posterRoutes({ posters }));
      await api.register(importRoutes({ imports: services.imports, config }));
      await api.register(exportRoutes({ exports: services.exports }));
      await api.register(auditRoutes({ audit: services.audit }));
      await api.register(
        clusterRoutes({
          clusters: createClusterService({ ...deps, problems: services.problems }),
        }),
      );
      await api.register(heatRoutes({ heat: services.heat }));
      await api.register(replyRoutes({ replies: services.replies }));
      await api.register(similarRoutes({ similar: services.similar }));
      await api.register(
        textRoutes({
          text: services.text,
          similar: services.similar,
          publicRatePerMinute: config.intakeRatePerMinute * 2,
        }),
      );
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () =>
        app.swagger(),
      );
    },
    { prefix: '/api/v1' },
  );

  await app.register(open311Routes({ open311: services.open311, config }), {
    prefix: '/open311/v2',
  });
  await app.register(open311DiscoveryRoutes({ config }), { prefix: '/open311' });

  app.get('/healthz', { schema: { hide: true } }, () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    if (shuttingDown) {
      return sendProblem(
        reply,
        req,
        'SERVICE_UNAVAILABLE',
        messageFor('SERVICE_UNAVAILABLE', {}, localeFromHeader(req.headers['accept-language'])),
      );
    }
    try {
      await ping(deps.db);
    } catch {
      return sendProblem(
        reply,
        req,
        'SERVICE_UNAVAILABLE',
        messageFor('SERVICE_UNAVAILABLE', {}, localeFromHeader(req.headers['accept-language'])),
      );
    }
    return { status: 'ready', db: database.dialect };
  });

  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: ['index.html'],
      // The build writes .br/.gz twins of every text asset (web/build-plugins.ts).
      preCompressed: true,
      setHeaders: (reply, filePath) => {
        // Hashed bundle names change with their content: cache them for good.
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          void reply.header('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    });
  }

  // While shutting down, answers close their connection so that keep-alive sockets do not hold
  // the server open after their last in-flight request.
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (shuttingDown) {
      reply.header('connection', 'close');
    }
    done(null, payload);
  });

  app.addHook('onClose', async () => {
    shuttingDown = true;
    await jobs.stop();
    await services.imports.drain();
    await deps.committer.close();
  });

  return {
    app,
    deps,
    services,
    jobs,
    metrics,
    /** Every API route with its declared access (for the authorisation tests). */
    routeTable,
    /** Marks the instance not ready (graceful shutdown starts). */
    beginShutdown() {
      shuttingDown = true;
    },
  };
}

export type BuiltApp = Awaited<ReturnType<typeof buildApp>>;
