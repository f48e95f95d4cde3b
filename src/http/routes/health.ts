import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { publishedKeys } from '../../core/history/signing-keys.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import { VERSION } from '../../version.ts';
import { HISTORY_HELP, PublishedKeys } from '../schemas/history.ts';

const Health = Type.Object({ status: Type.String(), version: Type.String() });
const Ready = Type.Object({
  status: Type.String(),
  database: Type.String(),
  pending_migrations: Type.Array(Type.String()),
});

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/.well-known/affluent-history-keys.json',
    {
      schema: {
        tags: ['history'],
        summary: 'The public keys that sign history checkpoints and bill statements',
        description: HISTORY_HELP,
        response: { 200: PublishedKeys },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return { keys: await publishedKeys({ db: app.deps.database.db }) };
    },
  );

  app.get(
    '/healthz',
    {
      logLevel: 'warn',
      schema: { tags: ['system'], summary: 'The process is alive', response: { 200: Health } },
    },
    async () => ({ status: 'ok', version: VERSION }),
  );

  app.get(
    '/readyz',
    {
      logLevel: 'warn',
      schema: {
        tags: ['system'],
        summary: 'The database is reachable and fully migrated',
        response: { 200: Ready, 503: Ready },
      },
    },
    async (_request, reply) => {
      const { db, kind } = app.deps.database;
      try {
        await sql`select 1`.execute(db);
        const pending = await pendingMigrations(db);
        return reply.status(pending.length ? 503 : 200).send({
          status: pending.length ? 'migrations_pending' : 'ready',
          database: kind,
          pending_migrations: pending,
        });
      } catch {
        return reply
          .status(503)
          .send({ status: 'database_unreachable', database: kind, pending_migrations: [] });
      }
    },
  );
};
