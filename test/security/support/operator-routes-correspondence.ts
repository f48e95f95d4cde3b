import { type Entry, get, post } from './operator-calls.ts';

/** Operator routes on inquiries, messages and their files. */
export const CORRESPONDENCE_ROUTES: Record<string, Entry> = {
  'GET /inquiries': {
    hidden: (w) => [{ call: get('/inquiries'), notInData: w.correspondence.bInquiryId }],
    cross: (w) => [
      {
        name: "B's inquiries",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/inquiries?affiliate_id=${id}`),
      },
    ],
  },
  'GET /affiliates/{id}/inquiries': {
    cross: (w) => [
      {
        name: "B's inquiries",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/affiliates/${id}/inquiries`),
      },
    ],
  },
  'POST /affiliates/{id}/inquiries': {
    cross: (w) => [
      {
        name: 'an inquiry to B',
        b: w.b.affiliateId,
        build: (id) => post(`/affiliates/${id}/inquiries`, { subject: 'Matrix', expected_reply: 'Anything' }),
      },
    ],
  },
  'GET /inquiries/{id}': {
    cross: (w) => [
      {
        name: "B's inquiry",
        b: w.correspondence.bInquiryId,
        a: w.correspondence.aInquiryId,
        build: (id) => get(`/inquiries/${id}`),
      },
    ],
  },
  'POST /inquiries/{id}/accept': {
    cross: (w) => [
      {
        name: "B's answer",
        b: w.correspondence.bInquiryId,
        build: (id) => post(`/inquiries/${id}/accept`, {}),
      },
    ],
  },
  'POST /inquiries/{id}/reject': {
    cross: (w) => [
      {
        name: "B's answer",
        b: w.correspondence.bInquiryId,
        build: (id) => post(`/inquiries/${id}/reject`, { comment: 'Matrix' }),
      },
    ],
  },
  'GET /correspondence-files/{id}': {
    cross: (w) => [
      {
        name: "B's file",
        b: w.correspondence.bFileId,
        a: w.correspondence.aFileId,
        build: (id) => get(`/correspondence-files/${id}`),
      },
    ],
  },
  'GET /messages': {
    hidden: (w) => [{ call: get('/messages'), notInData: w.correspondence.bMessageId }],
    cross: (w) => [
      {
        name: "B's messages",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/messages?affiliate_id=${id}`),
      },
    ],
  },
  'GET /messages/unread-count': {
    cross: (w) => [
      {
        name: "B's unread messages",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/messages/unread-count?affiliate_id=${id}`),
      },
    ],
  },
  'GET /affiliates/{id}/messages': {
    cross: (w) => [
      {
        name: "B's conversation",
        b: w.b.affiliateId,
        a: w.a.affiliateId,
        build: (id) => get(`/affiliates/${id}/messages`),
      },
    ],
  },
  'POST /affiliates/{id}/messages': {
    cross: (w) => [
      {
        name: 'a message to B',
        b: w.b.affiliateId,
        build: (id) => post(`/affiliates/${id}/messages`, { subject: 'Matrix', body: 'Hello' }),
      },
    ],
  },
  'POST /affiliates/{id}/messages/read': {
    cross: (w) => [
      {
        name: "B's conversation",
        b: w.b.affiliateId,
        build: (id) => post(`/affiliates/${id}/messages/read`),
      },
    ],
  },
  'POST /messages/{id}/read': {
    cross: (w) => [
      { name: "B's message", b: w.correspondence.bReplyId, build: (id) => post(`/messages/${id}/read`, {}) },
    ],
  },
};
