import type { FastifyRequest } from 'fastify';
import { authenticateApiKey } from '../../../core/auth/authenticate-api-key.ts';
import { hasScope, type Scope } from '../../../core/auth/scopes.ts';
import { AppError } from '../../../core/errors.ts';
import { getProgram } from '../../../core/program/get-program.ts';
import type { RowContext } from './affiliate-row.ts';

export const SMARTICO_TAGS = ['Smartico compatibility'];
export const smarticoSecurity = [{ smarticoApiKey: [] }];
export const SMARTICO_INTRO = `Authenticated by an operator API key sent as the whole \`authorization\` header (as Smartico's private API key is; \`Bearer <key>\` is taken too): reads need the \`read\` scope, writes \`write\`. A missing or invalid key is 401, one without the scope 403. Errors are \`{ errCode, errMsg, code, fields, request_id }\` with the HTTP status in errCode.`;

/** preValidation: the key and its scope before the input is looked at, as requireOperator does. */
export const smarticoKey =
  (scope: Scope) =>
  async (request: FastifyRequest): Promise<void> => {
    const raw = request.headers.authorization?.trim() ?? '';
    const presented = raw.toLowerCase().startsWith('bearer ') ? raw.slice(7).trim() : raw;
    if (!presented) throw new AppError('unauthenticated', 'send the API key in the authorization header');
    const apiKey = await authenticateApiKey(request.server.deps.database.db, presented);
    if (!apiKey) throw new AppError('unauthenticated', 'the API key is invalid or revoked');
    if (!hasScope(apiKey.scopes, scope))
      throw new AppError('forbidden', `this call needs the "${scope}" scope`, { required_scope: scope });
    request.principal = { kind: 'api_key', apiKey, scopes: apiKey.scopes };
    request.actor = { type: 'api_key', id: apiKey.id, name: apiKey.name, ip: request.ip };
  };

/** What each GET af2_aff_op needs once: the label (program) and the fallback currency. */
export async function rowContext(request: FastifyRequest): Promise<RowContext> {
  const { db } = request.server.deps.database;
  const [program, brand] = await Promise.all([
    getProgram(db),
    db.selectFrom('brands').select('base_currency').orderBy('id').executeTakeFirst(),
  ]);
  return {
    db,
    publicUrl: request.server.deps.config.publicUrl,
    labelName: program.name,
    fallbackCurrency: brand?.base_currency ?? null,
  };
}
