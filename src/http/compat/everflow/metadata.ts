// The id tables Everflow's bodies refer to ("can be found using the metadata API").
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TProperties, Type } from 'typebox';
import { listBrands } from '../../../core/catalog/brands/list-brands.ts';
import { listCurrencies } from '../../../core/reference/list-currencies.ts';
import { everflowErrors, requireEverflowKey, security, tags } from './http.ts';
import { TIMEZONES } from './timezones.ts';
import { INSTANT_MESSAGING, LANGUAGES } from './vocabulary.ts';

const list = <T extends TProperties>(key: string, item: T) =>
  Type.Object({ [key]: Type.Array(Type.Object(item)) });

/** The zone's offset now, `UTC+05:30`, for a readable label. */
function offsetLabel(zone: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return !part || part === 'GMT' ? 'UTC+00:00' : part.replace('GMT', 'UTC');
}

export const everflowMetadataRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags, security, preValidation: requireEverflowKey('read') };
  const errors = everflowErrors(401, 403, 500);

  app.get(
    '/v1/meta/timezones',
    {
      preValidation: common.preValidation,
      schema: {
        tags,
        security,
        summary: 'Timezones (Everflow metadata): timezone_id of affiliate users',
        description: 'Stable ids: a zone keeps its id, new zones are added at the end.',
        response: {
          200: list('timezones', {
            timezone_id: Type.Integer(),
            timezone: Type.String(),
            label: Type.String(),
          }),
          ...errors,
        },
      },
    },
    async () => {
      const now = new Date();
      return {
        timezones: TIMEZONES.map((zone, i) => ({
          timezone_id: i + 1,
          timezone: zone,
          label: `(${offsetLabel(zone, now)}) ${zone}`,
        })),
      };
    },
  );

  app.get(
    '/v1/meta/languages',
    {
      preValidation: common.preValidation,
      schema: {
        tags,
        security,
        summary: 'Languages (Everflow metadata): language_id of affiliate users',
        response: {
          200: list('languages', { language_id: Type.Integer(), code: Type.String(), name: Type.String() }),
          ...errors,
        },
      },
    },
    async () => ({ languages: LANGUAGES.map((l) => ({ ...l })) }),
  );

  app.get(
    '/v1/meta/instant_messaging',
    {
      preValidation: common.preValidation,
      schema: {
        tags,
        security,
        summary: 'Instant messaging platforms (Everflow metadata): instant_messaging_id',
        description:
          '0 is none. Affiliate users hold Skype (1) and Telegram (2); the affiliate holds every one.',
        response: {
          200: list('instant_messaging', { instant_messaging_id: Type.Integer(), name: Type.String() }),
          ...errors,
        },
      },
    },
    async () => ({
      instant_messaging: INSTANT_MESSAGING.map((m) => ({ instant_messaging_id: m.id, name: m.name })),
    }),
  );

  app.get(
    '/v1/meta/currencies',
    {
      preValidation: common.preValidation,
      schema: {
        tags,
        security,
        summary: 'Currencies (Everflow metadata): default_currency_id and currency_id',
        response: {
          200: list('currencies', {
            currency_id: Type.String(),
            currency_name: Type.String(),
            decimals: Type.Integer(),
          }),
          ...errors,
        },
      },
    },
    async () => ({
      currencies: (await listCurrencies(db(), { enabled: true })).map((c) => ({
        currency_id: c.code,
        currency_name: c.name,
        decimals: c.minor_unit,
      })),
    }),
  );

  app.get(
    '/v1/meta/tracking_domains',
    {
      preValidation: common.preValidation,
      schema: {
        tags,
        security,
        summary: 'Tracking domains (Everflow metadata): network_tracking_domain_ids of the affiliates table',
        description:
          "One per brand: the brand's id and the origin its tracking links are written with (the public URL when it has no domain of its own).",
        response: {
          200: list('tracking_domains', {
            network_tracking_domain_id: Type.Integer(),
            url: Type.String(),
            brand: Type.String(),
          }),
          ...errors,
        },
      },
    },
    async () => ({
      tracking_domains: (await listBrands(db())).map((b) => ({
        network_tracking_domain_id: b.id,
        url: b.tracking_domain ?? app.deps.config.publicUrl,
        brand: b.name,
      })),
    }),
  );
};
