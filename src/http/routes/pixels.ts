import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { serveClientPixels } from '../../core/postbacks/serve-client-pixels.ts';

const DESCRIPTION = [
  "Client pixels (postbacks of delivery `image`, `iframe` or `javascript`) for the operator's",
  'conversion page. Record the event first (`POST /api/v1/events`), then put on the page the',
  'customer sees next: `<script async src="<PUBLIC_URL>/px.js?brand_id=1&type=registration&event_id=<your event id>"></script>`.',
  'The script adds each pixel the event asked for (an `<img>`, an `<iframe>` or a `<script>` of the',
  "affiliate's tracker, with its variables filled) to the page. Each pixel is handed out once and",
  'logged as `served`; a second load, or an event without pixels, gives an empty script.',
].join(' ');

/** Pixel markup built in the page: the URLs are data (JSON), never markup of ours. */
function script(pixels: { delivery: string; url: string }[]): string {
  return `(function(){var p=${JSON.stringify(pixels).replace(/</g, '\\u003c')};for(var i=0;i<p.length;i++){var x=p[i],e;if(x.delivery==='image'){e=new Image(1,1);e.src=x.url;e.style.display='none';}else if(x.delivery==='iframe'){e=document.createElement('iframe');e.src=x.url;e.width=1;e.height=1;e.style.display='none';}else{e=document.createElement('script');e.async=true;e.src=x.url;}(document.body||document.documentElement).appendChild(e);}})();\n`;
}

/** GET /px.js: the conversion page's client pixels. */
export const pixelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/px.js',
    {
      helmet: { crossOriginResourcePolicy: { policy: 'cross-origin' } },
      schema: {
        tags: ['postbacks'],
        summary: "The client pixels of an event, for the operator's conversion page",
        description: DESCRIPTION,
        querystring: Type.Object(
          {
            brand_id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
            type: Type.String({ maxLength: 40 }),
            event_id: Type.String({ maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: { description: 'The script', content: { 'text/javascript': { schema: { type: 'string' } } } },
        },
      },
    },
    async (request, reply) => {
      const pixels = await serveClientPixels({
        db: app.deps.database.db,
        brandId: request.query.brand_id,
        eventType: request.query.type,
        eventId: request.query.event_id,
      });
      return reply
        .header('cache-control', 'no-store')
        .type('text/javascript; charset=utf-8')
        .send(script(pixels));
    },
  );
};
