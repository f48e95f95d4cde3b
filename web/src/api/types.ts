import type { components, paths } from './schema.d.ts';

/** Names for generated types the pages use; aliases only, so they follow the server's schema. */
export type ApiKey = components['schemas']['ApiKey'];
export type StaffUser = components['schemas']['StaffUser'];
export type CreateApiKeyBody =
  paths['/api/v1/api-keys']['post']['requestBody']['content']['application/json'];
export type Scope = CreateApiKeyBody['scopes'][number];
