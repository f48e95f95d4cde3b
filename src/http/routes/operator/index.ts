import type { FastifyPluginAsync } from 'fastify';
import { apiKeyRoutes } from './api-keys.ts';
import { sessionRoutes } from './session.ts';
import { setupRoutes } from './setup.ts';

/** Everything under /api/v1: the operator API. Features add their route plugin here. */
export const operatorApi: FastifyPluginAsync = async (app) => {
  await app.register(sessionRoutes);
  await app.register(setupRoutes);
  await app.register(apiKeyRoutes);
};
