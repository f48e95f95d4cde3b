import { del, type Entry, MISSING, patch, post } from './operator-calls.ts';

const NEWS = 'news the program publishes to every affiliate, named by no affiliate';
const CONTACTS = 'a brand’s contact details, the same for every affiliate';

/** Operator routes of the news and the brands' contact details. */
export const NEWS_ROUTES: Record<string, Entry> = {
  'GET /news': { none: NEWS },
  'POST /news': { none: NEWS, write: () => post('/news', { title: 'Matrix news', body: 'Text' }) },
  'GET /news/{id}': { none: NEWS },
  'PATCH /news/{id}': { none: NEWS, write: () => patch(`/news/${MISSING}`, { title: 'Matrix news' }) },
  'DELETE /news/{id}': { none: NEWS, write: () => del(`/news/${MISSING}`) },
  'POST /news/{id}/publish': { none: NEWS, write: () => post(`/news/${MISSING}/publish`) },
  'POST /news/{id}/unpublish': { none: NEWS, write: () => post(`/news/${MISSING}/unpublish`) },
  'GET /brand-contacts': { none: CONTACTS },
  'PUT /brands/{id}/contacts': {
    none: CONTACTS,
    write: (w) => ({
      method: 'PUT',
      url: `/brands/${w.brandId}/contacts`,
      payload: { email: 'team@example.com' },
    }),
  },
};
