import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { setPasswordHashCost } from '../core/auth/passwords.ts';
import { TrackingRuntime } from '../core/clicks/tracking-runtime.ts';
import { JobQueue } from '../core/jobs/job-queue.ts';
import { platformJobTypes } from '../core/jobs/job-types.ts';
import { affilkaReportRoutes } from './compat/affilka/report-api.ts';
import { commissionFactoryRoutes } from './compat/commission-factory/merchant-api.ts';
import { everflowRoutes } from './compat/everflow/api.ts';
import { multisafepayRoutes } from './compat/multisafepay/api.ts';
import { smarticoRoutes } from './compat/smartico/api.ts';
import type { AppDeps } from './context.ts';
import { registerCsrfProtection } from './plugins/csrf.ts';
import { registerErrorHandling } from './plugins/error-handler.ts';
import { compileOnFirstUse } from './plugins/lazy-schemas.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerRateLimits } from './plugins/rate-limit.ts';
import { genReqId } from './plugins/request-id.ts';
import { RequestLog } from './plugins/request-log.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { buildValidator, registerTextGuard } from './plugins/validation.ts';
import { registerWeb } from './plugins/web.ts';
import { healthRoutes } from './routes/health.ts';
import { operatorApi } from './routes/operator/index.ts';
import { partnerApi } from './routes/partner/index.ts';
import { portalSsoRoute } from './routes/partner/sso-redirect.ts';
import { pixelRoutes } from './routes/pixels.ts';
import { createTrackingHandler } from './tracking/click-handler.ts';
import { clickIdScriptRoute } from './tracking/click-id-script.ts';
import { registerTracking } from './tracking/routes.ts';
import { serverWithFastPath } from './tracking/server-factory.ts';

export interface BuildAppOptions extends Omit<AppDeps, 'jobs'> {
  /** The started job queue; without one (scripts, some tests) enqueueing fails with "not started". */
  jobs?: JobQueue;
  /** The server's pino logger; tests run without one. */
  logger?: FastifyBaseLogger;
  /** Serve the built web app (the server does; API tests need not). */
  web?: boolean;
  /** Compile each route's schemas when it is first used instead of at ready(): tests' faster start. */
  lazySchemas?: boolean;
}

/** The one place the HTTP application is assembled, for the server and the tests alike. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  // Clicks (/c/...) and impressions (/i/...) are answered by the raw request listener before
  // Fastify sees them: see src/http/tracking/server-factory.ts. Everything else is Fastify's.
  setPasswordHashCost(config.identity.passwordHash);
  const tracking = new TrackingRuntime(config, database);
  const trackingHandler = createTrackingHandler(tracking);
  const app = Fastify({
    serverFactory: serverWithFastPath(trackingHandler),
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    genReqId,
    logController: new RequestLog(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 5 * 1024 * 1024,
    // Bodies are validated without coercion, query strings and params with it: see validation.ts.
    schemaController: {
      compilersFactory: options.lazySchemas ? compileOnFirstUse({ buildValidator }) : { buildValidator },
    },
    ajv: {
      customOptions: { allErrors: true, removeAdditional: false, useDefaults: true, strictNumbers: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const jobs = options.jobs ?? new JobQueue({ config, database, types: platformJobTypes() });
  app.decorate('deps', {
    config,
    database,
    jobs,
    ...(options.analytics ? { analytics: options.analytics } : {}),
  });
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerErrorHandling(app);
  registerTextGuard(app);
  await registerSecurityHeaders(app, config);
  await app.register(cookie, { secret: config.secretKey });
  registerCsrfProtection(app, config);
  registerTracking(app, tracking, trackingHandler);
  await registerOpenApi(app);
  await registerRateLimits(app, config.identity);
  await app.register(healthRoutes);
  await app.register(clickIdScriptRoute);
  await app.register(pixelRoutes);
  await app.register(operatorApi, { prefix: '/api/v1' });
  await app.register(partnerApi, { prefix: '/api/partner/v1' });
  await app.register(affilkaReportRoutes, { prefix: '/api/customer/v1/partner' });
  await app.register(commissionFactoryRoutes, { prefix: '/commissionfactory' });
  await app.register(everflowRoutes, { prefix: '/everflow' });
  await app.register(smarticoRoutes, { prefix: '/smartico' });
  await app.register(multisafepayRoutes, { prefix: '/multisafepay/v1/json' });
  await app.register(portalSsoRoute);
  if (options.web) await registerWeb(app);
  return app;
}
