import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const WEB_DIST = path.resolve(import.meta.dirname, '../../../web/dist');

// Paths the single-page app routes itself; the server answers them all with index.html.
const APP_ROUTES = ['/admin', '/admin/*', '/portal', '/portal/*', '/setup'];

/** Serves the built web app at /, when it has been built (npm start builds it). */
export async function registerWeb(app: FastifyInstance, dist = WEB_DIST): Promise<void> {
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    app.log.warn(`web app not built (${dist}); run "npm run build:web"`);
    return;
  }
  await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false, index: ['index.html'] });
  for (const route of APP_ROUTES) {
    app.get(route, { schema: { hide: true }, logLevel: 'warn' }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html'),
    );
  }
}
