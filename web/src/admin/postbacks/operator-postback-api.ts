import { api, unwrap } from '../../api/client.ts';
import type { ListPage } from '../../components/PagedTable.tsx';
import type { Attempt, Postback, PostbackApi } from '../../postbacks/postback-api.ts';

/** One affiliate's postbacks through the operator API: the portal's screens for any affiliate. */
export const operatorPostbackApi = (affiliateId: number): PostbackApi => ({
  key: ['admin', 'postbacks', affiliateId],
  list: async () =>
    (await unwrap(
      api.GET('/api/v1/postbacks', { params: { query: { affiliate_id: affiliateId, page_size: 100 } } }),
    )) as ListPage<Postback>,
  variables: () => unwrap(api.GET('/api/v1/postback-variables')),
  save: async (id, body) =>
    (await (id === null
      ? unwrap(api.POST('/api/v1/postbacks', { body: { ...body, affiliate_id: affiliateId } as never }))
      : unwrap(
          api.PATCH('/api/v1/postbacks/{id}', { params: { path: { id } }, body: body as never }),
        ))) as Postback,
  preview: (body) =>
    unwrap(api.POST('/api/v1/postbacks/preview', { body: { ...body, affiliate_id: affiliateId } })),
  testFire: async (id) =>
    (await unwrap(
      api.POST('/api/v1/postbacks/{id}/test-fire', { params: { path: { id } }, body: {} }),
    )) as Attempt,
  log: async (filter, page) =>
    (await unwrap(
      api.GET('/api/v1/postback-log', {
        params: { query: { ...filter, affiliate_id: affiliateId, page, page_size: 50 } },
      }),
    )) as ListPage<Attempt>,
  campaigns: async () =>
    (
      await unwrap(
        api.GET('/api/v1/campaigns', { params: { query: { affiliate_id: affiliateId, page_size: 500 } } }),
      )
    ).data,
});
