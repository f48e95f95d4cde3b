import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listActiveTrafficSources } from '../../../core/affiliates/lists/list-active-traffic-sources.ts';
import { getProgram } from '../../../core/program/get-program.ts';
import { listCountries } from '../../../core/reference/list-countries.ts';
import { listCurrencies } from '../../../core/reference/list-currencies.ts';
import { withErrors } from '../../schemas/common.ts';
import { Country } from '../operator/countries.ts';
import { Currency } from '../operator/currencies.ts';

export const PublicProgram = Type.Object(
  {
    name: Type.String({ description: "The program's name, as the portal's header shows it" }),
    terms_url: Type.Union([Type.String(), Type.Null()], {
      description: 'Where the terms and conditions are read; null: none published',
    }),
    brands: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }), {
      description: 'The enabled brands affiliates promote',
    }),
  },
  { $id: 'PublicProgram' },
);

export const TrafficSourceChoice = Type.Object(
  { id: Type.Integer(), name: Type.String(), description: Type.String() },
  { $id: 'TrafficSourceChoice' },
);

/**
 * What the portal's public pages need before anyone signs in: the program's name and terms, and
 * the lists the application form picks from. No authentication; nothing here names an affiliate.
 */
export const partnerProgramRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['portal: program'];

  app.get(
    '/program',
    {
      schema: {
        tags,
        summary: 'The affiliate program: name, terms link and brands',
        description: 'Public: the sign-in and sign-up pages show it before anyone signs in.',
        response: withErrors({ 200: PublicProgram }, 429),
      },
    },
    async () => {
      const { name, terms_url, brands } = await getProgram(db());
      return { name, terms_url, brands };
    },
  );

  app.get(
    '/countries',
    {
      schema: {
        tags,
        summary: 'Countries, for the application form and the profile',
        response: withErrors({ 200: Type.Object({ data: Type.Array(Country) }) }, 429),
      },
    },
    async () => ({ data: await listCountries(db()) }),
  );

  app.get(
    '/currencies',
    {
      schema: {
        tags,
        summary: 'The currencies that can be chosen: the enabled ones, crypto ones only if enabled',
        response: withErrors({ 200: Type.Object({ data: Type.Array(Currency) }) }, 429),
      },
    },
    async () => ({ data: await listCurrencies(db(), { enabled: true }) }),
  );

  app.get(
    '/traffic-sources',
    {
      schema: {
        tags,
        summary: "The operator's traffic sources an affiliate can choose (archived ones left out)",
        description: 'On the application form and for a promo (set once, never changed afterwards).',
        response: withErrors({ 200: Type.Object({ data: Type.Array(TrafficSourceChoice) }) }, 429),
      },
    },
    async () => ({ data: await listActiveTrafficSources(db()) }),
  );
};
