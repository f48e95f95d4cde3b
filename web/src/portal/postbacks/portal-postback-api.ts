import { api, unwrap } from '../../api/client.ts';
import type { ListPage } from '../../components/PagedTable.tsx';
import type { Attempt, Postback, PostbackApi } from '../../postbacks/postback-api.ts';

/** The portal's postbacks: the partner API, for the signed-in affiliate. */
export const portalPostbackApi: PostbackApi = {
  key: ['portal', 'postbacks'],
  list: async () =>
    (await unwrap(
      api.GET('/api/partner/v1/postbacks', { params: { query: { page_size: 100 } } }),
    )) as ListPage<Postback>,
  variables: () => unwrap(api.GET('/api/partner/v1/postback-variables')),
  save: async (id, body) =>
    (await (id === null
      ? unwrap(api.POST('/api/partner/v1/postbacks', { body: body as never }))
      : unwrap(
          api.PATCH('/api/partner/v1/postbacks/{id}', { params: { path: { id } }, body: body as never }),
        ))) as Postback,
  preview: (body) => unwrap(api.POST('/api/partner/v1/postbacks/preview', { body })),
  testFire: async (id) =>
    (await unwrap(
      api.POST('/api/partner/v1/postbacks/{id}/test-fire', { params: { path: { id } }, body: {} }),
    )) as Attempt,
  log: async (filter, page) =>
    (await unwrap(
      api.GET('/api/partner/v1/postback-log', { params: { query: { ...filter, page, page_size: 50 } } }),
    )) as ListPage<Attempt>,
  campaigns: async () =>
    (
      await unwrap(
        api.GET('/api/partner/v1/campaigns', { params: { query: { tab: 'all', page_size: 500 } } }),
      )
    ).data,
};
