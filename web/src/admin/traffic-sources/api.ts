import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';

export type TrafficSource = Json<paths['/api/v1/traffic-sources']['get']['responses'][200]>['data'][number];
export type SourceBody = Json<paths['/api/v1/traffic-sources']['post']['requestBody']>;
export type SourcePatch = Json<paths['/api/v1/traffic-sources/{id}']['patch']['requestBody']>;

export const createSource = (body: SourceBody) => unwrap(api.POST('/api/v1/traffic-sources', { body }));

export const updateSource = (id: number, body: SourcePatch) =>
  unwrap(api.PATCH('/api/v1/traffic-sources/{id}', { params: { path: { id } }, body }));
