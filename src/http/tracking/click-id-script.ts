import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';

const SOURCE = fs.readFileSync(new URL('./t.js', import.meta.url), 'utf8');
const ETAG = `"${createHash('sha256').update(SOURCE).digest('base64url').slice(0, 22)}"`;

const DESCRIPTION = [
  "A small first-party script for the operator's landing pages. The tracking link's destination",
  'carries the click id (`{{click_id}}`, e.g. `https://casino.example/welcome?click_id={{click_id}}`);',
  'with `<script src="<PUBLIC_URL>/t.js"></script>` on the landing page, the script keeps that id in',
  "a first-party cookie of the operator's own site (`affluent_click_id`, SameSite=Lax, 30 days) and",
  '`window.affluent.clickId()` returns it on any later page, so the sign-up or deposit can pass it',
  'to the operator’s server, which sends it as `click_id` with the event (`POST /api/v1/events`).',
  'Options on the script tag: `data-param` (the query parameter holding the id, default',
  '`click_id`) and `data-days` (how long the cookie lasts, 1 to 3650, default 30). It sets no',
  'third-party cookie, sends nothing and loads nothing. Cached for an hour, revalidated by ETag.',
].join(' ');

/** GET /t.js: the click id script, embeddable on any site (Cross-Origin-Resource-Policy: cross-origin). */
export const clickIdScriptRoute: FastifyPluginAsync = async (app) => {
  app.get(
    '/t.js',
    {
      // Loaded by the operator's own pages, on another origin than the platform's.
      helmet: { crossOriginResourcePolicy: { policy: 'cross-origin' } },
      schema: {
        tags: ['events'],
        summary: "The click id script for the operator's landing pages",
        description: DESCRIPTION,
        response: {
          200: {
            description: 'The script',
            content: { 'text/javascript': { schema: { type: 'string' } } },
          },
          304: { description: 'Not modified since the ETag sent in If-None-Match', type: 'null' },
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=3600').header('etag', ETAG);
      if (request.headers['if-none-match'] === ETAG) return reply.status(304).send();
      return reply.type('text/javascript; charset=utf-8').send(SOURCE);
    },
  );
};
