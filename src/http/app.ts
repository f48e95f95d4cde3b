import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppDeps } from './context.ts';
import { registerErrorHandling } from './plugins/error-handler.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { genReqId } from './plugins/request-id.ts';
import { registerWeb } from './plugins/web.ts';
import { healthRoutes } from './routes/health.ts';
import { operatorApi } from './routes/operator/index.ts';

export interface BuildAppOptions extends AppDeps {
  /** The server's pino logger; tests run without one. */
  logger?: FastifyBaseLogger;
  /** Serve the built web app (the server does; API tests need not). */
  web?: boolean;
}

/** The one place the HTTP application is assembled, for the server and the tests alike. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    genReqId,
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 5 * 1024 * 1024,
    ajv: {
      customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', { config, database });
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerErrorHandling(app);
  await app.register(cookie, { secret: config.secretKey });
  await registerOpenApi(app);
  await app.register(healthRoutes);
  await app.register(operatorApi, { prefix: '/api/v1' });
  if (options.web) await registerWeb(app);
  return app;
}
