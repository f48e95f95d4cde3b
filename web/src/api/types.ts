import type { components, paths } from './schema.d.ts';

/** Names for generated types the pages use; aliases only, so they follow the server's schema. */
export type ApiKey = components['schemas']['ApiKey'];
export type StaffUser = components['schemas']['StaffUser'];
export type AffiliateEvent = components['schemas']['AffiliateEvent'];
export type CreateApiKeyBody =
  paths['/api/v1/api-keys']['post']['requestBody']['content']['application/json'];
export type Scope = CreateApiKeyBody['scopes'][number];

/** The JSON body of a generated request body or response: `Json<paths[...]['get']['responses'][200]>`. */
export type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
