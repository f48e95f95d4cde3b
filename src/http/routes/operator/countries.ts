import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getCountry } from '../../../core/reference/get-country.ts';
import { listCountries } from '../../../core/reference/list-countries.ts';
import { listRegions } from '../../../core/reference/list-regions.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { withErrors } from '../../schemas/common.ts';

export const Country = Type.Object(
  {
    code: Type.String({ description: 'ISO 3166-1 alpha-2 code' }),
    alpha3: Type.String({ description: 'ISO 3166-1 alpha-3 code' }),
    numeric: Type.Union([Type.String(), Type.Null()], { description: 'ISO 3166-1 numeric code' }),
    name: Type.String(),
  },
  { $id: 'Country' },
);

const Region = Type.Object(
  {
    country_code: Type.String(),
    code: Type.String({
      description: 'The ISO 3166-2 code without its country prefix, as `region_code` fields use it (US + CA)',
    }),
    name: Type.String(),
    type: Type.String({ description: 'What the country calls it: State, Province, County...' }),
    parent_code: Type.Union([Type.String(), Type.Null()], {
      description: 'The enclosing subdivision for second-level ones (a French department in its region)',
    }),
  },
  { $id: 'Region' },
);

const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 3 }) });

export const countryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['reference data'];

  app.get(
    '/countries',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'List countries',
        description: 'The 249 ISO 3166-1 countries and XK (Kosovo, as GeoIP databases report it).',
        response: withErrors({ 200: Type.Object({ data: Type.Array(Country) }) }, 401, 403),
      },
    },
    async () => ({ data: await listCountries(db()) }),
  );

  app.get(
    '/countries/:code',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Get a country',
        description: 'By its alpha-2 code, matched case-insensitively.',
        params: CodeParams,
        response: withErrors({ 200: Country }, 401, 403, 404),
      },
    },
    async (request) => getCountry(db(), request.params.code),
  );

  app.get(
    '/countries/:code/regions',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: "List a country's regions",
        description:
          'Its ISO 3166-2 subdivisions, first-level and nested ones (see `parent_code`). Some small countries have none.',
        params: CodeParams,
        response: withErrors({ 200: Type.Object({ data: Type.Array(Region) }) }, 401, 403, 404),
      },
    },
    async (request) => ({ data: await listRegions(db(), request.params.code) }),
  );
};
