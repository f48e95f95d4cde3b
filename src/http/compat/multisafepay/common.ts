import type { FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import { authenticateApiKey } from '../../../core/auth/authenticate-api-key.ts';
import { hasScope, type Scope } from '../../../core/auth/scopes.ts';
import { AppError } from '../../../core/errors.ts';

export const MSP_TAGS = ['MultiSafepay compatibility'];
export const mspSecurity: Record<string, string[]>[] = [
  { multisafepayApiKey: [] },
  { multisafepayApiKeyQuery: [] },
];
export const MSP_INTRO =
  'MultiSafepay partner API (`/multisafepay/v1/json`): the operator is the partner, each affiliate an affiliated account. Authenticated by an operator API key in the `api_key` header or `?api_key=` query parameter: reads need `read`, account changes `write`, charges, funds, payouts and auto payouts `finance`. A missing or invalid key is 401, one without the scope 403 (`{ success: false, data: [], error_code, error_info }`, as a 404 is); bad input is 422 `{ success: false, message, errors: [{ attribute, details, message, uri }] }`. Amounts are integers in minor units. See docs/migrating-from-multisafepay.md.';

/** preValidation: the key and its scope before the input is looked at, as requireOperator does. */
export const mspKey =
  (scope: Scope) =>
  async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.api_key;
    const query = (request.query as Record<string, unknown> | undefined)?.api_key;
    const presented = (typeof header === 'string' ? header : typeof query === 'string' ? query : '').trim();
    if (!presented)
      throw new AppError('unauthenticated', 'send the API key in the api_key header or query parameter');
    const apiKey = await authenticateApiKey(request.server.deps.database.db, presented);
    if (!apiKey) throw new AppError('unauthenticated', 'the API key is invalid or revoked');
    if (!hasScope(apiKey.scopes, scope))
      throw new AppError('forbidden', `this call needs the "${scope}" scope`, { required_scope: scope });
    request.principal = { kind: 'api_key', apiKey, scopes: apiKey.scopes };
    request.actor = { type: 'api_key', id: apiKey.id, name: apiKey.name, ip: request.ip };
  };

export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const AccountParams = Type.Object({ account_id: Id });
export const ApiKeyQuery = { api_key: Type.Optional(Type.String({ maxLength: 200 })) };
export const KeyQuery = Type.Object(ApiKeyQuery);
export const PagingQuery = (max: number, fallback: number) => ({
  ...ApiKeyQuery,
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: max, default: fallback })),
});

export const Ok = <T extends TSchema>(data: T) => Type.Object({ success: Type.Literal(true), data });
export const OkList = <T extends TSchema>(item: T) =>
  Type.Object({
    success: Type.Literal(true),
    data: Type.Array(item),
    page: Type.Object({ total: Type.Integer() }),
  });

export const ok = <T>(data: T) => ({ success: true as const, data });
export const okList = <T>(data: T[], total: number) => ({ success: true as const, data, page: { total } });

/** Money as the API shows it: minor units, a JSON number. */
export const minor = (v: bigint) => Number(v);
export const iso = (d: Date | null) => (d ? d.toISOString() : null);
