import { readFileSync } from 'node:fs';
import path from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { VERSION } from '../../version.ts';
import { everflowTag } from '../compat/everflow/docs.ts';
import { multisafepayTag } from '../compat/multisafepay/docs.ts';
import { ErrorBody } from '../schemas/common.ts';

const DESCRIPTION = `The operator API of Affluent.

Authenticate with an API key (\`Authorization: Bearer <key>\` or \`X-Api-Key: <key>\`) created in the
back office or with \`npm run cli -- api-keys create\`, or with the back office session cookie.
Scopes: \`read\`, \`write\` (includes read and support), \`finance\` (includes read), \`support\`
(includes read), \`admin\` (everything). Staff get the scopes of their role: admin, affiliate_manager,
finance, support or read_only.

The partner API (/api/partner/v1) serves the affiliate portal: the portal session cookie, or an
affiliate API key once the operator turned API access on for the affiliate.

Every error has the body \`{ "error": { "code", "message", "details", "request_id" } }\`. Validation
errors (422) list each bad field in \`details.fields\` as \`{ path, message, in }\`. Money is in integer
minor units with its currency beside it; rates are decimal strings.`;

// The platform's own mark, shared with the web app (web/public is copied to the app's root).
const PUBLIC = path.resolve(import.meta.dirname, '../../../web/public');
const asset = (name: string) => readFileSync(path.join(PUBLIC, name));

/** OpenAPI 3.1 built from the route schemas, served at /openapi.json and browsable at /docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.addSchema(ErrorBody);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Affluent API', version: VERSION, description: DESCRIPTION },
      // A vendor's section of /docs: its tag's prose above its operations.
      tags: [everflowTag(), multisafepayTag()],
      components: {
        securitySchemes: {
          statisticToken: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description: "Affilka's report API: the affiliate user's statistic token",
          },
          commissionFactoryApiKey: {
            type: 'apiKey',
            in: 'query',
            name: 'apiKey',
            description: "Commission Factory's merchant API: an operator API key with the read scope",
          },
          everflowApiKey: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Eflow-API-Key',
            description: "Everflow's network API: an operator API key (read for reads, write for writes)",
          },
          smarticoApiKey: {
            type: 'apiKey',
            in: 'header',
            name: 'authorization',
            description: "Smartico's API: an operator API key as the whole authorization header",
          },
          multisafepayApiKey: {
            type: 'apiKey',
            in: 'header',
            name: 'api_key',
            description:
              "MultiSafepay's partner API: an operator API key (read for reads, write or finance for writes)",
          },
          multisafepayApiKeyQuery: {
            type: 'apiKey',
            in: 'query',
            name: 'api_key',
            description: "MultiSafepay's partner API: the same key as the api_key query parameter",
          },
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An operator API key' },
          apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'affluent_session' },
          portalSession: {
            type: 'apiKey',
            in: 'cookie',
            name: 'affluent_portal',
            description: 'Partner API: the affiliate portal session',
          },
          partnerApiKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'Partner API: an affiliate API key (afk_...)',
          },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string) || `def-${i}` },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
    logo: { type: 'image/svg+xml', content: asset('logo.svg'), href: '/docs', target: '_self' },
    theme: {
      title: 'Affluent API',
      favicon: [
        {
          filename: 'favicon.svg',
          rel: 'icon',
          sizes: 'any',
          type: 'image/svg+xml',
          content: asset('favicon.svg'),
        },
      ],
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
