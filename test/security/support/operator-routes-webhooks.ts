import { del, type Entry, patch, post } from './operator-calls.ts';

const WEBHOOKS = "the operator's own webhook endpoints and their log: no affiliate's resource";

/** Operator webhooks (admin scope): refused to a manager and to a read-only key before any lookup. */
export const WEBHOOK_ROUTES: Record<string, Entry> = {
  'GET /webhooks': { none: WEBHOOKS, adminOnly: true },
  'POST /webhooks': {
    none: WEBHOOKS,
    adminOnly: true,
    write: () => post('/webhooks', { url: 'https://hooks.example.com/in', event_types: ['bill.approved'] }),
  },
  'GET /webhooks/log': { none: WEBHOOKS, adminOnly: true },
  'GET /webhooks/{id}': { none: WEBHOOKS, adminOnly: true },
  'PATCH /webhooks/{id}': {
    none: WEBHOOKS,
    adminOnly: true,
    write: () => patch('/webhooks/1', { description: 'matrix' }),
  },
  'DELETE /webhooks/{id}': { none: WEBHOOKS, adminOnly: true, write: () => del('/webhooks/1') },
  'POST /webhooks/{id}/rotate-secret': {
    none: WEBHOOKS,
    adminOnly: true,
    write: () => post('/webhooks/1/rotate-secret', {}),
  },
  'POST /webhooks/{id}/test': { none: WEBHOOKS, adminOnly: true, write: () => post('/webhooks/1/test') },
  'POST /webhooks/{id}/replay': {
    none: WEBHOOKS,
    adminOnly: true,
    write: () => post('/webhooks/1/replay', {}),
  },
  'POST /webhooks/deliveries/{id}/replay': {
    none: WEBHOOKS,
    adminOnly: true,
    write: () => post('/webhooks/deliveries/1/replay'),
  },
};
